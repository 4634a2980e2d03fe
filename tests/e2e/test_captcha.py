"""The captcha in a real browser: "Show other characters" (by keyboard) puts a new
picture, key and sound in place, empties the answer and says so, under the site's CSP."""

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_captcha_shows_other_characters(page, live_server, register_page):
    page.goto(live_server.url + "/register/")
    image = page.locator("[data-captcha-image]")
    old_src, old_key = image.get_attribute("src"), page.input_value("#id_captcha_0")
    page.fill("#id_captcha_1", "abcd")

    page.focus("[data-captcha-refresh]")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "old => document.querySelector('[data-captcha-image]').getAttribute('src') "
        "!== old",
        arg=old_src,
    )
    page.wait_for_function(
        "() => document.querySelector('[data-captcha-image]').naturalWidth > 0"
    )
    new_key = page.input_value("#id_captcha_0")
    assert new_key != old_key and image.get_attribute("src").endswith(f"/{new_key}/")
    assert page.input_value("#id_captcha_1") == ""
    assert page.locator("[data-captcha-status]").inner_text() != ""
    audio = page.locator("[data-captcha-audio]")
    if audio.count():
        assert audio.get_attribute("src").endswith(f"/{new_key}.wav")
    assert not page.console_watch.csp_violations()
