import django.db.models.deletion
from django.db import migrations, models

from accounts.migrations._frozen_roles import group_task, workflow_with_tasks

EDITORS = "Editors"
WORKFLOW = "Technology request approval"
TASK = "Approval by another editor"


def create_workflow(apps, schema_editor):
    """The "Technology request approval" workflow with one task, approved by an editor
    other than the one who submitted, assigned to every requests index that already
    exists (new ones get it when created: ``submissions.technology_requests.approval``)."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Index = apps.get_model("submissions", "TechnologyRequestIndexPage")
    task = group_task(apps, "submissions.EditorsApprovalTask", TASK, [EDITORS])
    workflow = workflow_with_tasks(apps, WORKFLOW, [task])
    for page in Index.objects.all():
        WorkflowPage.objects.get_or_create(
            page_id=page.pk, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0020_technology_requests"),
        ("accounts", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="EditorsApprovalTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
            ],
            options={
                "verbose_name": "approval by another editor",
                "verbose_name_plural": "approvals by another editor",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
