from django.db import migrations

from accounts.roles import (
    REVIEWERS,
    assign_workflow_to_model,
    group_task,
    sync_roles,
    workflow_with_tasks,
)

WORKFLOW = "Application review"
SCREENING = "Screening"
ASSESSMENT = "Expert assessment"
DECISION = "Decision"


def create_workflow(apps, schema_editor):
    """The "Application review" workflow: screening by the reviewers, assessment by the
    experts they assign, decision by the reviewers; assigned to every Application."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    ExpertAssessmentTask = apps.get_model("submissions", "ExpertAssessmentTask")
    screening = group_task(apps, "submissions.ScreeningTask", SCREENING, [REVIEWERS])
    assessment = ExpertAssessmentTask.objects.filter(name=ASSESSMENT).first()
    if assessment is None:
        assessment = ExpertAssessmentTask.objects.create(
            name=ASSESSMENT,
            content_type=ContentType.objects.get_or_create(
                app_label="submissions", model="expertassessmenttask"
            )[0],
        )
    assessment.reviewer_groups.add(Group.objects.get(name=REVIEWERS))
    decision = group_task(apps, "submissions.DecisionTask", DECISION, [REVIEWERS])
    workflow = workflow_with_tasks(apps, WORKFLOW, [screening, assessment, decision])
    assign_workflow_to_model(apps, workflow, "submissions", "Application")


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0007_applications"),
        ("accounts", "0006_sent_emails"),
    ]

    operations = [
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
