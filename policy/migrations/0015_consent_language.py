"""The consent ledger records the language of the text shown.

``ConsentRecord.language`` is added as a nullable column with no default: SQLite adds it
with ALTER TABLE ADD COLUMN, without rebuilding the table, so the guard's triggers of
migration 0013 stay in place; and the rows already in the ledger keep NULL, which is
what marks them as chain format 1 (``policy.chain``): they are never updated, and they
verify as they were made. Every new row gets a language, covered by its record hash
(format 2).

The language joins the guard: a trigger of its own refuses any change of it (set once,
when the row is appended), on PostgreSQL and SQLite alike.
"""

from django.db import migrations, models

TABLE = "policy_consentrecord"
MESSAGE = "consent ledger: the language of the text shown never changes"

POSTGRESQL_INSTALL = [
    f"""
CREATE OR REPLACE FUNCTION policy_consent_language_guard() RETURNS trigger
LANGUAGE plpgsql AS $guard$
BEGIN
    IF NEW.language IS DISTINCT FROM OLD.language THEN
        RAISE EXCEPTION '{MESSAGE} (ledger row %)', OLD.sequence
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$guard$
""",
    f"CREATE TRIGGER policy_consentrecord_guard_language BEFORE UPDATE ON {TABLE}"
    " FOR EACH ROW EXECUTE FUNCTION policy_consent_language_guard()",
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS policy_consentrecord_guard_language ON {TABLE}",
    "DROP FUNCTION IF EXISTS policy_consent_language_guard()",
]
SQLITE_INSTALL = [
    f"CREATE TRIGGER policy_consentrecord_guard_language BEFORE UPDATE ON {TABLE}"
    " WHEN NEW.language IS NOT OLD.language"
    f" BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
]
SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS policy_consentrecord_guard_language"]


def run(schema_editor, statements):
    for statement in statements:
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
    dependencies = [("policy", "0014_consent_network_label")]

    operations = [
        migrations.AddField(
            model_name="consentrecord",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")],
                editable=False,
                help_text=(
                    "The language of the edition's text the person read and agreed "
                    "to; its hash is that text's own."
                ),
                max_length=8,
                null=True,
                verbose_name="language of the text shown",
            ),
        ),
        migrations.RunPython(install_guard, remove_guard),
    ]
