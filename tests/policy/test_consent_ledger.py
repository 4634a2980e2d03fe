"""The consent ledger proves itself: the database refuses to delete a record or change it
beyond a withdrawal and the person's pseudonymisation, each record is chained to the one
before by its hash, and ``verify_consent_ledger`` finds what was changed, removed or
inserted behind the ledger's back."""

import threading
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from core.network import keyed_digest
from policy import chain
from policy.consent import (
    pseudonymise_consents,
    pseudonymise_consents_of_address,
    record_consent,
    record_policy_consents,
    withdraw_consent,
    withdraw_consents,
    withdraw_consents_of_address,
)
from policy.ledger import guard_installed, verify_ledger
from policy.models import ConsentLedgerHead, ConsentRecord, ImmutableRecordError
from tests.factories import PolicyPageFactory, UserFactory

pytestmark = pytest.mark.django_db

TABLE = ConsentRecord._meta.db_table
PSEUDONYM = "person-0123456789abcdef@anonymised.invalid"


@pytest.fixture
def edition(home_page):
    return PolicyPageFactory(parent=home_page, published=True).editions.get()


@pytest.fixture
def person(db):
    return UserFactory(email="aigerim@example.kz")


def give(rf, edition, user=None, email="aigerim@example.kz", **kwargs):
    request = rf.post("/register/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux)")
    request.META["REMOTE_ADDR"] = kwargs.pop("address", "203.0.113.7")
    return record_consent(
        edition=edition,
        purpose=kwargs.pop("purpose", ConsentRecord.PERSONAL_DATA_PROCESSING),
        email=email,
        form_name="registration",
        request=request,
        user=user,
    )


@pytest.fixture
def ledger(rf, edition, person):
    """Three records: two of the person's (a registration), one of someone else's."""
    request = rf.post("/register/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux)")
    request.META["REMOTE_ADDR"] = "203.0.113.7"
    records = record_policy_consents(
        edition=edition,
        email=person.email,
        form_name="registration",
        request=request,
        user=person,
    )
    records.append(
        give(rf, edition, email="someone@example.kz", address="198.51.100.9")
    )
    return records


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def refused(statement, params=()):
    """The database's answer to ``statement``: the guard's message."""
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        sql(statement, params)
    return str(refusal.value)


@contextmanager
def guard_lifted():
    """Someone with the database's keys works behind the ledger's back: the guard's
    triggers dropped (SQLite) or disabled (PostgreSQL) meanwhile."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = %s",
                [TABLE],
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
        else:
            # the foreign keys' checks still pending in the test's transaction first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f'ALTER TABLE "{TABLE}" DISABLE TRIGGER USER')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for _name, definition in triggers:
                    cursor.execute(definition)
            else:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f'ALTER TABLE "{TABLE}" ENABLE TRIGGER USER')
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def verification_fails():
    """What ``verify_consent_ledger`` says when it fails (it must)."""
    with pytest.raises(CommandError) as failure:
        call_command("verify_consent_ledger", stderr=(errors := _Output()))
    assert failure.value.returncode == 1
    return f"{failure.value}\n{errors.text}"


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


# --- the database's guard -----------------------------------------------------------------


def test_the_guard_is_installed_by_the_migrations():
    assert guard_installed()


def test_the_database_refuses_to_delete_a_record(ledger):
    message = refused(f"DELETE FROM {TABLE} WHERE sequence = 2")
    assert "never deleted" in message
    assert refused(f"DELETE FROM {TABLE}")
    assert ConsentRecord.objects.count() == 3


@pytest.mark.parametrize(
    "change",
    [
        "purpose = 'policy_acceptance'",
        "text_sha256 = '" + "0" * 64 + "'",
        "form_name = 'imported'",
        "given_at = '2020-01-01 00:00:00'",
        "sequence = sequence + 10",
        "user_id = NULL",
        "person_digest = 'someone else'",
        "record_hash = previous_hash",
        "previous_hash = record_hash",
        "edition_id = edition_id + 1",
    ],
)
def test_the_database_refuses_to_change_what_was_agreed(ledger, change):
    first = ledger[1]  # the consent to processing, given by an account
    message = refused(f"UPDATE {TABLE} SET {change} WHERE id = %s", [first.pk])
    assert "never changes" in message
    stored = ConsentRecord.objects.get(pk=first.pk)
    assert (stored.purpose, stored.user_id, stored.record_hash) == (
        first.purpose,
        first.user_id,
        first.record_hash,
    )


def test_the_database_lets_a_withdrawal_be_recorded_once(ledger):
    record = ledger[0]
    where = f"WHERE id = {record.pk}"
    # a withdrawal without its hash is not one
    assert "withdrawal" in refused(
        f"UPDATE {TABLE} SET withdrawn_at = given_at {where}"
    )
    sql(
        f"UPDATE {TABLE} SET withdrawn_at = given_at, withdrawal_reason = 'by letter',"
        f" withdrawal_hash = 'h' {where}"
    )
    assert "recorded once" in refused(
        f"UPDATE {TABLE} SET withdrawal_reason = 'changed my mind' {where}"
    )
    assert refused(f"UPDATE {TABLE} SET withdrawn_at = NULL {where}")
    assert ConsentRecord.objects.get(pk=record.pk).withdrawal_reason == "by letter"


def test_the_database_lets_the_person_be_pseudonymised_once(ledger):
    record = ledger[0]
    where = f"WHERE id = {record.pk}"
    erased = "user_agent = '', network = NULL, evidence_hash = ''"
    # the e-mail changes only to a pseudonym, the browser and network erased with it
    assert "pseudonym" in refused(
        f"UPDATE {TABLE} SET email = 'other@example.kz', {erased} {where}"
    )
    assert refused(f"UPDATE {TABLE} SET email = '{PSEUDONYM}' {where}")
    assert refused(f"UPDATE {TABLE} SET user_agent = '' {where}")
    assert refused(f"UPDATE {TABLE} SET network = '192.0.2.0/24' {where}")
    sql(f"UPDATE {TABLE} SET email = '{PSEUDONYM}', {erased} {where}")
    # and never again, nor back
    again = "person-ffffffffffffffff@anonymised.invalid"
    assert refused(f"UPDATE {TABLE} SET email = '{again}' {where}")
    assert refused(f"UPDATE {TABLE} SET email = 'aigerim@example.kz' {where}")
    assert refused(f"UPDATE {TABLE} SET user_agent = 'Mozilla/5.0' {where}")
    assert ConsentRecord.objects.get(pk=record.pk).email == PSEUDONYM


def test_an_update_that_changes_nothing_passes(ledger):
    sql(f"UPDATE {TABLE} SET email = email, network = network")
    assert ConsentRecord.objects.filter(email="aigerim@example.kz").count() == 2


def test_the_orm_refuses_bulk_changes(ledger, edition):
    records = ConsentRecord.objects.filter(email="aigerim@example.kz")
    with pytest.raises(ImmutableRecordError, match="not updated"):
        records.update(email="x@example.kz")
    with pytest.raises(ImmutableRecordError, match="never deleted"):
        records.delete()
    with pytest.raises(ImmutableRecordError):
        ConsentRecord._base_manager.filter(pk=ledger[0].pk).update(
            withdrawal_reason="x"
        )
    record = ConsentRecord.objects.get(pk=ledger[0].pk)
    record.user_agent = ""
    with pytest.raises(ImmutableRecordError):
        ConsentRecord.objects.bulk_update([record], ["user_agent"])
    with pytest.raises(ImmutableRecordError):
        record.save()
    with pytest.raises(ImmutableRecordError, match="one at a time"):
        ConsentRecord.objects.bulk_create([ConsentRecord(edition=edition)])
    assert (
        ConsentRecord.objects.get(pk=record.pk).user_agent == "Mozilla/5.0 (X11; Linux)"
    )


# --- the chain ----------------------------------------------------------------------------


def test_each_record_is_chained_to_the_one_before(ledger, edition):
    records = list(ConsentRecord.objects.order_by("sequence"))
    assert [r.sequence for r in records] == [1, 2, 3]
    assert records[0].previous_hash == chain.GENESIS
    assert records[1].previous_hash == records[0].record_hash
    assert records[2].previous_hash == records[1].record_hash
    for record in records:
        assert record.record_hash == chain.record_hash(record, edition.number)
        assert len(record.record_hash) == 64
    head = ConsentLedgerHead.objects.get()
    assert (head.length, head.last_hash) == (3, records[2].record_hash)
    assert verify_ledger() == (3, [])


def test_the_network_is_kept_never_the_address(ledger):
    stored = ConsentRecord.objects.get(pk=ledger[2].pk)
    assert stored.network == "198.51.100.0/24"
    assert stored.user_agent == "Mozilla/5.0 (X11; Linux)"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {TABLE}")
        assert "198.51.100.9" not in repr(cursor.fetchall())


def test_the_person_enters_the_hash_through_a_keyed_digest(ledger, person):
    own, other = ConsentRecord.objects.get(pk=ledger[0].pk), ledger[2]
    assert own.person_digest == keyed_digest("consent-person", f"user:{person.pk}")
    # a person without an account (represented by an applicant): their e-mail's digest
    assert other.person_digest == keyed_digest(
        "consent-person", "email:someone@example.kz"
    )
    content = chain.canonical_content(own, own.edition.number)
    assert person.email not in repr(content)
    assert content["person_digest"] == own.person_digest


def test_pseudonymisation_and_withdrawal_keep_the_chain_valid(ledger, person):
    before = {r.pk: r.record_hash for r in ConsentRecord.objects.all()}
    assert withdraw_consents(person, reason="Request no. 7") == 2
    assert pseudonymise_consents(person, PSEUDONYM) == 2
    mine = ConsentRecord.objects.filter(user=person)
    assert {r.email for r in mine} == {PSEUDONYM}
    assert {(r.network, r.user_agent, r.evidence_hash) for r in mine} == {
        (None, "", "")
    }
    assert all(r.withdrawal_reason == "Request no. 7" for r in mine)
    assert {r.pk: r.record_hash for r in ConsentRecord.objects.all()} == before
    # the other person's record is untouched
    assert ConsentRecord.objects.get(pk=ledger[2].pk).email == "someone@example.kz"
    # once only: again changes nothing
    assert pseudonymise_consents(person, "person-ffff@anonymised.invalid") == 0
    assert withdraw_consents(person, reason="again") == 0
    assert ConsentLedgerHead.objects.get().withdrawals == 2
    out = _Output()
    call_command("verify_consent_ledger", stdout=out)
    assert "verifies: 3 rows" in out.text


def test_a_person_without_an_account_is_withdrawn_and_pseudonymised_by_address(
    ledger, person
):
    # the third record: given by someone@ without an account (a person represented)
    assert withdraw_consents_of_address("Someone@example.kz", reason="erasure") == 1
    assert pseudonymise_consents_of_address("someone@example.kz", PSEUDONYM) == 1
    record = ConsentRecord.objects.get(pk=ledger[2].pk)
    assert (record.email, record.network, record.user_agent) == (PSEUDONYM, None, "")
    assert record.withdrawal_reason == "erasure"
    # the account holder's records are the account's to erase, not the address's
    assert withdraw_consents_of_address(person.email) == 0
    assert pseudonymise_consents_of_address(person.email, PSEUDONYM) == 0
    assert verify_ledger()[1] == []


def test_pseudonymisation_takes_a_pseudonym_only(ledger, person):
    with pytest.raises(ValueError):
        pseudonymise_consents(person, "new-address@example.kz")


def test_a_withdrawal_for_some_purposes_leaves_the_others(ledger, person):
    withdraw_consents(
        person, reason="no longer", purposes=[ConsentRecord.POLICY_ACCEPTANCE]
    )
    states = dict(
        ConsentRecord.objects.filter(user=person).values_list("purpose", "withdrawn_at")
    )
    assert states[ConsentRecord.POLICY_ACCEPTANCE] is not None
    assert states[ConsentRecord.PERSONAL_DATA_PROCESSING] is None
    record = withdraw_consent(ConsentRecord.objects.get(pk=ledger[1].pk), "later")
    assert record.withdrawal_hash == chain.withdrawal_hash(record)
    assert verify_ledger()[1] == []


# --- verify_consent_ledger ----------------------------------------------------------------


def test_an_intact_ledger_verifies(ledger):
    out = _Output()
    call_command("verify_consent_ledger", stdout=out)
    assert "The consent ledger verifies: 3 rows" in out.text
    assert ConsentLedgerHead.objects.get().last_hash in out.text


def test_a_row_changed_behind_its_back_is_found(ledger):
    with guard_lifted():
        sql(f"UPDATE {TABLE} SET purpose = 'policy_acceptance' WHERE sequence = 2")
    report = verification_fails()
    assert "changed (row 2)" in report and "rows 2." in report
    assert "row 1)" not in report and "row 3)" not in report


def test_a_row_rewritten_with_a_new_hash_breaks_the_chain_after_it(ledger, edition):
    record = ConsentRecord.objects.get(sequence=2)
    record.form_name = "imported"
    forged = chain.record_hash(record, edition.number)
    with guard_lifted():
        sql(
            f"UPDATE {TABLE} SET form_name = 'imported', record_hash = %s"
            " WHERE sequence = 2",
            [forged],
        )
    report = verification_fails()
    assert "inserted (row 3)" in report and "does not follow" in report


def test_a_row_removed_behind_its_back_is_found(ledger):
    with guard_lifted():
        sql(f"DELETE FROM {TABLE} WHERE sequence = 2")
    report = verification_fails()
    assert "removed (row 2)" in report


def test_the_last_row_removed_is_found(ledger):
    with guard_lifted():
        sql(f"DELETE FROM {TABLE} WHERE sequence = 3")
    assert "removed (row 3)" in verification_fails()


def test_a_row_inserted_behind_its_back_is_found(ledger, edition, person):
    # a forger who knows the format: a well-formed row, chained to the last one
    last = ConsentRecord.objects.get(sequence=3)
    forged = ConsentRecord(
        user=person,
        email=person.email,
        edition=edition,
        text_sha256=edition.text_sha256,
        purpose=ConsentRecord.POLICY_ACCEPTANCE,
        given_at=last.given_at,
        form_name="registration",
        sequence=4,
        previous_hash=last.record_hash,
        person_digest=chain.person_digest(person.pk, person.email),
    )
    forged.record_hash = chain.record_hash(forged, edition.number)
    sql(
        f"INSERT INTO {TABLE} (user_id, email, edition_id, text_sha256, purpose,"
        " given_at, network, user_agent, form_name, withdrawal_reason, sequence,"
        " person_digest, previous_hash, record_hash, evidence_hash, withdrawal_hash)"
        f" SELECT user_id, email, edition_id, %s, %s, given_at, NULL, '', form_name,"
        f" '', 4, person_digest, %s, %s, '', '' FROM {TABLE} WHERE id = %s",
        [
            forged.text_sha256,
            forged.purpose,
            forged.previous_hash,
            forged.record_hash,
            ledger[1].pk,
        ],
    )
    report = verification_fails()
    assert "inserted (row 4)" in report and "beyond the end of the ledger" in report


def test_a_withdrawal_undone_behind_its_back_is_found(ledger, person):
    withdraw_consents(person, reason="by letter")
    with guard_lifted():
        sql(
            f"UPDATE {TABLE} SET withdrawn_at = NULL, withdrawal_reason = '',"
            " withdrawal_hash = '' WHERE sequence = 1"
        )
    assert "a withdrawal was undone" in verification_fails()


def test_a_withdrawal_changed_behind_its_back_is_found(ledger, person):
    withdraw_consents(person, reason="by letter")
    with guard_lifted():
        sql(f"UPDATE {TABLE} SET withdrawn_at = given_at WHERE sequence = 2")
    report = verification_fails()
    assert "changed (row 2)" in report and "withdrawal" in report


def test_a_network_changed_behind_its_back_is_found(ledger):
    with guard_lifted():
        sql(f"UPDATE {TABLE} SET network = '192.0.2.0/24' WHERE sequence = 3")
    report = verification_fails()
    assert "changed (row 3)" in report and "network or browser" in report


def test_a_missing_guard_is_reported(ledger):
    with guard_lifted():
        assert not guard_installed()
        assert "unguarded" in verification_fails()
    assert guard_installed()


# --- two consents at once -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_consents_given_at_once_each_take_their_own_place():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL (SQLite serialises writers)")
    edition = PolicyPageFactory(published=True).editions.get()
    errors, barrier = [], threading.Barrier(8)

    def consent(n):
        try:
            barrier.wait()
            with transaction.atomic():
                record_consent(
                    edition=edition,
                    purpose=ConsentRecord.POLICY_ACCEPTANCE,
                    email=f"person{n}@example.kz",
                    form_name="registration",
                )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=consent, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(ConsentRecord.objects.values_list("sequence", flat=True)) == list(
        range(1, 9)
    )
    assert verify_ledger()[1] == []
