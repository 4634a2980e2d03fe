"""The existing consent records are chained in the order they were made (by id), their
addresses turned into networks (``core.network.network_of``), the person turned into a
keyed digest; the records of people already replaced by a pseudonym lose their network
and browser. Going back leaves the columns to migration 0010's reverse."""

from django.db import migrations

from core.network import network_of
from policy import chain

CHAIN_FIELDS = [
    "sequence",
    "previous_hash",
    "network",
    "user_agent",
    "person_digest",
    "record_hash",
    "evidence_hash",
    "withdrawal_hash",
]


def chain_existing_records(apps, schema_editor):
    ConsentRecord = apps.get_model("policy", "ConsentRecord")
    PolicyEdition = apps.get_model("policy", "PolicyEdition")
    ConsentLedgerHead = apps.get_model("policy", "ConsentLedgerHead")
    numbers = dict(PolicyEdition.objects.values_list("pk", "number"))
    previous, sequence, withdrawals = chain.GENESIS, 0, 0
    for record in ConsentRecord.objects.order_by("pk").iterator():
        sequence += 1
        record.sequence = sequence
        record.previous_hash = previous
        if chain.is_pseudonym(record.email):
            record.network, record.user_agent = None, ""
        else:
            record.network = network_of(record.ip_address)
        record.person_digest = chain.person_digest(record.user_id, record.email)
        record.record_hash = chain.record_hash(record, numbers[record.edition_id])
        record.evidence_hash = chain.evidence_hash(record)
        record.withdrawal_hash = chain.withdrawal_hash(record)
        record.save(update_fields=CHAIN_FIELDS)
        previous = record.record_hash
        withdrawals += record.withdrawn_at is not None
    ConsentLedgerHead.objects.create(
        pk=1, length=sequence, last_hash=previous, withdrawals=withdrawals
    )


class Migration(migrations.Migration):
    dependencies = [("policy", "0010_consent_ledger_chain")]

    operations = [
        migrations.RunPython(chain_existing_records, migrations.RunPython.noop),
    ]
