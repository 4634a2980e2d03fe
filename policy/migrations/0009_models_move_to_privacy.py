"""The visitor statistics, data exports and incidents now live in the privacy app (its migration 0001):
only Django's state forgets them here; the tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ('policy', '0008_breach_incidents'),
        ("privacy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='breachincident',
                    name='applicants',
                ),
                migrations.RemoveField(
                    model_name='breachincident',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='breachnotice',
                    name='incident',
                ),
                migrations.RemoveField(
                    model_name='breachnotice',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='DailyVisitor',
                ),
                migrations.RemoveField(
                    model_name='dataexport',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='PageVisits',
                ),
                migrations.DeleteModel(
                    name='VisitKey',
                ),
                migrations.DeleteModel(
                    name='BreachIncident',
                ),
                migrations.DeleteModel(
                    name='BreachNotice',
                ),
                migrations.DeleteModel(
                    name='DataExport',
                ),
    
            ],
            database_operations=[],
        ),
    ]
