"""The ledger's migrations on a site that already holds consents: the old demo database
(``tests/upgrade``), its records given addresses, a withdrawal and an erased person the
way the old code left them, migrated forward by ``manage.py migrate`` in a process of its
own; then the chain verifies, the addresses are networks and the guard is in place."""

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

OLD_DATABASE = Path(settings.BASE_DIR) / "tests" / "upgrade" / "db-c8efb31.sqlite3.gz"


def manage(workspace, database, *arguments):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PYTEST_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{database}",
            "DEBUG": "false",
            "VAR_DIR": str(workspace / "var"),
            "MEDIA_ROOT": str(workspace / "media"),
            "PRIVATE_MEDIA_ROOT": str(workspace / "private"),
            "EMAIL_URL": "memory:",
            "TASKS_BACKEND": "immediate",
            "REDIS_URL": "",
            "S3_BUCKET": "",
            "CLAMD_SOCKET": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_records_a_site_holds_are_chained_and_lose_their_addresses(tmp_path):
    database = tmp_path / "old.sqlite3"
    with gzip.open(OLD_DATABASE) as packed, open(database, "wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    with sqlite3.connect(database) as old:
        ids = [row[0] for row in old.execute("SELECT id FROM policy_consentrecord")]
        assert len(ids) >= 4, "the old demo site holds consents"
        old.execute("UPDATE policy_consentrecord SET ip_address = '203.0.113.57'")
        old.execute(
            "UPDATE policy_consentrecord SET user_agent = 'Mozilla/5.0 (X11)'"
            " WHERE id = ?",
            [ids[0]],
        )
        # a withdrawal, and a person the old anonymisation replaced by a pseudonym
        old.execute(
            "UPDATE policy_consentrecord SET withdrawn_at = given_at,"
            " withdrawal_reason = 'by letter' WHERE id = ?",
            [ids[1]],
        )
        old.execute(
            "UPDATE policy_consentrecord SET email = 'deleted-0a1b2c@anonymised.invalid',"
            " user_agent = 'Mozilla/5.0 (gone)' WHERE id = ?",
            [ids[2]],
        )

    migrated = manage(tmp_path, database, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    verified = manage(tmp_path, database, "verify_consent_ledger")
    assert verified.returncode == 0, verified.stderr
    assert f"verifies: {len(ids)} rows" in verified.stdout

    with sqlite3.connect(database) as new:
        columns = [
            row[1] for row in new.execute("PRAGMA table_info(policy_consentrecord)")
        ]
        assert "ip_address" not in columns
        rows = {
            row[0]: row[1:]
            for row in new.execute(
                "SELECT id, sequence, network, user_agent, withdrawal_hash"
                " FROM policy_consentrecord"
            )
        }
        assert sorted(r[0] for r in rows.values()) == list(range(1, len(ids) + 1))
        assert rows[ids[0]][1:3] == ("203.0.113.0/24", "Mozilla/5.0 (X11)")
        assert rows[ids[1]][3] != ""  # the withdrawal has its hash
        assert rows[ids[2]][1:3] == (None, "")  # the erased person's evidence goes
        assert "203.0.113.57" not in repr(
            new.execute("SELECT * FROM policy_consentrecord").fetchall()
        )
        assert new.execute(
            "SELECT length, withdrawals FROM policy_consentledgerhead"
        ).fetchone() == (len(ids), 1)
        triggers = {
            row[0]
            for row in new.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'policy_consentrecord'"
            )
        }
        assert len(triggers) == 5  # 0013's four, and 0015's guard of the language
        # the old rows keep no language (chain format 1) and still verify (above)
        assert new.execute(
            "SELECT count(*) FROM policy_consentrecord WHERE language IS NOT NULL"
        ).fetchone() == (0,)
        try:
            new.execute("DELETE FROM policy_consentrecord")
        except sqlite3.IntegrityError as refusal:
            assert "never deleted" in str(refusal)
        else:  # pragma: no cover - the failure
            raise AssertionError("the migrated ledger let a DELETE through")
