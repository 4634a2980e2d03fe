from django.db import migrations


def retire(apps, schema_editor):
    """Wagtail's starter "Moderators approval" workflow belongs to the "Moderators" group the
    portal's roles replaced: with nobody left to approve, submissions would wait forever.
    Editors publish informational pages themselves; the policy has its own workflow."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        task_ids = WorkflowTask.objects.filter(workflow=workflow).values("task_id")
        orphaned = not GroupApprovalTask.objects.filter(
            task_ptr_id__in=task_ids, groups__isnull=False
        ).exists()
        if orphaned:
            WorkflowPage.objects.filter(workflow=workflow).delete()
            workflow.active = False
            workflow.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
