from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [("submissions", "0009_disclosures")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
