from django.db import migrations

WORKFLOW = "Registration verification"
TASK = "Verification by the reviewers"
REVIEWERS = "Reviewers"


def create_workflow(apps, schema_editor):
    """The "Registration verification" workflow: one group approval task for the
    reviewers, assigned to every RegistrationRequest (through its content type)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type)
    task.groups.add(Group.objects.get(name=REVIEWERS))
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, sort_order=0)
    registration_type, _created = ContentType.objects.get_or_create(
        app_label="submissions", model="registrationrequest"
    )
    WorkflowContentType.objects.get_or_create(
        content_type=registration_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
