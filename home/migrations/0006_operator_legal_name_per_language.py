"""The operator's legal name in each language of the portal: the Russian one is the name
kept so far, the Kazakh and English ones are new (empty: Russian is shown until filled)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_step_links_and_next_step"),
    ]

    operations = [
        migrations.RenameField(
            model_name="portalsettings",
            old_name="operator_legal_name",
            new_name="operator_legal_name_ru",
        ),
        migrations.AlterField(
            model_name="portalsettings",
            name="operator_legal_name_ru",
            field=models.CharField(
                blank=True,
                help_text="The company that processes the personal data, as registered.",
                max_length=255,
                verbose_name="operator's legal name (Russian)",
            ),
        ),
        migrations.AddField(
            model_name="portalsettings",
            name="operator_legal_name_kk",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="operator's legal name (Kazakh)"
            ),
        ),
        migrations.AddField(
            model_name="portalsettings",
            name="operator_legal_name_en",
            field=models.CharField(
                blank=True,
                max_length=255,
                verbose_name="operator's legal name (English)",
            ),
        ),
    ]
