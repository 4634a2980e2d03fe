"""The table of the rate-limit counters (core.rate_limits) when there is no Redis: the
database cache "rate_limits" of the settings. ``createcachetable`` leaves an existing
table alone and does nothing for a cache that is not in the database."""

from django.core.management import call_command
from django.db import migrations


def create_counter_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunPython(create_counter_table, migrations.RunPython.noop),
    ]
