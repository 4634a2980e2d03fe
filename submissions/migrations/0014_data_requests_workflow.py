from django.db import migrations

from accounts.roles import (
    REVIEWERS,
    assign_workflow_to_model,
    group_task,
    sync_roles,
    workflow_with_tasks,
)


def create_workflow(apps, schema_editor):
    """The "Data requests" workflow: the reviewers answer each data-subject request."""
    task = group_task(
        apps, "submissions.DataRequestTask", "Answer by the reviewers", [REVIEWERS]
    )
    workflow = workflow_with_tasks(apps, "Data requests", [task])
    assign_workflow_to_model(apps, workflow, "submissions", "DataSubjectRequest")


class Migration(migrations.Migration):
    dependencies = [("submissions", "0013_data_subject_requests")]

    operations = [
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
