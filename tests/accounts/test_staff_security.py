"""Staff accounts: two-factor authentication for everyone with admin access, the session
policy (new session at login, logout and password change end the other sessions, staff
idle timeout, absolute lifetime) and the security log of logins, failures and lockouts."""

import logging
import re
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import roles, session_policy, two_factor
from accounts.models import LoginSession
from privacy.anonymise import anonymise, end_sessions
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.two_factor import authenticator, code_for, verified_login

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
VERIFY = "/admin/two-factor/verify/"
SETUP = "/admin/two-factor/setup/"
CODES = "/admin/two-factor/recovery-codes/"


def ru(message, *args):
    """What the person reads: the portal's Russian (the default language)."""
    with translation.override("ru"):
        return gettext(message) if not args else ngettext(message, *args)


def password_login(client, user, url=ADMIN_LOGIN, password=DEFAULT_PASSWORD, **extra):
    return client.post(url, {"username": user.email, "password": password}, **extra)


def enrolled_staff(email="editor2@example.kz", group=roles.EDITORS):
    user = UserFactory(email=email, groups=[group])
    device = authenticator(user)
    return user, device


def recovery_codes_for(user, *codes):
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    for code in codes:
        device.token_set.create(token=code)
    return device


def let_throttle_pass(device):
    """The wait django-otp asks for after a wrong code, as if it had gone by."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=device.throttling_failure_timestamp.replace(
            year=2000
        )
    )


def actions_on(user):
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- two-factor authentication ---------------------------------------------------------


def test_staff_with_only_a_password_are_sent_to_enrolment_and_get_no_admin_page(
    client, editor
):
    response = password_login(client, editor)
    assert response.status_code == 302
    for path in ("/admin/", "/admin/pages/", "/admin/users/", "/files/applications/1/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP), path
        assert "no-store" in response["Cache-Control"]
    response = client.get("/admin/pages/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html  # the QR code, made on the server
    assert ru("Set up two-factor authentication") in html
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert two_factor.secret_of(device) in html  # the key for typing by hand
    field = re.search(r'<input[^>]*name="code"[^>]*>', html).group(0)
    assert 'autocomplete="one-time-code"' in field and 'inputmode="numeric"' in field
    assert 'name="next" value="/admin/pages/"' in html
    assert ru("Applications") not in html  # no admin menu before the second factor


def test_enrolment_with_a_right_code_shows_ten_recovery_codes_once_then_the_admin(
    client, editor
):
    password_login(client, editor)
    client.get(SETUP + "?next=/admin/pages/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post(SETUP, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"].startswith(CODES)
    device.refresh_from_db()
    assert device.confirmed
    page = client.get(response["Location"])
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page.content.decode())
    assert len(codes) == 10
    assert 'href="/admin/pages/"' in page.content.decode()
    stored = set(StaticToken.objects.filter(device__user=editor).values_list("token"))
    assert {(code.replace("-", ""),) for code in codes} == stored
    again = client.get(CODES)
    assert again.status_code == 302  # shown once
    assert client.get("/admin/pages/").status_code == 200
    assert "opi.2fa.enrolled" in actions_on(editor)


def test_a_new_secret_each_time_the_set_up_page_opens(client, editor):
    password_login(client, editor)
    client.get(SETUP)
    first = TOTPDevice.objects.get(user=editor, confirmed=False)
    code = code_for(first)
    client.get(SETUP)  # another tab, or a reload: a new secret
    assert not TOTPDevice.objects.filter(pk=first.pk).exists()
    response = client.post(SETUP, {"code": code})
    assert response.status_code == 200  # the code of the old secret does not match
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_a_wrong_code_shows_an_error_by_the_field_and_the_admin_stays_closed(client):
    user, device = enrolled_staff()
    password_login(client, user)
    response = client.get("/admin/")
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2F"
    response = client.post(VERIFY, {"code": "000000", "next": "/admin/"})
    html = response.content.decode()
    assert response.status_code == 200
    errors = re.search(r'<div class="w-field__errors"[^>]*id="id_code_errors"', html)
    assert errors, "the error is next to the field"
    assert ru("This code is not right. Check it and type the code shown now.") in html
    assert 'aria-describedby="id_code_errors id_code_helptext"' in html
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"code": "12ab", "next": "/admin/"})
    assert ru("Enter the 6 digits the app shows, without letters.") in (
        response.content.decode()
    )


def test_a_right_code_opens_the_admin_at_the_page_asked_for(client):
    user, device = enrolled_staff()
    password_login(client, user)
    key_before = client.cookies["sessionid"].value
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    # the session is worth more now: it got a new key, and the index follows it
    key_after = client.cookies["sessionid"].value
    assert key_after != key_before
    assert LoginSession.objects.filter(user=user, session_key=key_after).exists()
    assert "opi.2fa.verified" in actions_on(user)


def test_next_is_never_another_site(client):
    user, device = enrolled_staff()
    password_login(client, user)
    response = client.post(
        VERIFY, {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_codes_typed_too_fast_after_a_wrong_one_are_refused_with_the_wait(client):
    user, device = enrolled_staff()
    password_login(client, user)
    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 200
    assert "1" in response.content.decode()
    assert (
        ru(
            "Too many wrong codes in a row. Wait %(count)s second, then try again.",
            "Too many wrong codes in a row. Wait %(count)s seconds, then try again.",
            1,
        )
        % {"count": 1}
        in response.content.decode()
    )
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_five_wrong_codes_in_a_row_log_out_and_are_a_lockout(client, caplog):
    caplog.set_level(logging.INFO, logger="opi.security")
    user, device = enrolled_staff()
    password_login(client, user)
    for attempt in range(1, 6):
        response = client.post(VERIFY, {"code": "000000", "next": "/admin/"})
        device.refresh_from_db()
        assert device.throttling_failure_count == attempt
        if attempt < 5:
            assert response.status_code == 200
            let_throttle_pass(device)
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)
    assert client.get("/admin/")["Location"].startswith(ADMIN_LOGIN)  # logged out
    actions = actions_on(user)
    assert actions.count("opi.login_failed") == 5
    assert "opi.lockout" in actions
    assert any(
        "event=lockout" in line and "stage=two_factor" in line
        for line in caplog.messages
    )


def test_a_recovery_code_works_once_instead_of_the_app(client):
    user, device = enrolled_staff()
    recovery_codes_for(user, "abcd2345", "efgh6723")
    password_login(client, user)
    page = client.get(VERIFY + "?method=recovery&next=/admin/")
    field = re.search(r'<input[^>]*name="code"[^>]*>', page.content.decode()).group(0)
    assert "inputmode" not in field  # letters too
    response = client.post(
        VERIFY, {"method": "recovery", "code": "ABCD-2345", "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token="abcd2345").exists()

    client.post("/admin/logout/")
    other = Client()
    password_login(other, user)
    response = other.post(VERIFY, {"method": "recovery", "code": "abcd-2345"})
    assert response.status_code == 200
    assert ru("This code is not right. Check it and type the code shown now.") in (
        response.content.decode()
    )
    assert other.get("/admin/")["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(client):
    user, device = enrolled_staff()
    recovery_codes_for(user, "abcd2345")
    verified_login(client, user)
    manage = client.get("/admin/two-factor/").content.decode()
    assert ru("Make new recovery codes") in manage
    response = client.post("/admin/two-factor/recovery-codes/new/")
    assert response["Location"].startswith(CODES)
    codes = re.findall(
        r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>",
        client.get(response["Location"]).content.decode(),
    )
    assert len(codes) == 10
    assert "opi.2fa.recovery_codes" in actions_on(user)

    old = Client()
    password_login(old, user)
    assert old.post(VERIFY, {"method": "recovery", "code": "abcd2345"}).status_code == (
        200
    )
    let_throttle_pass(StaticDevice.objects.get(user=user))
    response = old.post(VERIFY, {"method": "recovery", "code": codes[0]})
    assert response.status_code == 302


def test_applicants_log_in_without_a_second_factor(client):
    applicant = UserFactory(email="applicant2@example.kz")
    response = password_login(client, applicant, url="/accounts/login/")
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200
    assert not TOTPDevice.objects.filter(user=applicant).exists()
    # and the second-factor pages are not theirs: the admin sends them to its login
    assert client.get(VERIFY)["Location"].startswith(ADMIN_LOGIN)


def test_the_account_settings_show_the_state_and_link_to_it(client, editor):
    verified_login(client, editor)
    recovery_codes_for(editor, "abcd2345", "efgh6723")
    html = client.get("/admin/account/").content.decode()
    assert ru("Two-factor authentication") in html
    assert 'href="/admin/two-factor/"' in html
    manage = client.get("/admin/two-factor/").content.decode()
    assert "2" in manage and ru("On.") in manage


def test_a_superuser_resets_someones_second_factor_and_ends_their_sessions(
    client, superuser
):
    user, device = enrolled_staff()
    recovery_codes_for(user, "abcd2345")
    theirs = Client()
    verified_login(theirs, user)
    verified_login(client, superuser)
    users = client.get("/admin/users/").content.decode()
    assert f"/admin/two-factor/reset/{user.pk}/" in users
    assert client.get(f"/admin/two-factor/reset/{user.pk}/").status_code == 200
    response = client.post(f"/admin/two-factor/reset/{user.pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert theirs.get("/admin/")["Location"].startswith(ADMIN_LOGIN)
    entry = ModelLogEntry.objects.get(action="opi.2fa.reset")
    assert entry.object_id == str(user.pk) and entry.user_id == superuser.pk
    # at the next login they enrol again
    password_login(theirs, user)
    assert theirs.get("/admin/")["Location"].startswith(SETUP)


def test_only_superusers_reset_and_never_their_own(client, superuser):
    user, _device = enrolled_staff()
    reviewer, _ = enrolled_staff("reviewer2@example.kz", roles.REVIEWERS)
    verified_login(client, reviewer)
    refused = client.post(f"/admin/two-factor/reset/{user.pk}/")
    assert refused.status_code == 403  # not among a reviewer's admin views
    assert TOTPDevice.objects.filter(user=user).exists()
    admin = Client()
    verified_login(admin, superuser)
    admin.post(f"/admin/two-factor/reset/{superuser.pk}/")
    assert TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()


# --- the session policy ----------------------------------------------------------------


def test_login_starts_a_new_session(client):
    applicant = UserFactory()
    session = client.session
    session["visited"] = True
    session.save()
    before = client.cookies["sessionid"].value
    password_login(client, applicant, url="/accounts/login/")
    after = client.cookies["sessionid"].value
    assert after != before
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert not store().exists(before)
    assert LoginSession.objects.filter(user=applicant, session_key=after).exists()


def test_logout_ends_every_session_of_the_person(client):
    applicant = UserFactory()
    phone = Client()
    password_login(client, applicant, url="/accounts/login/")
    password_login(phone, applicant, url="/accounts/login/")
    assert phone.get("/account/").status_code == 200
    client.post("/accounts/logout/")
    assert phone.get("/account/")["Location"].startswith("/accounts/login/")
    assert not LoginSession.objects.filter(user=applicant).exists()
    assert "opi.logout" in actions_on(applicant)


def test_staff_logout_in_the_admin_ends_the_other_sessions_too(client, editor):
    laptop = Client()
    verified_login(client, editor)
    verified_login(laptop, editor)
    client.post("/admin/logout/")
    assert laptop.get("/admin/")["Location"].startswith(ADMIN_LOGIN)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(client):
    applicant = UserFactory()
    phone = Client()
    password_login(client, applicant, url="/accounts/login/")
    password_login(phone, applicant, url="/accounts/login/")
    response = client.post(
        "/accounts/password-change/",
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200  # this browser stays in
    assert phone.get("/account/")["Location"].startswith("/accounts/login/")
    assert LoginSession.objects.filter(user=applicant).count() == 1
    assert (
        LoginSession.objects.get(user=applicant).session_key
        == client.cookies["sessionid"].value
    )
    assert "opi.sessions_ended" in actions_on(applicant)


def test_a_password_change_in_the_admin_ends_the_other_sessions(client, editor):
    laptop = Client()
    verified_login(client, editor)
    verified_login(laptop, editor)
    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Ираида",
            "name_email-last_name": "Носкова",
            "name_email-email": editor.email,
            "locale-preferred_language": "ru",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
            "password-old_password": DEFAULT_PASSWORD,
            "password-new_password1": "a-new-long-passphrase-42",
            "password-new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    editor.refresh_from_db()
    assert editor.check_password("a-new-long-passphrase-42")
    assert client.get("/admin/").status_code == 200
    assert laptop.get("/admin/")["Location"].startswith(ADMIN_LOGIN)


def move_clock(client, *, login_ago=0, seen_ago=0):
    session = client.session
    moment = session_policy.now()
    session[session_policy.LOGIN_AT] = moment - login_ago
    session[session_policy.SEEN_AT] = moment - seen_ago
    session.save()


def test_staff_idle_for_31_minutes_are_logged_out_with_the_reason(client, editor):
    verified_login(client, editor)
    move_clock(client, login_ago=31 * 60, seen_ago=31 * 60)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == ADMIN_LOGIN + "?next=%2Fadmin%2Fpages%2F"
    login_page = client.get(response["Location"]).content.decode()
    expected = ru(
        "Your session has expired after %(count)s minute without activity. "
        "Log in again to continue.",
        "Your session has expired after %(count)s minutes without activity. "
        "Log in again to continue.",
        30,
    ) % {"count": 30}
    assert expected in login_page
    assert client.get("/admin/")["Location"].startswith(ADMIN_LOGIN)
    assert "opi.session_expired" in actions_on(editor)


def test_staff_active_within_the_half_hour_stay(client, editor):
    verified_login(client, editor)
    move_clock(client, login_ago=3 * 3600, seen_ago=29 * 60)
    assert client.get("/admin/").status_code == 200


def test_an_expired_session_does_not_end_the_persons_other_sessions(client, editor):
    laptop = Client()
    verified_login(client, editor)
    verified_login(laptop, editor)
    move_clock(client, seen_ago=31 * 60)
    client.get("/admin/")
    assert laptop.get("/admin/").status_code == 200


def test_applicants_have_no_idle_timeout(client):
    applicant = UserFactory()
    password_login(client, applicant, url="/accounts/login/")
    move_clock(client, login_ago=5 * 3600, seen_ago=5 * 3600)
    assert client.get("/account/").status_code == 200


def test_every_login_ends_after_12_hours(client):
    applicant = UserFactory()
    password_login(client, applicant, url="/accounts/login/")
    move_clock(client, login_ago=12 * 3600, seen_ago=10)
    response = client.get("/en/account/")
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Faccount%2F"
    page = client.get(response["Location"]).content.decode()
    assert "a login lasts at most 12 hours" in page
    assert client.get("/account/")["Location"].startswith("/accounts/login/")


def test_the_last_request_is_written_at_most_once_a_minute(client, monkeypatch):
    applicant = UserFactory()
    password_login(client, applicant, url="/accounts/login/")
    start = client.session[session_policy.SEEN_AT]
    monkeypatch.setattr(session_policy, "now", lambda: start + 59)
    client.get("/account/")
    assert client.session[session_policy.SEEN_AT] == start
    monkeypatch.setattr(session_policy, "now", lambda: start + 61)
    client.get("/account/")
    assert client.session[session_policy.SEEN_AT] == start + 61


def test_the_session_cookie_lives_no_longer_than_a_login():
    assert (
        settings.SESSION_COOKIE_AGE
        == settings.SESSION_ABSOLUTE_HOURS * 3600
        == (12 * 3600)
    )
    assert settings.STAFF_SESSION_IDLE_MINUTES == 30


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_ending_sessions_empties_the_shared_cache_too():
    applicant = UserFactory()
    browsers = [Client(), Client()]
    for browser in browsers:
        password_login(browser, applicant, url="/accounts/login/")
        assert browser.get("/account/").status_code == 200
    assert end_sessions(applicant) == 2
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for browser in browsers:
        key = browser.cookies["sessionid"].value
        assert not store().exists(key)
        assert browser.get("/account/")["Location"].startswith("/accounts/login/")
    assert end_sessions(applicant) == 0


# --- the security log ------------------------------------------------------------------


def test_logins_failures_and_lockouts_are_logged_without_passwords_or_addresses(
    client, caplog
):
    caplog.set_level(logging.INFO, logger="opi.security")
    applicant = UserFactory(email="person-log@example.kz")
    address = {"REMOTE_ADDR": "203.0.113.57"}
    password_login(client, applicant, url="/accounts/login/", **address)
    assert "opi.login" in actions_on(applicant)

    stranger = Client()
    password_login(
        stranger, applicant, url="/accounts/login/", password="wrong-one", **address
    )
    assert "opi.login_failed" in actions_on(applicant)
    ghost = "nobody-here@example.kz"
    stranger.post(
        "/accounts/login/",
        {"username": ghost, "password": "wrong-one"},
        **address,
    )
    for _ in range(4):
        response = password_login(
            stranger,
            applicant,
            url="/accounts/login/",
            password="wrong-one",
            REMOTE_ADDR="198.51.100.9",
        )
    for _ in range(5):
        response = password_login(
            stranger, applicant, url="/admin/login/", password="wrong-one", **address
        )
    assert response.status_code == 429
    actions = actions_on(applicant)
    assert actions.count("opi.lockout") == 1
    text = "\n".join(caplog.messages)
    assert f"event=login user_id={applicant.pk}" in text
    assert "event=login_failed account=unknown attempted=" in text
    assert "event=lockout" in text and "via=admin" in text
    assert "blocked=True" in text  # the attempt refused while locked out
    assert "network=203.0.113.0/24" in text
    assert "203.0.113.57" not in text and "198.51.100.9" not in text
    assert ghost not in text and "wrong-one" not in text
    assert applicant.email not in text
    # an address without an account reaches the logger only
    assert not ModelLogEntry.objects.filter(label__icontains=ghost).exists()


def test_the_security_log_keeps_no_name_once_the_person_is_anonymised(client):
    applicant = UserFactory(full_name="Жанар Сейтова", email="zhanar@example.kz")
    password_login(client, applicant, url="/accounts/login/")
    client.post("/accounts/logout/")
    assert ModelLogEntry.objects.filter(label="Жанар Сейтова").exists()
    pseudonym = anonymise(applicant, reason="test")
    labels = set(
        ModelLogEntry.objects.filter(object_id=str(applicant.pk)).values_list(
            "label", flat=True
        )
    )
    assert labels == {pseudonym}
