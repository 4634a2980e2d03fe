"""Fixtures shared by the whole suite, built from tests/factories.py."""

import os
import shutil
import socket
import sqlite3

import factory.random
import pytest
from django.core.signals import setting_changed
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.dispatch import receiver
from django.test import testcases
from django.urls import clear_url_caches
from hypothesis import settings as hypothesis_settings

from home.generation import forget_restricted_paths
from home.page_frame import forget_frames
from privacy.pages import DataRequestFormPage
from submissions.applications.pages import ApplicationFormPage, RequiredCategory
from submissions.models.applications import ApplicationStatus, Subsidiary
from submissions.registrations.pages import RegistrationFormPage

from .factories import (
    REQUIRED_CATEGORIES,
    VALID_BIN,
    AdministratorFactory,
    ApplicantFactory,
    ApplicationFactory,
    EditorFactory,
    ExpertFactory,
    PolicyPageFactory,
    ReviewerFactory,
    site_home,
)
from .helpers import run_manage
from .live_server import OneRequestAtATime

# Hypothesis's examples per property: a few in every run, many in CI's PostgreSQL pass
# (HYPOTHESIS_PROFILE=ci, .ci/run). Loaded before the test modules are imported, so
# their @settings take these as their defaults.
hypothesis_settings.register_profile("default", max_examples=6, deadline=None)
hypothesis_settings.register_profile("ci", max_examples=60, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


testcases.LiveServerThread.server_class = OneRequestAtATime


# The migrated SQLite file of this session (``migrated_template``).
MIGRATED_TEMPLATE = pytest.StashKey()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request, tmp_path_factory):
    """pytest-django's test database. Under SQLite in memory it is also saved to a file
    as the migrations left it, before any test writes to it (a transactional test's
    flush empties even the tables the migrations fill): the ``migrated_template``."""
    settings = connection.settings_dict
    if (
        connection.vendor != "sqlite"
        or request.config.getoption("nomigrations")
        or not connection.creation.is_in_memory_db(settings["NAME"])
    ):
        return
    with django_db_blocker.unblock():
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
        assert not unapplied, f"the test database is not fully migrated: {unapplied}"
        path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
        target = sqlite3.connect(path)
        try:
            connection.ensure_connection()
            connection.connection.backup(target)
        finally:
            target.close()
    request.config.stash[MIGRATED_TEMPLATE] = path


@pytest.fixture(scope="session")
def migrated_template(request, tmp_path_factory):
    """A SQLite file as ``manage.py migrate`` leaves it, made once per session: the
    test database saved by ``django_db_setup`` or, when the suite runs on PostgreSQL,
    migrated once in a process of its own. Never written to: copy it
    (``migrated_database``)."""
    if connection.vendor == "sqlite":
        request.getfixturevalue("django_db_setup")
    path = request.config.stash.get(MIGRATED_TEMPLATE, None)
    if path is None:
        path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
        result = run_manage(
            "migrate",
            "--noinput",
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=f"sqlite:///{path}",
        )
        assert result.returncode == 0, result.stdout + result.stderr
        request.config.stash[MIGRATED_TEMPLATE] = path
    return path


@pytest.fixture
def migrated_database(migrated_template, tmp_path):
    """The ``DATABASE_URL`` of a migrated SQLite database of the test's own, for
    ``manage.py`` in a subprocess: a copy of the session's ``migrated_template``, in
    a moment instead of the half a minute ``migrate`` takes."""
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_template, path)
    return f"sqlite:///{path}"


@receiver(setting_changed)
def _url_prefixes_of_the_languages_now(setting, **kwargs):
    """A test that makes another language the default (LANGUAGE_CODE="kk") leaves the URL
    resolver's reverse table of that language without its prefix (/register/ for
    /kk/register/), and Django does not clear it when the setting goes back: a later
    test's Kazakh page would link to the Russian one."""
    if setting in ("LANGUAGE_CODE", "LANGUAGES"):
        clear_url_caches()


@pytest.fixture(autouse=True)
def _repeatable_faker():
    """Faker's values are the same in every run, whatever ran before."""
    factory.random.reseed_random("opi-center")


@pytest.fixture(autouse=True)
def _no_page_frame_of_another_test():
    """Each test builds its own site: no page frame (home.page_frame) kept by an
    earlier test may serve it, whatever the page cache's generation says."""
    forget_frames()
    forget_restricted_paths()


@pytest.fixture
def home_page(db):
    return site_home()


@pytest.fixture
def editor(db):
    return EditorFactory(email="editor@example.kz")


@pytest.fixture
def superuser(db):
    return AdministratorFactory(email="admin@example.kz")


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(email="reviewer@example.kz")


@pytest.fixture
def applicant(db):
    """A verified legal entity, ТОО «Датчик» (Иванов Иван)."""
    return ApplicantFactory(email="applicant@example.kz")


@pytest.fixture
def register_page(home_page):
    PolicyPageFactory(parent=home_page, published=True)
    page = RegistrationFormPage(title="Регистрация", slug="register")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def apply_page(register_page):
    page = ApplicationFormPage(title="Подать заявку", slug="apply")
    register_page.get_parent().add_child(instance=page)
    page.required_categories = [
        RequiredCategory(category=category) for category in REQUIRED_CATEGORIES
    ]
    page.save_revision().publish()
    return page


@pytest.fixture
def data_page(register_page):
    page = DataRequestFormPage(
        title="Запросы о персональных данных",
        slug="data-requests",
        withdrawal_text="<p>Рассмотрение заявок прекращается.</p>",
    )
    register_page.get_parent().add_child(instance=page)
    return page


@pytest.fixture
def world(db):
    """The reviewers' register: a reviewer, two experts and an editor; a company and
    a non-resident individual; OPI-2026-00001 (the company's, in screening, at a
    subsidiary), OPI-2026-00002 (the individual's software, in assessment by
    ``expert``) and the company's draft "Предложение 3"."""
    reviewer = ReviewerFactory(email="reviewer@example.kz")
    expert = ExpertFactory(email="expert@example.kz")
    company = ApplicantFactory(email="company@example.kz")
    person = ApplicantFactory(
        email="person@example.kz",
        individual=True,
        profile__is_resident=False,
        profile__bin_iin=VALID_BIN,
    )
    field = Subsidiary.objects.create(name_ru="АО «Месторождение»")
    return {
        "reviewer": reviewer,
        "expert": expert,
        "other_expert": ExpertFactory(email="other-expert@example.kz"),
        "editor": EditorFactory(email="editor@example.kz"),
        "company": company,
        "person": person,
        "first": ApplicationFactory(
            applicant=company,
            title="Предложение 1",
            reference="OPI-2026-00001",
            subsidiary=field,
            status=ApplicationStatus.SCREENING,
        ),
        "second": ApplicationFactory(
            applicant=person,
            title="Предложение 2",
            kind="software",
            reference="OPI-2026-00002",
            status=ApplicationStatus.ASSESSMENT,
            reviewed_by=reviewer,
            experts=[expert],
        ),
        "draft": ApplicationFactory(applicant=company, title="Предложение 3"),
    }


def missing_tool(reason):
    """A test that needs a program this machine lacks is skipped; under CI it fails, since
    .ci/run installs everything."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"cannot run under CI: {reason}")
    pytest.skip(reason)


def free_port():
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
