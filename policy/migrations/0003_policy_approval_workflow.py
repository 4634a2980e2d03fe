from django.db import migrations

from accounts.migrations._frozen_roles import group_task, workflow_with_tasks

POLICY_APPROVERS = "Policy approvers"

WORKFLOW = "Policy approval"
TASK = "Approval by the policy approvers"


def create_workflow(apps, schema_editor):
    """The "Policy approval" workflow with one group approval task for the policy approvers,
    assigned to every policy page that already exists (new ones get it when created)."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    PolicyPage = apps.get_model("policy", "PolicyPage")
    task = group_task(apps, "wagtailcore.GroupApprovalTask", TASK, [POLICY_APPROVERS])
    workflow = workflow_with_tasks(apps, WORKFLOW, [task])
    for page in PolicyPage.objects.all():
        WorkflowPage.objects.get_or_create(
            page_id=page.pk, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0002_policyedition"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
