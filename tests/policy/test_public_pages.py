"""The public archive of the policy: /policy/, /policy/editions/, /policy/editions/<n>/."""

import datetime

import pytest

from tests.factories import PolicyPageFactory, go_live, policy_fields, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editions(home_page):
    page = PolicyPageFactory(parent=home_page)
    go_live(page, change_summary="Первая редакция.")
    body = policy_fields()["body"]
    body[1]["value"]["clauses"] = ["<p>Фамилия, имя, e-mail, телефон и должность.</p>"]
    go_live(
        page,
        body=body,
        effective_date=datetime.date(2026, 6, 1),
        change_summary="Добавлена должность в состав данных.",
        requires_renewed_consent=True,
    )
    return page


def test_policy_shows_the_edition_in_force(client, two_editions):
    html = client.get("/policy/").content.decode()
    assert "Редакция 2, действует с 1 июня 2026 г." in html
    assert "должность" in html
    assert "Это не действующая редакция." not in html


def test_a_future_edition_is_not_yet_in_force(client, two_editions):
    go_live(two_editions, effective_date=datetime.date(2099, 1, 1))
    html = client.get("/policy/").content.decode()
    assert "Редакция 2," in html  # edition 3 waits for its date


def test_editions_are_listed_newest_first(client, two_editions):
    html = client.get("/policy/editions/").content.decode()
    assert html.index("Редакция 2") < html.index("Редакция 1")
    assert "Добавлена должность в состав данных." in html
    assert 'href="/policy/editions/1/"' in html
    assert "требует повторного согласия" in html


def test_an_old_edition_keeps_its_text_and_says_it_is_not_in_force(
    client, two_editions
):
    html = client.get("/policy/editions/1/").content.decode()
    assert "Редакция 1, действует с 10 марта 2026 г." in html
    assert "Это не действующая редакция." in html
    assert 'href="/policy/"' in html
    assert "Фамилия, имя, электронная почта, телефон." in html
    assert "должность." not in html


def test_an_unknown_edition_is_not_found(client, two_editions):
    assert client.get("/policy/editions/9/").status_code == 404


def test_the_archive_in_english(client, home_page, two_editions):
    translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
    english = translate(two_editions, "en", title="Privacy policy")
    # one edition in English: the text of edition 2, which it translates
    assert list(english.editions.values_list("number", flat=True)) == [2]
    html = client.get("/en/policy/editions/").content.decode()
    assert '<html lang="en">' in html
    assert "Edition 2" in html and 'href="/en/policy/editions/2/"' in html
    assert "Privacy policy" in client.get("/en/policy/editions/2/").content.decode()


def test_breadcrumbs_lead_back_to_the_policy(client, two_editions):
    html = client.get("/policy/editions/").content.decode()
    assert '<a href="/policy/">Политика конфиденциальности</a>' in html
    assert '<span aria-current="page">Редакции политики</span>' in html
    html = client.get("/policy/editions/1/").content.decode()
    assert '<span aria-current="page">Редакция 1</span>' in html


# what surrounds the page comes from its frame (home.page_frame); 17 before it
POLICY_QUERY_BUDGET = 8


@pytest.mark.parametrize(
    "path",
    [
        "/policy/",
        "/policy/editions/",
        "/policy/editions/1/",
        "/policy/editions/2/changes/",
    ],
)
def test_policy_pages_take_a_bounded_number_of_queries(
    client, two_editions, path, django_assert_max_num_queries
):
    client.get(path)  # warm the per-process caches (site root paths, locales)
    with django_assert_max_num_queries(POLICY_QUERY_BUDGET):
        assert client.get(path).status_code == 200
    for number in range(10):
        go_live(two_editions, change_summary=f"Правка {number}.")
    client.get(path)  # the first view after a publication makes the page frame again
    with django_assert_max_num_queries(POLICY_QUERY_BUDGET):
        assert client.get(path).status_code == 200  # twelve editions cost the same
