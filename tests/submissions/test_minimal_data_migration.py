"""Migration ``submissions.0017`` on a site that already holds registrations and an access
log: the old demo database (``tests/upgrade``), given an individual who registered with
an IIN and a country, and accesses with full addresses, the way the old code left them;
migrated forward by ``manage.py migrate`` in a process of its own. Then no job title, no
individual's IIN or country and no address is left, in the rows or in the registrations'
stored revisions, and the legal entities keep their BIN."""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

OLD_DATABASE = Path(settings.BASE_DIR) / "tests" / "upgrade" / "db-c8efb31.sqlite3.gz"

IIN = "900203000002"
ADDRESSES = {
    "203.0.113.57": "203.0.113.0/24",
    "2001:db8:85a3:1:2::7": "2001:db8:85a3::/48",
}


def manage(workspace, database, *arguments):
    """``manage.py`` on ``database`` in a process of its own, as a site runs it."""
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


def revisions_of_registrations(connection):
    return connection.execute(
        "SELECT r.id, r.object_id, r.content FROM wagtailcore_revision r"
        " JOIN django_content_type t ON t.id = r.base_content_type_id"
        " WHERE t.app_label = 'submissions' AND t.model = 'registrationrequest'"
    ).fetchall()


def test_the_migration_keeps_only_what_the_policy_lists(tmp_path):
    database = tmp_path / "old.sqlite3"
    with gzip.open(OLD_DATABASE) as packed, open(database, "wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    with sqlite3.connect(database) as old:
        profiles = dict(
            old.execute("SELECT id, position FROM submissions_applicantprofile")
        )
        assert len(profiles) == 2 and all(profiles.values()), "two with a job title"
        legal, person = sorted(profiles)
        # the second applicant, as an individual of the old form: IIN and country
        for table, key in (
            ("submissions_applicantprofile", "id"),
            ("submissions_registrationrequest", "profile_id"),
        ):
            old.execute(
                f"UPDATE {table} SET person_type = 'individual', organization = '',"
                f" bin_iin = ?, country = 'Узбекистан' WHERE {key} = ?",
                [IIN, person],
            )
        person_registration = old.execute(
            "SELECT id FROM submissions_registrationrequest WHERE profile_id = ?",
            [person],
        ).fetchone()[0]
        revisions = revisions_of_registrations(old)
        assert revisions and all("position" in json.loads(r[2]) for r in revisions)
        for revision_id, object_id, content in revisions:
            content = json.loads(content)
            if object_id == str(person_registration):
                content |= {
                    "person_type": "individual",
                    "bin_iin": IIN,
                    "country": "Узбекистан",
                }
                old.execute(
                    "UPDATE wagtailcore_revision SET content = ? WHERE id = ?",
                    [json.dumps(content), revision_id],
                )
        user = old.execute("SELECT id FROM accounts_user LIMIT 1").fetchone()[0]
        for address in [*ADDRESSES, None]:
            old.execute(
                "INSERT INTO submissions_accesslog"
                " (actor_id, applicant_id, action, what, at, ip_address)"
                " VALUES (?, ?, 'view', ?, '2026-03-02 10:00:00', ?)",
                [user, user, f"opened from {address}", address],
            )

    migrated = manage(tmp_path, database, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr

    with sqlite3.connect(database) as new:
        for table in (
            "submissions_applicantprofile",
            "submissions_registrationrequest",
        ):
            columns = [row[1] for row in new.execute(f"PRAGMA table_info({table})")]
            assert "position" not in columns and "phone" in columns
        rows = {
            row[0]: row[1:]
            for row in new.execute(
                "SELECT id, person_type, bin_iin, country, phone"
                " FROM submissions_applicantprofile"
            )
        }
        assert rows[person][:3] == ("individual", "", "")
        assert rows[person][3]  # the phone stays: optional, its purpose stated
        assert rows[legal][:2] == ("legal_entity", "210340007774")  # the BIN stays
        registrations = new.execute(
            "SELECT bin_iin, country FROM submissions_registrationrequest"
            " WHERE profile_id = ?",
            [person],
        ).fetchall()
        assert registrations == [("", "")]
        for _id, object_id, content in revisions_of_registrations(new):
            content = json.loads(content)
            assert "position" not in content
            if object_id == str(person_registration):
                assert (content["bin_iin"], content["country"]) == ("", "")
            else:
                assert content["bin_iin"]
        columns = [
            row[1] for row in new.execute("PRAGMA table_info(submissions_accesslog)")
        ]
        assert "ip_address" not in columns
        networks = dict(new.execute("SELECT what, network FROM submissions_accesslog"))
        assert networks == {
            **{f"opened from {a}": network for a, network in ADDRESSES.items()},
            "opened from None": "",
        }
        everything = repr(
            [
                new.execute(f"SELECT * FROM {table}").fetchall()
                for table in (
                    "submissions_applicantprofile",
                    "submissions_registrationrequest",
                    "wagtailcore_revision",
                )
            ]
        )
        assert IIN not in everything and "Узбекистан" not in everything
        for position in profiles.values():
            assert position not in everything
