"""Fixtures shared by the whole suite, built from tests/factories.py."""

import os
import socket

import factory.random
import pytest
from hypothesis import settings as hypothesis_settings

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

# Hypothesis's examples per property: a few in every run, many in CI's PostgreSQL pass
# (HYPOTHESIS_PROFILE=ci, .ci/run). Loaded before the test modules are imported, so
# their @settings take these as their defaults.
hypothesis_settings.register_profile("default", max_examples=6, deadline=None)
hypothesis_settings.register_profile("ci", max_examples=60, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _repeatable_faker():
    """Faker's values are the same in every run, whatever ran before."""
    factory.random.reseed_random("opi-center")


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
