"""Fixtures shared by the whole suite."""

import os
import socket

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from policy.models import PolicyPage
from privacy.pages import DataRequestFormPage
from submissions.applications.pages import ApplicationFormPage, RequiredCategory
from submissions.models.applications import FileCategory
from submissions.registrations.pages import RegistrationFormPage
from tests.policy.test_editions import go_live
from tests.policy.test_policy_page import policy_fields

from .factories import UserFactory, site_home


@pytest.fixture
def home_page(db):
    return site_home()


@pytest.fixture
def editor(db):
    return UserFactory(
        email="editor@example.kz", groups=[Group.objects.get(name=roles.EDITORS)]
    )


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.kz", is_superuser=True, is_staff=True)


@pytest.fixture
def register_page(home_page):
    policy = PolicyPage(**policy_fields(), live=False)
    home_page.add_child(instance=policy)
    go_live(policy)
    page = RegistrationFormPage(title="Регистрация", slug="register")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def apply_page(register_page):
    page = ApplicationFormPage(title="Подать заявку", slug="apply")
    register_page.get_parent().add_child(instance=page)
    page.required_categories = [
        RequiredCategory(category=FileCategory.TECHNICAL),
        RequiredCategory(category=FileCategory.PRESENTATION),
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
