"""What a visitor sees in a real browser: languages, navigation, search, keyboard, phone."""

import re

import pytest

from home.models import InfoPage

from .conftest import screenshot, sign_in_to_admin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_in_russian_then_english(page, demo_site):
    page.goto(demo_site.url + "/")
    assert page.get_attribute("html", "lang") == "ru"
    assert "Испытайте вашу технологию" in page.inner_text("h1")
    assert page.get_by_role("link", name="Подать заявку").first.is_visible()
    menu = page.locator("#main-nav .main-nav__list a")
    assert menu.count() == 6  # with the technology requests

    page.click(".lang-switcher a[hreflang=en]")
    page.wait_for_url(re.compile(r".*/en/$"))
    assert page.get_attribute("html", "lang") == "en"
    assert "Test your technology" in page.inner_text("h1")
    assert (
        page.locator("#main-nav").get_by_role("link", name="How to apply").is_visible()
    )
    assert page.console_watch.csp_violations() == []


def test_menu_leads_to_an_info_page(page, demo_site):
    page.goto(demo_site.url + "/")
    page.locator("#main-nav").get_by_role("link", name="Об ОПИ").click()
    page.wait_for_url(re.compile(r".*/about/$"))
    assert page.inner_text("h1") == "Об ОПИ"
    assert page.locator("nav.breadcrumbs").is_visible()
    current = page.locator('#main-nav a[aria-current="page"]')
    assert current.inner_text() == "Об ОПИ"
    assert page.console_watch.csp_violations() == []


def test_search_from_the_header(page, demo_site):
    page.goto(demo_site.url + "/")
    page.fill("#header-search", "коррозии")
    page.press("#header-search", "Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=.*"))
    results = page.locator(".search-result")
    assert results.count() >= 1
    assert page.locator(".search-result mark").first.inner_text().lower() == "коррозии"
    screenshot(page, "search_1280")

    page.fill("#search-query", "квазиэлектрон")
    page.press("#search-query", "Enter")
    page.wait_for_load_state()
    assert page.locator(".empty-state").is_visible()
    assert page.console_watch.csp_violations() == []


def test_skip_link_is_the_first_stop_for_the_keyboard(page, demo_site):
    page.goto(demo_site.url + "/about/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.getAttribute('href'),"
        " document.activeElement.getBoundingClientRect().top]"
    )
    assert focused[0] == "#main"
    assert focused[1] >= 0  # moved into view when focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_phone_menu_opens_with_the_toggle(phone_page, demo_site):
    phone_page.goto(demo_site.url + "/")
    toggle = phone_page.locator(".menu-toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not phone_page.locator("#main-nav .main-nav__list a").first.is_visible()
    screenshot(phone_page, "home_390_menu_closed")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert phone_page.locator("#main-nav .main-nav__list a").first.is_visible()
    phone_page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert phone_page.console_watch.csp_violations() == []


def test_editor_logs_in_and_publishes_a_page(page, demo_site):
    sign_in_to_admin(page, demo_site.url, "editor@example.kz")
    assert page.locator("input[name=password]").count() == 0
    contacts = InfoPage.objects.get(slug="contacts", locale__language_code="ru")
    page.goto(f"{demo_site.url}/admin/pages/{contacts.pk}/edit/")
    page.fill("#id_intro", "Пишите и звоните: ответим в течение рабочего дня.")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name=re.compile("Опубликовать|Publish")).click()
    page.wait_for_load_state()
    page.goto(demo_site.url + "/contacts/")
    assert (
        page.inner_text(".lead") == "Пишите и звоните: ответим в течение рабочего дня."
    )
    assert page.console_watch.csp_violations() == []  # the admin works under its CSP
