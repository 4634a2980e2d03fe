"""The proof that erasure erases: a person who touched every feature is deleted on request
(or withdraws their consent to processing, or is reached by retention), then every table
of the database is dumped (JSON, sessions, revisions and task arguments decoded) and every
file written under the storage roots is read (ZIPs opened): none of their name, e-mail,
phone, BIN/IIN, organisation, file names or IP address is anywhere. The other people's
data is still found by the same search, so the search itself works. The consent ledger
and the audit trail keep the person's rows, under one pseudonym."""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from accounts.models import User
from policy.models import ConsentRecord
from privacy.anonymise import pseudonym_for
from privacy.data_export import request_export
from privacy.data_requests import file_request
from privacy.inventory import SESSION_KEY_PREFIXES, SESSION_KEYS
from privacy.models.data_requests import DataRequestKind
from privacy.retention import enforce
from tests.exposure.world import PEOPLE, build_world
from tests.factories import DEFAULT_PASSWORD, act_on, go_live

pytestmark = pytest.mark.django_db(transaction=False)

ADDRESS = "198.51.100.77"  # where the person's browser is
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def markers_of(owner):
    """Everything that names ``owner`` of the world: the values the proof looks for."""
    person = PEOPLE[owner]
    found = [
        person["full_name"],
        person["full_name"].split()[0],
        person["email"],
        person["phone"],
        person["bin_iin"],
        person["represented_email"],
        person["representative_name"],
        person.get("organization_marker", ""),
        person["certificate"] or "",
        person["power_of_attorney"] or "",
    ]
    if person["representative_name"]:
        found.append(person["representative_name"].split()[0])
    return [value for value in found if value]


# --- what the database and the file store hold ---------------------------------------------


def decoded(value):
    """A cell as text: JSON re-dumped without escapes, sessions decoded, bytes read."""
    if isinstance(value, memoryview | bytes):
        value = bytes(value).decode("utf-8", "replace")
    if not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = value.strip()
    if text[:1] in "{[":
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return value
    return value


def session_text(session_data):
    return json.dumps(SessionStore().decode(session_data), ensure_ascii=False)


def database_dump():
    """[(table, text of a row)] of every table."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                cells = []
                for column, value in zip(columns, row, strict=True):
                    if table == "django_session" and column == "session_data":
                        cells.append(session_text(value))
                    elif value is not None:
                        cells.append(decoded(value))
                rows.append((table, " | ".join(cells)))
    return rows


def storage_roots():
    return [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]


def files_now():
    return {
        path
        for root in storage_roots()
        if root.exists()
        for path in root.rglob("*")
        if path.is_file()
    }


def file_texts(paths):
    """[(where, text)] of each file's path and content; ZIPs opened, entry by entry."""
    found = []
    for path in sorted(paths):
        if not path.exists():
            continue
        content = path.read_bytes()
        found.append((str(path), str(path)))
        found.append((str(path), content.decode("utf-8", "replace")))
        if zipfile.is_zipfile(io.BytesIO(content)):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                for name in archive.namelist():
                    found.append((f"{path}!{name}", name))
                    found.append(
                        (
                            f"{path}!{name}",
                            archive.read(name).decode("utf-8", "replace"),
                        )
                    )
    return found


def sightings(markers, places):
    """[(marker, where)] of each marker found in the (where, text) places."""
    lowered = [(where, text.lower()) for where, text in places]
    return [
        (marker, where)
        for marker in markers
        for where, text in lowered
        if marker.lower() in text
    ]


# --- the person's life on the portal ------------------------------------------------------


def live_a_life(world, capture):
    """What A does beyond the world's registration, applications, messages, assessment,
    data request and incident: renews their consent to a new edition, logs in (and
    fails to twice, once under another letter case), visits pages, asks for an export
    of their data (the ZIP is written)."""
    person = world.applicants["A"]
    with capture(execute=True):
        go_live(
            world.policy_page,
            requires_renewed_consent=True,
            change_summary="Новые сроки хранения.",
        )
    browser = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT="Mozilla/5.0 (Proof)")
    login = reverse("login")
    for password in ("wrong-password-1", "wrong-password-2"):
        browser.post(login, {"username": person.email.upper(), "password": password})
    answer = browser.post(
        login, {"username": person.email, "password": DEFAULT_PASSWORD}
    )
    assert answer.status_code == 302, answer.content[:500]
    with capture(execute=True):
        renewed = browser.post(
            reverse("renewed_consent"),
            {"accept_policy": "on", "consent_processing": "on"},
        )
    assert renewed.status_code == 302
    for path in ("/", "/account/", world.policy_page.url):
        browser.get(path)
    with capture(execute=True):
        request_export(person)
    assert person.data_exports.filter(status="ready").exists()
    return browser


def run_task_worker():
    """The database queue's worker, once through the queue. It closes "old" database
    connections between tasks, which inside the test's transaction means the test's own
    connection: that housekeeping is left out here (the test's connection is fresh)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db_worker, "close_old_connections", lambda: None)
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def delete_on_request(world, capture, kind=DataRequestKind.DELETE, purpose=""):
    """A asks; the reviewer carries it out; the e-mails go through the database task
    queue and its worker, as in production (their arguments are stored)."""
    person = world.applicants["A"]
    with capture(execute=True):
        request = file_request(person, {"kind": kind, "purpose": purpose})
    with capture(execute=True):
        act_on(request, world.staff["reviewer"], "approve", comment="Сделано.")
    run_task_worker()


def assert_nothing_left_of_a(world, files_before):
    person = User.objects.get(pk=world.applicants["A"].pk)
    places = database_dump()
    places += file_texts(files_now() - files_before)
    found = sightings(markers_of("A") + [ADDRESS], places)
    assert not found, "Left of the erased person:\n" + "\n".join(
        f"{marker!r} in {where}: {text[:200]!r}"
        for marker, where in found[:40]
        for place, text in places
        if place == where and marker.lower() in text.lower()
    )
    # the search itself works: the others are still found, B in the database
    assert sightings([PEOPLE["B"]["email"]], places)
    # the ledger and the audit trail keep A's rows, under one pseudonym
    pseudonym = pseudonym_for(person)
    assert person.email == pseudonym
    consents = ConsentRecord.objects.filter(user=person)
    assert consents.count() >= 3
    assert set(consents.values_list("email", flat=True)) == {pseudonym}
    assert all(record.withdrawn_at for record in consents)
    return places


def assert_sessions_declared():
    undeclared = set()
    for data in SessionStore.get_model_class().objects.values_list(
        "session_data", flat=True
    ):
        for key in SessionStore().decode(data):
            if key not in SESSION_KEYS and not key.startswith(
                tuple(SESSION_KEY_PREFIXES)
            ):
                undeclared.add(key)
    assert not undeclared, f"session keys the inventory does not declare: {undeclared}"


@pytest.fixture
def lived(apply_page, data_page, django_capture_on_commit_callbacks, settings):
    settings.VISIT_FLUSH_SECONDS = 0
    settings.VISIT_STATISTICS = True
    files_before = files_now()
    with django_capture_on_commit_callbacks(execute=True):
        world = build_world()
    live_a_life(world, django_capture_on_commit_callbacks)
    assert_sessions_declared()
    # before: the search finds A everywhere it should
    assert sightings([PEOPLE["A"]["email"], PEOPLE["A"]["full_name"]], database_dump())
    settings.TASKS = DATABASE_TASKS
    return world, files_before


def test_nothing_of_a_person_deleted_on_request_is_left_anywhere(
    lived, django_capture_on_commit_callbacks
):
    world, files_before = lived
    delete_on_request(world, django_capture_on_commit_callbacks)
    assert_nothing_left_of_a(world, files_before)


def test_nothing_is_left_after_the_consent_to_processing_is_withdrawn(
    lived, django_capture_on_commit_callbacks
):
    world, files_before = lived
    delete_on_request(
        world,
        django_capture_on_commit_callbacks,
        kind=DataRequestKind.WITHDRAW_CONSENT,
        purpose=ConsentRecord.PERSONAL_DATA_PROCESSING,
    )
    assert_nothing_left_of_a(world, files_before)


def test_nothing_is_left_once_retention_reaches_the_person(
    lived, django_capture_on_commit_callbacks
):
    world, files_before = lived
    person = world.applicants["A"]
    long_ago = timezone.now() - datetime.timedelta(
        days=365 * settings.RETENTION["verified_years"] + 30
    )
    # A last did anything six years ago: every trace of activity is that old
    User.objects.filter(pk=person.pk).update(date_joined=long_ago, last_login=long_ago)
    person.applications.update(updated_at=long_ago, submitted_at=long_ago)
    person.applications.filter(decided_at__isnull=False).update(decided_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        enforce(out=lambda line: None)
    run_task_worker()
    assert_nothing_left_of_a(world, files_before)
