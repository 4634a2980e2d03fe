"""Tasks queued before the modules moved (issue 13) carry their old dotted path; a worker
would no longer find them. Point the ones still waiting or running at the new modules.
Finished tasks keep the path they ran under: that is their history."""

from django.db import migrations

# Frozen here: old module -> new module of every task function that moved.
MOVED_TASK_MODULES = {
    "policy.data_export": "privacy.data_export",
    "policy.breaches": "privacy.breaches",
    "policy.retention": "privacy.retention",
    "submissions.data_requests": "privacy.data_requests",
    "submissions.registration": "submissions.registrations.register",
    "submissions.verification": "submissions.registrations.verification",
    "submissions.represented_consent": "submissions.registrations.represented_consent",
    "submissions.notifications": "submissions.applications.notifications",
}
UNFINISHED = ["READY", "RUNNING"]


def repoint(apps, schema_editor, moves):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for result in DBTaskResult.objects.filter(status__in=UNFINISHED):
        module, _, name = result.task_path.rpartition(".")
        if module in moves:
            result.task_path = f"{moves[module]}.{name}"
            result.save(update_fields=["task_path"])


def forward(apps, schema_editor):
    repoint(apps, schema_editor, MOVED_TASK_MODULES)


def backward(apps, schema_editor):
    repoint(apps, schema_editor, {new: old for old, new in MOVED_TASK_MODULES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forward, backward)]
