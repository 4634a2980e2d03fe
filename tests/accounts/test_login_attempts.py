"""What the lockout of failed logins keeps: a keyed digest of the name typed and the
network the attempt came from, never the e-mail typed or the address. The lockout still
comes after five failures, for the same name in any letter case, from the same network."""

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.login_identity import login_attempts_of
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

HERE = {"REMOTE_ADDR": "203.0.113.57"}
NEXT_DOOR = {"REMOTE_ADDR": "203.0.113.58"}  # the same /24 network
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.9"}


def log_in(client, typed, password, url="/accounts/login/", **where):
    return client.post(url, {"username": typed, "password": password}, **where)


def axes_rows():
    """Every value of every row of django-axes' tables, as text."""
    values = []
    with connection.cursor() as cursor:
        for model in apps.get_app_config("axes").get_models():
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            values += [str(value) for row in cursor.fetchall() for value in row]
    return values


@pytest.fixture
def person(db):
    return UserFactory(email="person@example.kz", email_verified_at=timezone.now())


def test_no_table_holds_the_name_typed_or_the_address(person):
    client = Client()
    log_in(client, " Person@Example.KZ ", "wrong-one", **HERE)
    log_in(client, "ghost@example.kz", "wrong-one", **HERE)
    log_in(client, "ghost@example.kz", "wrong-one", url="/admin/login/", **NEXT_DOOR)
    log_in(client, "person@example.kz", DEFAULT_PASSWORD, **ELSEWHERE)  # succeeds

    values = axes_rows()
    assert values  # the failures are counted
    text = "\n".join(values).casefold()
    for secret in ("person@example.kz", "ghost@example.kz", "ghost", "wrong-one"):
        assert secret not in text
    for address in ("203.0.113.57", "203.0.113.58", "198.51.100.9"):
        assert address not in text
    # what is kept: the network, and nothing of the successful login
    assert "203.0.113.0" in values
    assert "198.51.100.0" not in values
    # the person's failure is found again, whatever the case they typed
    assert login_attempts_of("PERSON@example.kz").count() == 1
    assert login_attempts_of("Ghost@Example.kz").count() == 1  # one network, two paths
    # a successful login from the network of the failures forgets them
    log_in(Client(), "person@example.kz", DEFAULT_PASSWORD, **NEXT_DOOR)
    assert login_attempts_of("person@example.kz").count() == 0


def test_five_failures_lock_out_the_name_in_any_letter_case(person):
    client = Client()
    for typed in (
        "person@example.kz",
        "Person@example.kz",
        "PERSON@EXAMPLE.KZ",
        " person@example.kz",
    ):
        response = log_in(client, typed, "wrong-one", **HERE)
        assert response.status_code == 200
    # the fifth failure locks out
    assert log_in(client, "person@Example.kz", "wrong-one", **HERE).status_code == 429
    # the right password, in yet another case, from the same network: locked out
    locked = log_in(Client(), "PeRsOn@eXaMpLe.kz", DEFAULT_PASSWORD, **NEXT_DOOR)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # the admin's login refuses too
    assert (
        log_in(
            Client(), "person@example.kz", DEFAULT_PASSWORD, "/admin/login/", **HERE
        ).status_code
        == 429
    )
    # from another network the person can still log in
    assert log_in(Client(), "person@example.kz", DEFAULT_PASSWORD, **ELSEWHERE)[
        "Location"
    ].endswith("/account/")


def test_four_failures_do_not_lock_out(person):
    client = Client()
    for _ in range(4):
        log_in(client, "Person@Example.kz", "wrong-one", **HERE)
    response = log_in(Client(), "person@example.kz", DEFAULT_PASSWORD, **HERE)
    assert response.status_code == 302


def test_a_name_without_an_account_is_locked_out_too(db):
    client = Client()
    for _ in range(5):
        log_in(client, "nobody@example.kz", "wrong-one", **HERE)
    assert log_in(client, "NOBODY@example.kz", "again", **HERE).status_code == 429
    assert login_attempts_of("nobody@example.kz").count() == 1
    login_attempts_of("Nobody@Example.kz").delete()
    assert axes_rows() == []
