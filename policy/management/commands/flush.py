"""Django's ``flush`` (empty every table), able to empty the consent ledger on SQLite.

On SQLite Django empties a table with DELETE, which the ledger's guard (migration 0013)
refuses row by row; this lifts the guard for the flush and puts the same triggers back
after it. PostgreSQL empties tables with TRUNCATE, which the guard's row triggers do not
see, so there it is Django's command unchanged. The test suite flushes after every test
that commits (the browser tests), so it needs this too.
"""

from django.core.management.commands import flush
from django.db import connections

from policy.models import ConsentRecord


class Command(flush.Command):
    help = flush.Command.help + (
        " On SQLite the consent ledger's guard is lifted for the flush and put back "
        "after it."
    )

    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = %s",
                [ConsentRecord._meta.db_table],
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
