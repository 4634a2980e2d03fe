"""Fixtures of the submissions tests: the registration page with a policy in force."""

import pytest

from policy.models import PolicyPage
from submissions.models import (
    ApplicationFormPage,
    FileCategory,
    RegistrationFormPage,
    RequiredCategory,
)
from tests.policy.test_editions import go_live
from tests.policy.test_policy_page import policy_fields


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
