"""The portal's User: e-mail is the login whatever its case; Wagtail's user admin works."""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


def test_email_is_stored_lower_case():
    user = User.objects.create_user(
        "Ivanov@Example.KZ", "x" * 12, full_name="Иванов И."
    )
    assert user.email == "ivanov@example.kz"


def test_email_is_unique_whatever_its_case():
    UserFactory(email="ivanov@example.kz")
    other = UserFactory(email="other@example.kz")
    # A write that skips the model's normalisation still meets the database constraint.
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=other.pk).update(email="IVANOV@example.kz")


def test_validation_reports_a_duplicate_email_in_another_case():
    UserFactory(email="ivanov@example.kz")
    duplicate = User(email="IVANOV@EXAMPLE.KZ", full_name="Другой")
    duplicate.set_password(DEFAULT_PASSWORD)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["email"]


def test_login_with_email_in_any_case():
    UserFactory(email="petrova@example.kz")
    assert (
        authenticate(
            RequestFactory().post("/accounts/login/"),
            email="PETROVA@example.kz",
            password=DEFAULT_PASSWORD,
        )
        is not None
    )
    assert (
        authenticate(
            RequestFactory().post("/accounts/login/"),
            email="petrova@example.kz",
            password="wrong",
        )
        is None
    )


def test_superuser_command_path():
    admin = User.objects.create_superuser(
        "root@example.kz", "long-password-1", full_name="А"
    )
    assert admin.is_superuser and admin.is_staff
    assert str(admin) == "А"


class TestWagtailUserAdmin:
    def test_admin_creates_a_user_with_full_name(self, client, superuser):
        verified_login(client, superuser)
        response = client.post(
            "/admin/users/new/",
            {
                "email": "New.Expert@Example.kz",
                "full_name": "Сапарова Айгерим",
                "language": "kk",
                "password1": "a-long-and-fine-password",
                "password2": "a-long-and-fine-password",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        user = User.objects.get(email="new.expert@example.kz")
        assert user.full_name == "Сапарова Айгерим"
        assert user.language == "kk"  # the portal writes to her in Kazakh
        assert user.check_password("a-long-and-fine-password")

    def test_admin_form_rejects_a_duplicate_email_and_keeps_the_input(
        self, client, superuser
    ):
        UserFactory(email="taken@example.kz")
        verified_login(client, superuser)
        response = client.post(
            "/admin/users/new/",
            {
                "email": "TAKEN@example.kz",
                "full_name": "Дубликат Иван",
                "password1": "a-long-and-fine-password",
                "password2": "a-long-and-fine-password",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert 'value="Дубликат Иван"' in html
        assert User.objects.filter(email__iexact="taken@example.kz").count() == 1

    def test_admin_user_list_and_edit_render(self, client, superuser):
        person = UserFactory(email="listed@example.kz", full_name="Нуртаев Ерлан")
        verified_login(client, superuser)
        listing = client.get("/admin/users/").content.decode()
        assert "Нуртаев Ерлан" in listing
        edit = client.get(f"/admin/users/edit/{person.pk}/")
        assert edit.status_code == 200
        assert 'value="Нуртаев Ерлан"' in edit.content.decode()
