"""The consent ledger checks itself: a walk along the hash chain that finds every row
changed, removed or inserted behind the ledger's back (``manage.py
verify_consent_ledger``), the check of one person's records for their certificate, and
whether the database's guard is in place."""

from dataclasses import dataclass

from django.db import connection

from policy import chain
from policy.models import ConsentLedgerHead, ConsentRecord, PolicyEdition

# The triggers of migrations 0013 and 0015 (their SQL is frozen there; these are their
# names).
GUARD_TRIGGERS = {
    "postgresql": {
        "policy_consentrecord_guard_update",
        "policy_consentrecord_guard_delete",
        "policy_consentrecord_guard_language",
    },
    "sqlite": {
        "policy_consentrecord_guard_delete",
        "policy_consentrecord_guard_frozen",
        "policy_consentrecord_guard_withdrawal",
        "policy_consentrecord_guard_person",
        "policy_consentrecord_guard_language",
    },
}

CHANGED = "changed"
REMOVED = "removed"
INSERTED = "inserted"
UNGUARDED = "unguarded"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the ledger: its kind, the ledger rows it concerns (their
    numbers, ``sequence``) and what was found, in words."""

    kind: str
    rows: tuple
    message: str

    def __str__(self):
        rows = ", ".join(str(row) for row in self.rows)
        where = f" (row {rows})" if len(self.rows) == 1 else f" (rows {rows})"
        return f"{self.kind}{where if self.rows else ''}: {self.message}"


@dataclass(frozen=True)
class RecordCheck:
    """What the chain says of one record: whether its content, its network and browser
    and its withdrawal still match their hashes."""

    content: bool
    evidence: bool
    withdrawal: bool

    @property
    def intact(self):
        return self.content and self.evidence and self.withdrawal


def edition_numbers():
    return dict(PolicyEdition.objects.values_list("pk", "number"))


def check_record(record, edition_number):
    """The record against its own hashes (its place in the chain aside)."""
    return RecordCheck(
        content=chain.record_hash(record, edition_number) == record.record_hash,
        evidence=chain.evidence_hash(record) == record.evidence_hash,
        withdrawal=chain.withdrawal_hash(record) == record.withdrawal_hash,
    )


def record_problems(record, check):
    """The findings about one record's own hashes."""
    problems = []
    row = (record.sequence,)
    if not check.content:
        problems.append(
            Finding(
                CHANGED,
                row,
                f"record {record.pk} no longer matches its hash: what was agreed, "
                "by whom, when or through which form was changed",
            )
        )
    if not check.evidence:
        problems.append(
            Finding(
                CHANGED,
                row,
                f"record {record.pk}: the network or browser no longer match their "
                "hash",
            )
        )
    if not check.withdrawal:
        problems.append(
            Finding(
                CHANGED,
                row,
                f"record {record.pk}: the withdrawal no longer matches its hash "
                "(added, changed or undone behind the ledger's back)",
            )
        )
    return problems


def guard_installed(using=connection):
    """Whether the database's triggers of migration 0013 are all there."""
    wanted = GUARD_TRIGGERS.get(using.vendor)
    if wanted is None:
        return False
    with using.cursor() as cursor:
        if using.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = %s",
                [ConsentRecord._meta.db_table],
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger"
                " WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgenabled <> 'D'",
                [ConsentRecord._meta.db_table],
            )
        present = {name for (name,) in cursor.fetchall()}
    return wanted <= present


def verify_ledger():
    """Walk the whole ledger in order; returns (rows walked, findings). No finding: every
    row is where it was put, as it was put, and the end of the ledger is its last."""
    findings = []
    if not guard_installed():
        findings.append(
            Finding(
                UNGUARDED,
                (),
                "the database's guard (the triggers of migration 0013) is missing "
                "or disabled",
            )
        )
    numbers = edition_numbers()
    head = ConsentLedgerHead.objects.filter(pk=ConsentLedgerHead.PK).first()
    length = head.length if head else 0
    expected, previous_hash, walked, withdrawn = 1, chain.GENESIS, 0, 0
    for record in ConsentRecord.objects.order_by("sequence").iterator(chunk_size=2000):
        walked += 1
        withdrawn += record.withdrawn_at is not None
        if record.sequence > expected:
            missing = tuple(range(expected, min(record.sequence, length + 1)))
            if missing:
                findings.append(
                    Finding(
                        REMOVED,
                        missing,
                        f"missing from the ledger before row {record.sequence}",
                    )
                )
        elif record.previous_hash != previous_hash:
            findings.append(
                Finding(
                    INSERTED,
                    (record.sequence,),
                    f"record {record.pk} does not follow the row before it: a row was "
                    "inserted or replaced here",
                )
            )
        if record.sequence > length:
            findings.append(
                Finding(
                    INSERTED,
                    (record.sequence,),
                    f"record {record.pk} is beyond the end of the ledger "
                    f"({length} rows): it was added behind the ledger's back",
                )
            )
        findings += record_problems(
            record, check_record(record, numbers.get(record.edition_id))
        )
        expected, previous_hash = record.sequence + 1, record.record_hash
    if expected <= length:
        findings.append(
            Finding(
                REMOVED,
                tuple(range(expected, length + 1)),
                f"the ledger's last {length - expected + 1} row(s) are missing",
            )
        )
    elif (
        head is not None and expected - 1 == length and previous_hash != head.last_hash
    ):
        findings.append(
            Finding(
                CHANGED,
                (length,),
                "the last row is not the one the end of the ledger names",
            )
        )
    if head is not None and withdrawn != head.withdrawals:
        findings.append(
            Finding(
                CHANGED,
                (),
                f"{withdrawn} records are withdrawn, the ledger recorded "
                f"{head.withdrawals} withdrawals: a withdrawal was undone or added "
                "behind its back",
            )
        )
    return walked, findings


def chain_links(records):
    """{record pk: whether it follows the row before it in the ledger} for ``records``
    (one query for their predecessors)."""
    previous = dict(
        ConsentRecord.objects.filter(
            sequence__in=[r.sequence - 1 for r in records if r.sequence > 1]
        ).values_list("sequence", "record_hash")
    )
    previous[0] = chain.GENESIS
    return {
        record.pk: previous.get(record.sequence - 1) == record.previous_hash
        for record in records
    }
