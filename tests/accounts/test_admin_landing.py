"""Where staff land: the two-factor set-up page opens at its explanation (the code field
is not focused until a wrong code brings the person back to it), and the admin's home
greets them with the portal's name in the admin's language."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.factories import DEFAULT_PASSWORD, EditorFactory, ReviewerFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

SETUP = "/admin/two-factor/setup/"


def code_field(html):
    return re.search(r'<input[^>]*name="code"[^>]*>', html).group(0)


def test_the_set_up_page_opens_at_its_explanation(client):
    editor = EditorFactory()
    client.post(
        "/admin/login/", {"username": editor.email, "password": DEFAULT_PASSWORD}
    )
    html = client.get(SETUP).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".two-factor__lead").text.strip()
    assert "autofocus" not in code_field(html)
    assert soup.select("[autofocus]") == []
    # a wrong code: the person is at the field, and it is focused for the next try
    html = client.post(SETUP, {"code": "000000", "next": "/admin/"}).content.decode()
    assert "autofocus" in code_field(html)


@pytest.mark.parametrize("factory", [ReviewerFactory, EditorFactory])
def test_the_admin_home_names_the_portal_in_the_admin_language(client, factory):
    """Reviewers have no pages to explore (Wagtail fell back to WAGTAIL_SITE_NAME,
    "OPI Center"); editors see the site's name. Both now read the portal's name in the
    admin's language."""
    verified_login(client, factory())
    html = client.get("/admin/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("main h1").text.strip() == "Центр ОПИ"
    assert soup.title.text.strip().endswith("- Центр ОПИ")  # not "- Wagtail"
    assert "OPI Center" not in html
    with override_settings(LANGUAGE_CODE="kk"):
        html = client.get("/admin/").content.decode()
    heading = BeautifulSoup(html, "html.parser").select_one("main h1").text.strip()
    assert heading == "ТӨС орталығы"
