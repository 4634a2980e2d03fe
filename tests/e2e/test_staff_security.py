"""Two-factor enrolment in a real browser, with the keyboard only: a demo editor logs in
to the admin for the first time, adds the portal to an authenticator app by the key shown
in text, confirms with a code, gets ten recovery codes and reaches the page asked for;
the next login asks for the code, and a recovery code works in its place."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import secret_of

from .conftest import DEMO_PASSWORD, axe_violations, describe, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def code_from_secret(secret):
    """What an authenticator app shows for the key typed into it by hand."""

    return f"{TOTP(b32decode(secret.replace(' ', ''))).token():06d}"


def focused(page):
    return page.evaluate(
        "() => [document.activeElement.tagName.toLowerCase(),"
        " document.activeElement.getAttribute('name') || '',"
        " document.activeElement.textContent.trim()]"
    )


def test_a_new_staff_member_enrols_with_the_keyboard_and_logs_in_again(
    phone_page, demo_site
):
    page = phone_page
    page.goto(demo_site.url + "/admin/login/?next=/admin/pages/")
    page.fill("input[name=username]", "editor@example.kz")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(
        re.compile(r".*/admin/two-factor/setup/\?next=%2Fadmin%2Fpages%2F$")
    )
    assert page.locator("svg[role=img] title").count() == 1  # the QR code
    # it opens at the top, with the explanation, not scrolled down to the code field
    assert page.evaluate("() => window.scrollY") == 0
    assert focused(page)[0] == "body"
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "admin_2fa_setup_390")

    # the key in text, for an app that cannot scan: reached and opened by keyboard
    summary = page.locator("details summary")
    summary.focus()
    page.keyboard.press("Enter")
    secret = page.inner_text(".two-factor__secret")
    device = TOTPDevice.objects.get(user__email="editor@example.kz", confirmed=False)
    assert secret == secret_of(device)
    page.keyboard.press("Tab")
    assert focused(page)[:2] == ["input", "code"]
    page.keyboard.type(code_from_secret(secret))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/admin/two-factor/recovery-codes/.*"))
    codes = page.locator(".two-factor__codes code").all_inner_texts()
    assert len(codes) == 10
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "admin_2fa_recovery_codes_390")
    for _ in range(10):  # past the skip link, to "I have saved the codes, continue"
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == (
            "/admin/pages/"
        ):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/admin/pages/$"))
    assert page.console_watch.csp_violations() == []

    # next time: the code page, and a recovery code in place of the app
    page.context.clear_cookies()
    page.goto(demo_site.url + "/admin/login/")
    page.fill("input[name=username]", "editor@example.kz")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/.*"))
    field = page.locator("input[name=code]")
    # straight to the field (the browser moves the focus to an autofocus field when it
    # next renders, which may come after the load event on a busy machine)
    page.wait_for_function("() => document.activeElement.name === 'code'", timeout=5000)
    assert field.get_attribute("autocomplete") == "one-time-code"
    assert field.get_attribute("inputmode") == "numeric"
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert "recovery" in page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*method=recovery.*"))
    page.keyboard.type(codes[0].upper())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/admin/$"))
    screenshot(page, "admin_after_recovery_code_390")
