"""The data-subject requests, their task and form page now live in the privacy app (its migration 0001):
only Django's state forgets them here; the tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ('submissions', '0015_blocking'),
        ("privacy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='datarequesttask',
                    name='groups',
                ),
                migrations.RemoveField(
                    model_name='datarequesttask',
                    name='task_ptr',
                ),
                migrations.RemoveField(
                    model_name='datasubjectrequest',
                    name='latest_revision',
                ),
                migrations.RemoveField(
                    model_name='datasubjectrequest',
                    name='live_revision',
                ),
                migrations.RemoveField(
                    model_name='datasubjectrequest',
                    name='locked_by',
                ),
                migrations.RemoveField(
                    model_name='datasubjectrequest',
                    name='requester',
                ),
                migrations.DeleteModel(
                    name='DataRequestFormPage',
                ),
                migrations.DeleteModel(
                    name='DataRequestTask',
                ),
                migrations.DeleteModel(
                    name='DataSubjectRequest',
                ),
    
            ],
            database_operations=[],
        ),
    ]
