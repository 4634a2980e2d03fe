"""The password rules and the password forms in each language of the portal: Django's own
catalogue has no Kazakh for them, so a Kazakh page once gave them in Russian."""

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import ApplicantFactory
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, too_short, only_digits",
    [
        ("kk", "Құпиясөз тым қысқа: кемінде 10 таңба қажет.", "тек цифрлардан"),
        ("ru", "Пароль слишком короткий: нужно хотя бы 10 символов.", "только из цифр"),
        (
            "en",
            "This password is too short: it needs at least 10 characters.",
            "only digits",
        ),
    ],
)
def test_a_refused_password_is_told_in_the_pages_language(
    language, too_short, only_digits
):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_password("12345")
    messages = refused.value.messages
    assert too_short in messages
    assert any(only_digits in message for message in messages)


def test_the_rules_read_in_kazakh():
    with translation.override("kk"):
        rules = password_validators_help_texts()
    assert "Кемінде 10 таңба." in rules and "Тек цифрлардан тұрмайды." in rules


def test_the_kazakh_password_change_page_is_kazakh():
    client = logged_in(ApplicantFactory())
    html = client.get("/kk/accounts/password-change/").content.decode()
    for label in ("Қазіргі құпиясөз", "Жаңа құпиясөз", "Жаңа құпиясөзді қайталаңыз"):
        assert label in html
    assert "Пароль" not in html and "пароль" not in html
