"""The search in each language on PostgreSQL: a Russian page is found by another form of its
words ("испытание" finds "испытания"), an English one too ("test" finds "tests"), a Kazakh
one by its words as written; and the same after the index is built again
(``update_index``).

SQLite's full-text search has no stemming: there the portal uses it as Wagtail does, and
these tests are skipped (``tests/home/test_site.py`` searches it)."""

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import add_info_page, translate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="stemming is PostgreSQL's text search (SQLite's FTS5 matches words as written)",
    ),
]


@pytest.fixture
def trials(home_page):
    """A Russian page, its English and Kazakh translations."""
    russian = add_info_page(
        home_page,
        title="Полигон",
        slug="polygon",
        intro="Опытно-промышленные испытания новых насосов на месторождении.",
    )
    translate(home_page, "en", title="OPI Center")
    english = translate(
        russian, "en", title="Proving ground", intro="Field tests of new pumps."
    )
    translate(home_page, "kk", title="ОПИ орталығы")
    kazakh = translate(
        russian,
        "kk",
        title="Полигон",
        intro="Жаңа сорғылардың сынақтары он жыл бойы жүргізіледі.",
    )
    return {"ru": russian, "en": english, "kk": kazakh}


def found(client, path, query):
    html = client.get(path, {"q": query}).content.decode()
    assert 'id="search-query"' in html
    return html


class TestRussian:
    @pytest.mark.parametrize("query", ["испытание", "испытаниями", "насос", "новый"])
    def test_another_form_of_a_word_finds_the_page(self, client, trials, query):
        html = found(client, "/search/", query)
        assert 'href="/polygon/"' in html
        assert 'class="empty-state"' not in html

    def test_the_words_as_written_still_find_it(self, client, trials):
        assert 'href="/polygon/"' in found(client, "/search/", "испытания")

    def test_a_word_the_page_lacks_finds_nothing(self, client, trials):
        html = found(client, "/search/", "испытание турбин")
        assert 'class="empty-state"' in html


class TestEnglish:
    @pytest.mark.parametrize("query", ["test", "testing", "pump"])
    def test_another_form_of_a_word_finds_the_page(self, client, trials, query):
        html = found(client, "/en/search/", query)
        assert 'href="/en/polygon/"' in html
        assert 'href="/polygon/"' not in html

    def test_the_russian_search_does_not_show_english_pages(self, client, trials):
        html = found(client, "/search/", "tests")
        assert 'class="empty-state"' in html


class TestKazakh:
    """No stemmer for Kazakh: its words are found as written, none of them dropped as a
    Russian stop word ("он", ten, is one in Russian)."""

    @pytest.mark.parametrize("query", ["сынақтары", "Сорғылардың", "он", "он жыл"])
    def test_the_words_as_written_find_the_page(self, client, trials, query):
        assert 'href="/kk/polygon/"' in found(client, "/kk/search/", query)


def test_a_rebuilt_index_keeps_each_language(client, trials):
    call_command("update_index", verbosity=0)
    assert 'href="/polygon/"' in found(client, "/search/", "испытание")
    assert 'href="/en/polygon/"' in found(client, "/en/search/", "test")
    assert 'href="/kk/polygon/"' in found(client, "/kk/search/", "он")
