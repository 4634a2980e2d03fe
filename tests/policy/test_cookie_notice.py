"""The cookie notice: on first visit, closable with or without JavaScript, worded by editors."""

import pytest
from wagtail.models import Site

from home.models import PortalSettings
from tests.factories import translate

pytestmark = pytest.mark.django_db


def test_a_first_visit_shows_the_notice_with_a_link_to_the_policy(client, home_page):
    html = client.get("/").content.decode()
    assert "data-cookie-notice" in html
    assert "только необходимые файлы cookie" in html
    assert 'action="/cookies/dismiss/"' in html
    assert '<input type="hidden" name="next" value="/">' in html


def test_closing_it_without_javascript_goes_back_and_remembers(client, home_page):
    response = client.post("/cookies/dismiss/", {"next": "/search/?q=ОПИ"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=%D0%9E%D0%9F%D0%98"
    cookie = response.cookies["cookie_notice_dismissed"]
    assert cookie["max-age"] == 31536000
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "data-cookie-notice" not in client.get("/").content.decode()


def test_closing_it_from_the_script_answers_empty(client, home_page):
    response = client.post("/cookies/dismiss/", HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204
    assert "cookie_notice_dismissed" in response.cookies


def test_it_never_sends_anyone_off_the_site(client, home_page):
    response = client.post("/cookies/dismiss/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get("/cookies/dismiss/").status_code == 405


def test_editors_word_the_notice_per_language(client, home_page):
    translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.cookie_notice_ru = "Мы используем только служебные cookie."
    settings.cookie_notice_en = "We use only essential cookies."
    settings.save()
    assert "Мы используем только служебные cookie." in client.get("/").content.decode()
    assert "We use only essential cookies." in client.get("/en/").content.decode()
