"""The consent ledger proves itself (issue 15, items 4 and 5): the columns of the hash
chain (``policy.chain``) and of the network a consent came from, and the end of the
ledger in one row (``ConsentLedgerHead``). An account with consents can no longer be
deleted: accounts are anonymised, never deleted. Migration 0011 fills the chain, 0012
drops the addresses, 0013 puts the database's guard on the ledger."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0009_models_move_to_privacy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsentLedgerHead",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, primary_key=True, serialize=False
                    ),
                ),
                (
                    "length",
                    models.PositiveBigIntegerField(default=0, verbose_name="records"),
                ),
                (
                    "last_hash",
                    models.CharField(
                        default="0000000000000000000000000000000000000000000000000000000000000000",
                        max_length=64,
                        verbose_name="hash of the last record",
                    ),
                ),
                (
                    "withdrawals",
                    models.PositiveBigIntegerField(
                        default=0, verbose_name="withdrawals"
                    ),
                ),
            ],
            options={
                "verbose_name": "end of the consent ledger",
                "verbose_name_plural": "end of the consent ledger",
            },
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="network",
            field=models.CharField(
                blank=True,
                help_text="The network the consent came from (a /24 or /48), never the address.",
                max_length=49,
                null=True,
                verbose_name="network",
            ),
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="sequence",
            field=models.PositiveBigIntegerField(
                editable=False, null=True, verbose_name="ledger row"
            ),
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="person_digest",
            field=models.CharField(
                default="",
                editable=False,
                max_length=64,
                verbose_name="person (keyed digest)",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="previous_hash",
            field=models.CharField(
                default="",
                editable=False,
                max_length=64,
                verbose_name="hash of the previous row",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="record_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="record hash"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="evidence_hash",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=64,
                verbose_name="hash of the network and browser",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="withdrawal_hash",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=64,
                verbose_name="hash of the withdrawal",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="consentrecord",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="consents",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
    ]
