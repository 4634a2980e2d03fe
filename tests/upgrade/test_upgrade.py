"""An old database migrates forward: the demo database made by commit c8efb31.

``db-c8efb31.sqlite3.gz`` was made by the code of c8efb31 (``migrate`` + ``load_demo
--password old-demo-2026``, plus a data request in its workflow, a data export, a breach
incident with its notice and a row of visit counts). What it holds is read here straight
from the file with the ``sqlite3`` module before anything migrates it, and the checks
expect exactly that (this module names only the file's tables, and asserts that the file
is the one described); then the current code's ``migrate`` runs on a copy and
``check_upgraded.py``, in a subprocess against the migrated copy, checks that every row the
old file had is still there, that every content type the workflows, revisions and audit
log point at is the current model's, and that the admin opens the migrated records.

On PostgreSQL (``DATABASE_URL=postgres://…``, the second pass of ``.ci/run``) the same
old data is put into a database of the test's own: ``old_schema.py`` builds the schema of
the migrations the old file records, every row of the file is copied in, and then the
current code migrates it forward and the same checks run. The private files of the old
site are not in the file; nothing here needs them.
"""

import gzip
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_FILE = Path(__file__).with_name("db-c8efb31.sqlite3.gz")
APPLICANT = "applicant@example.kz"
CHECK = "tests.upgrade.check_upgraded"
OLD_SCHEMA = "tests.upgrade.old_schema"
# The old file's own tables (c8efb31's names; the models may live elsewhere now)
OLD_APPLICATIONS = "submissions_application"
OLD_RECORDS = {  # model name: table in the old file
    "datasubjectrequest": "submissions_datasubjectrequest",
    "dataexport": "policy_dataexport",
    "breachincident": "policy_breachincident",
    "breachnotice": "policy_breachnotice",
    "pagevisits": "policy_pagevisits",
}
# Not copied to PostgreSQL: SQLite's own tables, and Wagtail's search index, whose tables
# each database backend lays out its own way (on PostgreSQL, tsvectors and columns SQLite
# has not); it is derived data, which ``manage.py update_index`` builds again.
NOT_COPIED = ("sqlite_", "wagtailsearch_indexentry")
# … and the search index's model that exists only where a SQLite connection is in use: its
# content type and permissions are not copied either.
SQLITE_ONLY_MODELS = [("wagtailsearch", "sqliteftsindexentry")]


# --- the old file ---------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path):
    """The old file decompressed into a temporary directory, with empty media and
    private-file directories beside it."""
    old = tmp_path / "old.sqlite3"
    with gzip.open(OLD_FILE) as source, old.open("wb") as target:
        shutil.copyfileobj(source, target)
    for name in ("media", "private", "var", "static"):
        (tmp_path / name).mkdir()
    return tmp_path


def rows(connection, sql, *params):
    return [dict(row) for row in connection.execute(sql, params)]


def old_facts(path):
    """What the old file holds, as the check script compares it: every revision,
    workflow state, task state, audit-log entry, page, task and group permission (with
    the content types they point at, by app label and model name), the applicant's
    applications and the privacy records."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        types = {
            row["id"]: [row["app_label"], row["model"]]
            for row in rows(connection, "SELECT * FROM django_content_type")
        }

        def typed(sql, *columns):
            """Rows of ``sql`` with each content-type id of ``columns`` replaced by
            [app_label, model]."""
            found = rows(connection, sql)
            for row in found:
                for column in columns:
                    row[column] = types[row[column]]
            return found

        facts = {
            "migrations": [
                [row["app"], row["name"]]
                for row in rows(
                    connection, "SELECT app, name FROM django_migrations ORDER BY id"
                )
            ],
            "revisions": typed(
                "SELECT id, object_id, content_type_id, base_content_type_id"
                " FROM wagtailcore_revision",
                "content_type_id",
                "base_content_type_id",
            ),
            "workflow_states": typed(
                "SELECT id, object_id, status, workflow_id, current_task_state_id,"
                " content_type_id, base_content_type_id FROM wagtailcore_workflowstate",
                "content_type_id",
                "base_content_type_id",
            ),
            "task_states": typed(
                "SELECT id, status, workflow_state_id, revision_id, task_id,"
                " content_type_id FROM wagtailcore_taskstate",
                "content_type_id",
            ),
            "tasks": typed(
                "SELECT id, name, content_type_id FROM wagtailcore_task",
                "content_type_id",
            ),
            "workflow_content_types": typed(
                "SELECT workflow_id, content_type_id FROM wagtailcore_workflowcontenttype",
                "content_type_id",
            ),
            "pages": typed(
                "SELECT id, title, content_type_id FROM wagtailcore_page",
                "content_type_id",
            ),
            "model_log_entries": typed(
                "SELECT id, object_id, action, content_type_id"
                " FROM wagtailcore_modellogentry",
                "content_type_id",
            ),
            "page_log_entries": typed(
                "SELECT id, page_id, action, content_type_id"
                " FROM wagtailcore_pagelogentry",
                "content_type_id",
            ),
            "group_permissions": typed(
                "SELECT g.name AS group_name, p.codename, p.content_type_id"
                " FROM auth_group_permissions gp"
                " JOIN auth_group g ON g.id = gp.group_id"
                " JOIN auth_permission p ON p.id = gp.permission_id",
                "content_type_id",
            ),
            "applicant": APPLICANT,
            "applications": rows(
                connection,
                f"SELECT a.* FROM {OLD_APPLICATIONS} a"
                " JOIN accounts_user u ON u.id = a.applicant_id"
                " WHERE u.email = ? ORDER BY a.id",
                APPLICANT,
            ),
            "records": {
                model: rows(connection, f'SELECT * FROM "{table}" ORDER BY id')
                for model, table in OLD_RECORDS.items()
            },
            "types": {
                # the old app label of each model the checks look up by name
                "application": types_of(types, "application"),
                **{model: types_of(types, model) for model in OLD_RECORDS},
            },
        }
    finally:
        connection.close()
    # What the file is said to hold; if these fail, the file is not the one described.
    assert [row["status"] for row in facts["applications"]] == [
        "draft",
        "screening",
        "changes_requested",
        "assessment",
        "decision",
        "approved",
        "rejected",
        "withdrawn",
    ]
    records = facts["records"]
    assert [(r["kind"], r["email"]) for r in records["datasubjectrequest"]] == [
        ("correct", APPLICANT)
    ]
    assert [r["status"] for r in records["dataexport"]] == ["ready"]
    assert len(records["breachincident"]) == 1
    assert [r["status"] for r in records["breachnotice"]] == ["sent"]
    assert len(records["pagevisits"]) == 1
    data_request = ["submissions", "datasubjectrequest"]
    assert any(
        state["content_type_id"] == data_request and state["status"] == "in_progress"
        for state in facts["workflow_states"]
    )
    return facts


def types_of(types, model):
    (app_label,) = [app for app, name in types.values() if name == model]
    return app_label


# --- subprocesses ---------------------------------------------------------------------


def environment(workspace, database_url):
    """The portal's environment for a subprocess: development settings (they read the
    media directories from the environment, unlike the test settings), this database,
    the workspace's directories, nothing shared with the suite's own run."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PYTEST_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "VAR_DIR": str(workspace / "var"),
            "MEDIA_ROOT": str(workspace / "media"),
            "PRIVATE_MEDIA_ROOT": str(workspace / "private"),
            "STATIC_ROOT": str(workspace / "static"),
            "EMAIL_URL": "memory:",
            "TASKS_BACKEND": "immediate",
            "REDIS_URL": "",
            "S3_BUCKET": "",
            "CLAMD_SOCKET": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def run(env, *arguments, timeout=300):
    """Python in the project; fails the test with its output if it fails."""
    finished = subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if finished.returncode != 0:
        pytest.fail(
            f"{' '.join(arguments)} failed ({finished.returncode}):\n"
            f"{finished.stdout[-6000:]}\n{finished.stderr[-6000:]}",
            pytrace=False,
        )
    return finished.stdout


def run_script(env, module, facts_file):
    """``module.main(facts_file)`` in the portal's shell (Django set up as for
    ``manage.py``); the helper modules are run, never imported, by the tests."""
    command = f"from {module} import main; main({str(facts_file)!r})"
    return run(env, "manage.py", "shell", "--no-imports", "-c", command)


def migrate_and_check(workspace, env, facts):
    facts_file = workspace / "facts.json"
    facts_file.write_text(json.dumps(facts, ensure_ascii=False))
    started = time.perf_counter()
    run(env, "manage.py", "migrate", "--noinput")
    migrated = time.perf_counter()
    report = run_script(env, CHECK, facts_file)
    print(report)
    print(
        f"migrate {migrated - started:.1f} s, "
        f"checks {time.perf_counter() - migrated:.1f} s"
    )


# --- SQLite ---------------------------------------------------------------------------


def test_old_sqlite_database_migrates_forward(workspace):
    old = workspace / "old.sqlite3"
    facts = old_facts(old)
    database = workspace / "db.sqlite3"
    shutil.copyfile(old, database)
    migrate_and_check(workspace, environment(workspace, f"sqlite:///{database}"), facts)


# --- PostgreSQL -----------------------------------------------------------------------


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


def connect(url, **options):
    config = dj_database_url.parse(url)
    parameters = {
        "dbname": config["NAME"],
        "user": config.get("USER"),
        "password": config.get("PASSWORD"),
        "host": config.get("HOST"),
        "port": config.get("PORT"),
        "connect_timeout": 10,
    }
    parameters = {key: value for key, value in parameters.items() if value}
    return psycopg.connect(**parameters, **options)


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def scratch_database():
    """A database of this test's own on the suite's PostgreSQL server (the CI role may
    create databases), dropped afterwards; its URL."""
    url = postgres_url()
    if url is None:
        pytest.skip(
            "the PostgreSQL upgrade runs only when the suite runs on PostgreSQL "
            "(DATABASE_URL=postgres://…, the second pass of .ci/run)"
        )
    name = f"opi_upgrade_{secrets.token_hex(4)}"
    with connect(url, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(url, name)
    finally:
        with connect(url, autocommit=True) as server:
            force = " WITH (FORCE)" if server.info.server_version >= 130000 else ""
            server.execute(f'DROP DATABASE IF EXISTS "{name}"{force}')


def copy_rows(sqlite_path, url):
    """Every row of every table of the SQLite file into the PostgreSQL database (which
    has the old schema), in one transaction; then every sequence after its table's
    largest id."""
    source = sqlite3.connect(sqlite_path)
    source.row_factory = sqlite3.Row
    with connect(url) as target, target.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'UTC'")  # SQLite holds UTC times without zone
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT table_name, column_name, data_type, udt_name"
            " FROM information_schema.columns WHERE table_schema = 'public'"
        )
        columns = {}
        for table, column, data_type, udt in cursor.fetchall():
            columns.setdefault(table, {})[column] = (data_type, udt)
        # What the old schema's migrations left in the tables (the root page, the
        # default site, the roles …) gives way to what the old site held.
        others = [table for table in columns if table != "django_migrations"]
        cursor.execute(
            "TRUNCATE " + ", ".join(f'"{t}"' for t in others) + " RESTART IDENTITY"
        )
        tables = [
            row["name"]
            for row in source.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        missing = [
            table
            for table in tables
            if table not in columns and not table.startswith(NOT_COPIED)
        ]
        assert not missing, f"tables of the old file not in the old schema: {missing}"
        skipped = [
            table
            for table in tables
            if table not in columns or table.startswith(NOT_COPIED)
        ]
        sqlite_only = {
            "content_type_id": {
                row["id"]
                for row in source.execute("SELECT * FROM django_content_type")
                if (row["app_label"], row["model"]) in SQLITE_ONLY_MODELS
            }
        }
        sqlite_only["permission_id"] = {
            row["id"]
            for row in source.execute("SELECT id, content_type_id FROM auth_permission")
            if row["content_type_id"] in sqlite_only["content_type_id"]
        }
        copied = 0
        for table in tables:
            if table in skipped:
                continue
            names = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
            missing = set(names) - set(columns[table])
            assert not missing, f"{table}: columns missing on PostgreSQL: {missing}"
            data = [
                row
                for row in source.execute(f'SELECT * FROM "{table}"')
                if not sqlite_only_row(table, row, sqlite_only)
            ]
            if table == "django_migrations":
                cursor.execute("SELECT app, name FROM django_migrations")
                present = set(cursor.fetchall())
                names = ["app", "name", "applied"]
                data = [row for row in data if (row["app"], row["name"]) not in present]
            if not data:
                continue
            types = [columns[table][name] for name in names]
            quoted = ", ".join(f'"{name}"' for name in names)
            values = ", ".join(placeholder(column_type) for column_type in types)
            cursor.executemany(
                f'INSERT INTO "{table}" ({quoted}) VALUES ({values})',
                [
                    [converted(row[n], t) for n, t in zip(names, types, strict=True)]
                    for row in data
                ],
            )
            copied += len(data)
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public'"
            " AND (is_identity = 'YES' OR column_default LIKE 'nextval(%%')"
        )
        for table, column in cursor.fetchall():
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s),"
                f' COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)',
                [f'"{table}"', column],
            )
    source.close()
    assert copied > 1000, copied  # the demo site is more than that


def sqlite_only_row(table, row, sqlite_only):
    """A row of a model that exists only on SQLite, or that points at one."""
    own = {"django_content_type": "content_type_id", "auth_permission": "permission_id"}
    if table in own and row["id"] in sqlite_only[own[table]]:
        return True
    return any(
        column in row.keys() and row[column] in ids  # noqa: SIM118 (sqlite3.Row)
        for column, ids in sqlite_only.items()
    )


def placeholder(column_type):
    data_type, udt = column_type
    if data_type == "interval":  # Django keeps durations as microseconds on SQLite
        return "(%s::bigint * interval '1 microsecond')"
    assert data_type != "ARRAY", "no SQLite column holds an array"
    return f"%s::{udt}"


def converted(value, column_type):
    if value is not None and column_type[1] == "bool":
        return bool(value)
    return value


def test_old_database_migrates_forward_on_postgresql(workspace, scratch_database):
    old = workspace / "old.sqlite3"
    facts = old_facts(old)
    env = environment(workspace, scratch_database)
    facts_file = workspace / "facts.json"
    facts_file.write_text(json.dumps(facts, ensure_ascii=False))
    started = time.perf_counter()
    print(run_script(env, OLD_SCHEMA, facts_file))
    built = time.perf_counter()
    copy_rows(old, scratch_database)
    print(
        f"old schema {built - started:.1f} s, "
        f"rows copied {time.perf_counter() - built:.1f} s"
    )
    migrate_and_check(workspace, env, facts)
