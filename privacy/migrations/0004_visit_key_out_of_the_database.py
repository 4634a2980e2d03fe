"""The key of the day for visitor hashes leaves the database (it lives in the shared cache
until midnight, privacy.visits): its table goes, with the keys it held, and so do its
content type and permissions, which would otherwise point at no model."""

from django.db import migrations


def forget_the_model(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    types = ContentType.objects.filter(app_label="privacy", model="visitkey")
    Permission.objects.filter(content_type__in=types).delete()
    types.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_authority_notice"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.DeleteModel(name="VisitKey"),
        migrations.RunPython(forget_the_model, migrations.RunPython.noop),
    ]
