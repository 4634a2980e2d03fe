from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [("submissions", "0005_registration_verification_task")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
