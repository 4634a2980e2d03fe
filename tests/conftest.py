"""Fixtures shared by the whole suite."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles

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
