"""The ledger keeps the network a consent came from, never the address: the address
column goes (going back brings the column back, empty). Every record has its place in
the ledger now, once."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("policy", "0011_consent_ledger_fill")]

    operations = [
        migrations.RemoveField(model_name="consentrecord", name="ip_address"),
        migrations.AlterField(
            model_name="consentrecord",
            name="sequence",
            field=models.PositiveBigIntegerField(
                editable=False, unique=True, verbose_name="ledger row"
            ),
        ),
        migrations.AlterModelOptions(
            name="consentrecord",
            options={
                "base_manager_name": "objects",
                "ordering": ["-given_at", "-pk"],
                "verbose_name": "consent record",
                "verbose_name_plural": "consent records",
            },
        ),
    ]
