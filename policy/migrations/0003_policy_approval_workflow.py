from django.db import migrations

WORKFLOW = "Policy approval"
TASK = "Approval by the policy approvers"
APPROVERS = "Policy approvers"


def create_workflow(apps, schema_editor):
    """The "Policy approval" workflow with one group approval task for the policy approvers,
    assigned to every policy page that already exists (new ones get it when created)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PolicyPage = apps.get_model("policy", "PolicyPage")

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type)
    task.groups.add(Group.objects.get(name=APPROVERS))
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, sort_order=0)
    for page in PolicyPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0002_policyedition"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
