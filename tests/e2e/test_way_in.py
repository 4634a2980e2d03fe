"""A newcomer's way in, in a real browser at phone width: from the home page to the
registration form by the main button (one click), and from the how-to page by its steps
and its "Your next step" button; a verified applicant's button opens the form."""

import re

import pytest

from .conftest import DEMO_PASSWORD, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_newcomer_reaches_the_registration_form_from_the_home_page(
    phone_page, demo_site
):
    page = phone_page
    page.goto(demo_site.url + "/")
    clicks = 0
    button = page.locator(".hero__actions .button--primary")
    assert button.inner_text() == "Подать заявку"
    button.click()
    clicks += 1
    page.wait_for_url(re.compile(r".*/register/$"))
    assert clicks <= 2
    assert page.locator("main form input[name=email]").is_visible()
    screenshot(page, "way_in_register_390")

    # the how-to page: the first step links to the form, and so does the next step
    page.goto(demo_site.url + "/how-to-apply/")
    first_step = page.locator(".steps__item").first
    assert first_step.get_by_role("link", name="форму регистрации").get_attribute(
        "href"
    ) == ("/register/")
    next_step = page.locator(".next-step .button")
    assert next_step.is_visible()
    next_step.click()
    page.wait_for_url(re.compile(r".*/register/$"))
    # and the header, on every page, beside "Log in"
    page.goto(demo_site.url + "/kk/how-to-apply/")
    page.locator(".site-header .account-link--next").click()
    page.wait_for_url(re.compile(r".*/kk/register/$"))
    assert page.console_watch.csp_violations() == []


def test_a_verified_applicant_is_led_to_the_form(phone_page, demo_site):
    page = phone_page
    page.goto(demo_site.url + "/accounts/login/")
    page.fill("main input[type=email]", "applicant@example.kz")
    page.fill("main input[type=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    # the demo applicant accepted edition 1 only: the renewed consent comes first
    page.goto(demo_site.url + "/how-to-apply/")
    page.check("#id_accept_policy")
    page.check("#id_consent_processing")
    page.click("text=Принять и продолжить")
    page.wait_for_url(re.compile(r".*/how-to-apply/$"))
    assert page.locator(".site-header .account-link--next").get_attribute("href") == (
        "/apply/"
    )
    page.locator(".next-step .button").click()
    page.wait_for_url(re.compile(r".*/apply/$"))
    assert page.console_watch.csp_violations() == []
