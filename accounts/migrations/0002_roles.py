from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Creates the staff groups of DESIGN.md with the Wagtail permissions each needs."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
