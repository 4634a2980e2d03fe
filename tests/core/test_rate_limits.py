"""No e-mail bombing: the forms that send an e-mail or store something are limited per
address and per network (core.rate_limits), say so beside the form, keep what was typed,
send nothing when refused, say nothing about who has an account, and forget after the
window; the counters hold no address."""

import re
import time

import django_ratelimit.core
import pytest
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.models import User
from core import rate_limits
from core.network import keyed_digest
from privacy import inventory
from privacy.models.data_requests import DataSubjectRequest
from privacy.models.exports import DataExport
from tests.factories import UserFactory, registration_answers
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

RESET = "/en/accounts/password-reset/"
RESEND = "/en/accounts/verify/resend/"


@pytest.fixture
def limits(settings):
    """Small limits, so that a test reaches them in a few requests."""
    settings.RATE_LIMITS = {"per_address": 3, "per_network": 20, "window_minutes": 60}
    return settings.RATE_LIMITS


def from_network(last_octet=5, network="203.0.113"):
    return Client(REMOTE_ADDR=f"{network}.{last_octet}")


def refusal_text(language="en"):
    """The refusal's words before the number of minutes, as the page shows them."""
    with translation.override(language):
        return escape(re.split(r"\d", rate_limits.Refusal(60).message)[0])


def post(client, path, data, capture):
    with capture(execute=True):
        return client.post(path, data)


def test_the_fourth_reset_for_one_address_is_refused_and_nothing_is_lost(
    limits, django_capture_on_commit_callbacks
):
    UserFactory(email="user@example.kz")
    client = from_network()
    for _ in range(3):
        response = post(
            client,
            RESET,
            {"email": "user@example.kz"},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    response = post(
        client, RESET, {"email": "user@example.kz"}, django_capture_on_commit_callbacks
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert refusal_text() in html
    assert 'class="error-summary"' in html  # where the page shows every error
    assert 'value="user@example.kz"' in html  # what was typed stays
    assert len(mail.outbox) == 3  # nothing more was sent


@pytest.mark.parametrize(
    "variant", ["USER@EXAMPLE.KZ", "  User@Example.kz ", "user@EXAMPLE.kz"]
)
def test_variants_of_an_address_count_as_one(
    limits, variant, django_capture_on_commit_callbacks
):
    UserFactory(email="user@example.kz")
    for _ in range(3):
        post(
            from_network(),
            RESET,
            {"email": "user@example.kz"},
            django_capture_on_commit_callbacks,
        )
    # another network, the same address written otherwise
    response = post(
        from_network(9, "198.51.100"),
        RESET,
        {"email": variant},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_the_refusal_is_the_same_with_or_without_an_account(
    limits, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.kz")
    answers = {}
    for email in ("known@example.kz", "nobody@example.kz"):
        for _ in range(4):
            response = post(
                from_network(),
                RESET,
                {"email": email},
                django_capture_on_commit_callbacks,
            )
        html = response.content.decode().replace(email, "ADDRESS")
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        # the window of each address ends at its own time (django-ratelimit's jitter)
        html = re.sub(r"in \d+ minutes?", "in N minutes", html)
        answers[email] = (response.status_code, html)
    assert answers["known@example.kz"] == answers["nobody@example.kz"]
    assert answers["known@example.kz"][0] == 429


def test_one_network_is_limited_across_addresses(
    limits, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {**limits, "per_network": 2}
    for number in range(2):
        response = post(
            from_network(number + 1),
            RESET,
            {"email": f"person{number}@example.kz"},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 302
    # a third address from the same /24 is refused, with what was typed
    response = post(
        from_network(200),
        RESET,
        {"email": "third@example.kz"},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 429
    assert 'value="third@example.kz"' in response.content.decode()
    # another network may still ask
    response = post(
        from_network(1, "198.51.100"),
        RESET,
        {"email": "third@example.kz"},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302


def test_the_limit_ends_with_its_window(
    limits, monkeypatch, django_capture_on_commit_callbacks
):
    UserFactory(email="user@example.kz")
    for _ in range(4):
        response = post(
            from_network(),
            RESET,
            {"email": "user@example.kz"},
            django_capture_on_commit_callbacks,
        )
    assert response.status_code == 429
    assert refusal_text() in response.content.decode()

    class AnHourLater:
        @staticmethod
        def time():
            return time.time() + 61 * 60

    monkeypatch.setattr(django_ratelimit.core, "time", AnHourLater)
    response = post(
        from_network(),
        RESET,
        {"email": "user@example.kz"},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 4


def test_an_invalid_form_is_not_counted(limits, django_capture_on_commit_callbacks):
    client = from_network()
    for _ in range(5):
        assert client.post(RESET, {"email": "not an address"}).status_code == 200
    response = post(
        client, RESET, {"email": "user@example.kz"}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302


def test_the_admin_password_reset_shares_the_limit(
    limits, django_capture_on_commit_callbacks
):
    UserFactory(email="staff@example.kz", is_staff=True)
    for _ in range(3):
        post(
            from_network(),
            RESET,
            {"email": "staff@example.kz"},
            django_capture_on_commit_callbacks,
        )
    response = post(
        from_network(),
        reverse("wagtailadmin_password_reset"),
        {"email": "Staff@Example.kz"},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_the_confirmation_link_again_is_limited(
    limits, django_capture_on_commit_callbacks
):
    UserFactory(email="new@example.kz", is_active=False, email_verified_at=None)
    client = from_network()
    for _ in range(3):
        response = post(
            client,
            RESEND,
            {"email": "new@example.kz"},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 302
    sent = len(mail.outbox)
    assert sent == 3
    response = post(
        client, RESEND, {"email": "NEW@example.kz "}, django_capture_on_commit_callbacks
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert refusal_text() in html and "NEW@example.kz" in html
    assert len(mail.outbox) == sent


def test_registration_is_limited_per_network(
    register_page, limits, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {**limits, "per_network": 1}
    response = post(
        from_network(),
        "/register/",
        registration_answers(email="first@example.kz"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    response = post(
        from_network(7),
        "/register/",
        registration_answers(email="second@example.kz", full_name="Второй Заявитель"),
        django_capture_on_commit_callbacks,
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert refusal_text("ru") in html
    assert 'value="second@example.kz"' in html and "Второй Заявитель" in html
    assert not User.objects.filter(email="second@example.kz").exists()


def test_data_requests_and_exports_are_limited_per_account(
    data_page, limits, applicant, django_capture_on_commit_callbacks
):
    client = logged_in(applicant)
    for _ in range(3):
        response = post(
            client,
            "/data-requests/",
            {"kind": "export"},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 302
    sent = len(mail.outbox)
    response = post(
        client,
        "/data-requests/",
        {"kind": "correct", "details": "моя фамилия — Иванова"},
        django_capture_on_commit_callbacks,
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert refusal_text("ru") in html and "моя фамилия — Иванова" in html
    assert DataSubjectRequest.objects.count() == 3
    assert len(mail.outbox) == sent

    for _ in range(4):
        response = post(
            client,
            reverse("request_data_export"),
            {},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 302
    assert DataExport.objects.filter(user=applicant).count() == 3
    page = client.get(reverse("account")).content.decode()
    assert refusal_text("ru") in page


def test_the_counters_hold_no_address(limits, django_capture_on_commit_callbacks):
    post(
        from_network(),
        RESET,
        {"email": "secret.person@example.kz"},
        django_capture_on_commit_callbacks,
    )
    table = caches["rate_limits"]._table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, value FROM {table}")  # noqa: S608
        rows = cursor.fetchall()
    assert len(rows) == 2  # the address and the network
    stored = repr(rows)
    for clear in (
        "secret.person",
        "203.0.113",
        keyed_digest("rate-limit:address", "x"),
    ):
        assert clear not in stored
    assert all(key.startswith(":1:rl:") for key, _value in rows)
    assert any(prefix in ":1:rl:" for prefix in inventory.CACHE_KEY_PREFIXES), (
        "the counters are declared in the personal-data inventory"
    )
