"""The database's guard on the consent ledger: whoever writes to the table, through the
portal or not, cannot delete a record, nor change one except in the two ways the ledger
allows, once each:

- the withdrawal: ``withdrawn_at``, ``withdrawal_reason`` and ``withdrawal_hash`` may be
  set only while ``withdrawn_at`` is empty, to a time (and a hash);
- the person's pseudonymisation: the e-mail may change only from an address to a
  pseudonym (``…@anonymised.invalid``), and in that same change the browser is emptied,
  the network and the hash that covers them cleared; never otherwise.

Everything else (the account, the edition, the text's hash, the purpose, when, the form,
the person's digest, the row's place and hashes) never changes. PostgreSQL: one plpgsql
function behind a BEFORE UPDATE and a BEFORE DELETE trigger; SQLite: four triggers that
RAISE(ABORT). Both answer with an integrity error. (PostgreSQL's TRUNCATE, which the
test suite's flush uses, is not a row operation; on SQLite ``policy``'s ``flush`` command
lifts the guard for the flush.)

A later migration that rebuilds the table on SQLite (Django does, to alter a column)
drops the triggers with the old table: it must put them back (see ``install_guard``);
``verify_consent_ledger`` reports a missing guard.
"""

from django.db import migrations

TABLE = "policy_consentrecord"
PSEUDONYM = "%@anonymised.invalid"
FROZEN = [
    "id",
    "sequence",
    "user_id",
    "edition_id",
    "text_sha256",
    "purpose",
    "given_at",
    "form_name",
    "person_digest",
    "previous_hash",
    "record_hash",
]
WITHDRAWAL = ["withdrawn_at", "withdrawal_reason", "withdrawal_hash"]
PERSON = ["email", "user_agent", "network", "evidence_hash"]

MESSAGES = {
    "delete": "consent ledger: a consent record is evidence and is never deleted",
    "frozen": (
        "consent ledger: what was agreed, by whom, when and through which form never "
        "changes"
    ),
    "withdrawal": "consent ledger: a withdrawal is recorded once and never changed",
    "person": (
        "consent ledger: the person is replaced by a pseudonym once, the browser and "
        "network erased with it, and never changed otherwise"
    ),
}


def columns(prefix, names):
    return ", ".join(f"{prefix}.{name}" for name in names)


def sqlite_changed(names):
    return " OR ".join(f"NEW.{name} IS NOT OLD.{name}" for name in names)


WITHDRAWAL_ALLOWED = (
    "OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL"
    " AND NEW.withdrawal_hash <> ''"
)
PSEUDONYMISATION_ALLOWED = (
    f"lower(OLD.email) NOT LIKE '{PSEUDONYM}' AND lower(NEW.email) LIKE '{PSEUDONYM}'"
    " AND NEW.user_agent = '' AND NEW.network IS NULL AND NEW.evidence_hash = ''"
)

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION policy_consent_ledger_guard() RETURNS trigger
LANGUAGE plpgsql AS $guard$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '{MESSAGES["delete"]} (ledger row %)', OLD.sequence
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF ({columns("NEW", FROZEN)}) IS DISTINCT FROM ({columns("OLD", FROZEN)}) THEN
        RAISE EXCEPTION '{MESSAGES["frozen"]} (ledger row %)', OLD.sequence
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF ({columns("NEW", WITHDRAWAL)}) IS DISTINCT FROM ({columns("OLD", WITHDRAWAL)})
       AND NOT ({WITHDRAWAL_ALLOWED}) THEN
        RAISE EXCEPTION '{MESSAGES["withdrawal"]} (ledger row %)', OLD.sequence
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF ({columns("NEW", PERSON)}) IS DISTINCT FROM ({columns("OLD", PERSON)})
       AND NOT ({PSEUDONYMISATION_ALLOWED}) THEN
        RAISE EXCEPTION '{MESSAGES["person"]} (ledger row %)', OLD.sequence
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$guard$
"""

POSTGRESQL_INSTALL = [
    POSTGRESQL_FUNCTION,
    f"CREATE TRIGGER policy_consentrecord_guard_update BEFORE UPDATE ON {TABLE}"
    " FOR EACH ROW EXECUTE FUNCTION policy_consent_ledger_guard()",
    f"CREATE TRIGGER policy_consentrecord_guard_delete BEFORE DELETE ON {TABLE}"
    " FOR EACH ROW EXECUTE FUNCTION policy_consent_ledger_guard()",
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS policy_consentrecord_guard_update ON {TABLE}",
    f"DROP TRIGGER IF EXISTS policy_consentrecord_guard_delete ON {TABLE}",
    "DROP FUNCTION IF EXISTS policy_consent_ledger_guard()",
]


def sqlite_trigger(name, event, when, message):
    when = f" WHEN {when}" if when else ""
    return (
        f"CREATE TRIGGER {name} BEFORE {event} ON {TABLE}{when}"
        f" BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


SQLITE_TRIGGERS = {
    "policy_consentrecord_guard_delete": ("DELETE", "", MESSAGES["delete"]),
    "policy_consentrecord_guard_frozen": (
        "UPDATE",
        sqlite_changed(FROZEN),
        MESSAGES["frozen"],
    ),
    "policy_consentrecord_guard_withdrawal": (
        "UPDATE",
        f"({sqlite_changed(WITHDRAWAL)}) AND NOT ({WITHDRAWAL_ALLOWED})",
        MESSAGES["withdrawal"],
    ),
    "policy_consentrecord_guard_person": (
        "UPDATE",
        f"({sqlite_changed(PERSON)}) AND NOT ({PSEUDONYMISATION_ALLOWED})",
        MESSAGES["person"],
    ),
}
SQLITE_INSTALL = [
    sqlite_trigger(name, *definition) for name, definition in SQLITE_TRIGGERS.items()
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]


def run(schema_editor, statements):
    for statement in statements:
        # no parameters: the statements' % signs are SQL's, not placeholders
        schema_editor.execute(statement, params=None)


def install_guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        run(schema_editor, POSTGRESQL_INSTALL)
    elif vendor == "sqlite":
        run(schema_editor, SQLITE_INSTALL)
    else:
        raise NotImplementedError(f"no consent-ledger guard for {vendor}")


def remove_guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        run(schema_editor, POSTGRESQL_REMOVE)
    elif vendor == "sqlite":
        run(schema_editor, SQLITE_REMOVE)


class Migration(migrations.Migration):
    dependencies = [("policy", "0012_consent_ledger_network_only")]

    operations = [migrations.RunPython(install_guard, remove_guard)]
