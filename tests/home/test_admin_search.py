"""The admin's searches take what staff type as safely as the public search: Wagtail's
page, image, document and user searches, the moderated registers (snippets) and the
read-only registers never fail on the operators of the full-text syntax."""

import pytest
from django.urls import reverse

from tests.factories import HOSTILE_QUERIES
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

ADMINISTRATOR_SEARCHES = [
    "wagtailadmin_pages:search",
    "wagtailimages:index",
    "wagtaildocs:index",
    "wagtailusers_users:index",
    "wagtailsnippets_submissions_application:list",
    "wagtailsnippets_submissions_registrationrequest:list",
    "wagtailsnippets_privacy_datasubjectrequest:list",
    "wagtailsnippets_privacy_breachincident:list",
    "wagtailsnippets_submissions_subsidiary:list",
    "policy_consentrecord_modeladmin_index",
    "policy_policyedition_modeladmin_index",
    "policy_editionnotice_modeladmin_index",
    "accounts_sentemail_modeladmin_index",
]
REVIEWER_SEARCHES = [
    "wagtailsnippets_submissions_application:list",
    "wagtailsnippets_submissions_registrationrequest:list",
    "wagtailsnippets_privacy_datasubjectrequest:list",
]
REVIEWER_QUERIES = ['"', 'a"b', "a*", "NEAR(a b)", "OR", "(", "a:*", "<->", "'", "\\"]


def failed_searches(client, names, query):
    answers = {name: client.get(reverse(name), {"q": query}) for name in names}
    return {name: r.status_code for name, r in answers.items() if r.status_code != 200}


@pytest.mark.parametrize("query", [q for q in HOSTILE_QUERIES if len(q) < 100])
def test_every_admin_search_answers_an_administrator(superuser, world, query):
    client = logged_in(superuser)
    assert failed_searches(client, ADMINISTRATOR_SEARCHES, query) == {}


@pytest.mark.parametrize("query", REVIEWER_QUERIES)
def test_the_registers_search_answers_a_reviewer(world, query):
    client = logged_in(world["reviewer"])
    assert failed_searches(client, REVIEWER_SEARCHES, query) == {}


def test_a_search_still_finds_what_it_should(world):
    client = logged_in(world["reviewer"])
    url = reverse("wagtailsnippets_submissions_application:list")
    html = client.get(url, {"q": "OPI-2026-00001"}).content.decode()
    assert "Предложение 1" in html and "Предложение 2" not in html
