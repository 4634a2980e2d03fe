"""The privacy policy page: where it lives, and that numbering is generated for editors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policy.models import PolicyPage
from tests.factories import (
    PolicyPageFactory,
    add_info_page,
    policy_fields,
    publish,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home_page):
    return PolicyPageFactory(parent=home_page, published=True)


def test_policy_lives_under_the_home_page_once(home_page, policy):
    assert not PolicyPage.can_create_at(home_page)  # one per site
    info = add_info_page(home_page, title="Об ОПИ", slug="about")
    assert not PolicyPage.can_create_at(info)
    assert PolicyPage.allowed_subpage_models() == []


def test_numbers_and_anchors_are_generated(client, policy):
    html = client.get("/policy/").content.decode()
    assert (
        '<h2 id="section-1"><span class="policy__number">1.</span> Общие положения</h2>'
        in html
    )
    assert (
        'id="clause-1-2"' in html and '<span class="policy__number">1.2.</span>' in html
    )
    assert '<span class="policy__number">2.1.</span>' in html
    assert (
        '<a href="#section-2"><span class="policy__number">2.</span> Состав данных</a>'
        in html
    )
    assert "<li>оператор;</li>" in html  # a clause may hold a list


def test_approval_details_and_consent_statement_are_shown(client, policy):
    html = client.get("/policy/").content.decode()
    assert "KMGE-GD-471.1-21/14" in html
    assert "128-П" in html and "Приказ генерального директора" in html
    assert 'datetime="2026-03-10"' in html
    assert 'id="consent-statement"' in html
    assert "Я даю согласие на обработку" in html


def test_policy_in_english(client, home_page, policy):
    translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
    translate(
        policy,
        "en",
        title="Privacy policy",
        body=[
            {
                "type": "section",
                "value": {
                    "heading": "General provisions",
                    "clauses": ["<p>Scope.</p>"],
                },
            }
        ],
    )
    html = client.get("/en/policy/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Privacy policy</h1>" in html
    assert "General provisions" in html and "In force from" in html


def test_policy_page_query_count_is_bounded(
    client, policy, django_assert_max_num_queries
):
    client.get("/policy/")
    with CaptureQueriesContext(connection) as first:
        client.get("/policy/")
    budget = len(first)  # read now: every request empties the log of queries
    many = [dict(s) for s in policy_fields()["body"]] * 10
    policy.body = many
    publish(policy)
    client.get("/policy/")  # the first view after a publication makes the page frame
    with django_assert_max_num_queries(budget):
        assert client.get("/policy/").status_code == 200
