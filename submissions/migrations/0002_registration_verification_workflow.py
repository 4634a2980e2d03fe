from django.db import migrations

from accounts.migrations._frozen_roles import (
    assign_workflow_to_model,
    group_task,
    workflow_with_tasks,
)

REVIEWERS = "Reviewers"

WORKFLOW = "Registration verification"
TASK = "Verification by the reviewers"


def create_workflow(apps, schema_editor):
    """The "Registration verification" workflow: one group approval task for the
    reviewers, assigned to every RegistrationRequest (through its content type). Migration
    0005 replaces the task with the portal's own kind."""
    task = group_task(apps, "wagtailcore.GroupApprovalTask", TASK, [REVIEWERS])
    workflow = workflow_with_tasks(apps, WORKFLOW, [task])
    assign_workflow_to_model(apps, workflow, "submissions", "RegistrationRequest")


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
