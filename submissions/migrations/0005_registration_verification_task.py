from django.db import migrations

from accounts.migrations._frozen_roles import group_task, workflow_with_tasks

REVIEWERS = "Reviewers"

WORKFLOW = "Registration verification"
TASK = "Verification by the reviewers"


def use_registration_verification_task(apps, schema_editor):
    """Swap the workflow's plain group approval task for a RegistrationVerificationTask
    (which will not approve a registration still awaiting the consent of the person
    represented). The old task is renamed and deactivated; its history stays."""
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupApprovalTask.objects.filter(name=TASK).update(
        name=f"{TASK} (until the represented person's consent)"
    )
    task = group_task(
        apps, "submissions.RegistrationVerificationTask", TASK, [REVIEWERS]
    )
    workflow_with_tasks(apps, WORKFLOW, [task])


class Migration(migrations.Migration):
    dependencies = [("submissions", "0004_represented_consent")]

    operations = [
        migrations.RunPython(
            use_registration_verification_task, migrations.RunPython.noop
        )
    ]
