"""Site-wide features a visitor meets on every page: languages, menus, search, robots,
sitemap, health check and error pages."""

import sqlite3

import psycopg
import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from wagtail.models import Site

from home.models import MainMenuItem, PortalSettings
from home.views import server_error
from tests.factories import (
    HOSTILE_QUERIES,
    add_info_page,
    add_technology_request,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    return add_info_page(
        home_page,
        title="Об ОПИ",
        slug="about",
        intro="Опытно-промышленные испытания инновационных технологий.",
    )


@pytest.fixture
def english(home_page, about):
    translate(
        home_page, "en", title="OPI Center", hero_title="Pilot testing of innovations"
    )
    return translate(about, "en", title="About pilot testing", intro="What OPI is.")


def language_link(html, code):
    marker = f'hreflang="{code}"'
    start = html.rindex('href="', 0, html.index(marker)) + len('href="')
    return html[start : html.index('"', start)]


class TestLanguages:
    def test_russian_is_the_default_without_prefix(self, client, about):
        response = client.get("/about/")
        assert response.status_code == 200
        assert '<html lang="ru">' in response.content.decode()

    def test_english_pages_live_under_en(self, client, english):
        html = client.get("/en/about/").content.decode()
        assert '<html lang="en">' in html
        assert "<h1>About pilot testing</h1>" in html
        assert "Skip to main content" in html

    def test_russian_interface_is_translated(self, client, about):
        html = client.get("/about/").content.decode()
        assert "Перейти к основному содержанию" in html

    def test_switcher_links_to_the_same_page_in_each_language(self, client, english):
        html = client.get("/about/").content.decode()
        assert language_link(html, "en") == "/en/about/"
        assert language_link(html, "ru") == "/about/"
        assert 'aria-current="true"' in html

    def test_switcher_falls_back_to_the_home_page_of_a_language(self, client, english):
        # There is no Kazakh translation of "About": the KK link leads to the Kazakh home.
        html = client.get("/about/").content.decode()
        assert language_link(html, "kk") == "/kk/"

    def test_switcher_on_a_view_keeps_the_path(self, client, home_page):
        html = client.get("/search/?q=%D0%9E%D0%9F%D0%98").content.decode()
        assert language_link(html, "en") == "/en/search/?q=%D0%9E%D0%9F%D0%98"


class TestMenus:
    def test_main_menu_shows_pages_in_the_visitors_language(
        self, client, home_page, english
    ):
        portal_settings = PortalSettings.for_site(
            Site.objects.get(is_default_site=True)
        )
        about_ru = english.get_translation(home_page.locale)
        MainMenuItem.objects.create(
            settings=portal_settings, page=about_ru, sort_order=0
        )

        ru = client.get("/").content.decode()
        en = client.get("/en/").content.decode()
        assert '<a href="/about/">Об ОПИ</a>' in ru
        assert '<a href="/en/about/">About pilot testing</a>' in en

    def test_current_page_is_marked_in_the_menu(self, client, about):
        portal_settings = PortalSettings.for_site(
            Site.objects.get(is_default_site=True)
        )
        MainMenuItem.objects.create(settings=portal_settings, page=about, sort_order=0)
        html = client.get("/about/").content.decode()
        assert '<a href="/about/" aria-current="page">Об ОПИ</a>' in html

    def test_footer_shows_contacts_in_the_visitors_language(self, client, english):
        portal_settings = PortalSettings.for_site(
            Site.objects.get(is_default_site=True)
        )
        portal_settings.phone = "+7 7172 00 00 00"
        portal_settings.organization_ru = "ТОО «Инженерная компания»"
        portal_settings.organization_en = "Engineering Company LLP"
        portal_settings.save()
        assert "ТОО «Инженерная компания»" in client.get("/").content.decode()
        en = client.get("/en/").content.decode()
        assert "Engineering Company LLP" in en and "+7 7172 00 00 00" in en


class TestSearch:
    def test_finds_pages_and_highlights_the_query(self, client, about):
        response = client.get(reverse("search"), {"q": "испытания"})
        html = response.content.decode()
        assert response.status_code == 200
        assert 'href="/about/"' in html
        assert "<mark>испытания</mark>" in html

    def test_a_summary_in_rich_text_reads_as_text(self, client, home_page):
        index = add_technology_request().get_parent().specific
        index.intro = "<p>Задачи <b>дочерних</b> организаций.</p>"
        index.save_revision().publish()
        html = client.get(reverse("search"), {"q": "Технологические"}).content.decode()
        assert "<p>Задачи дочерних организаций.</p>" in html
        assert "&lt;p&gt;" not in html and "&lt;b&gt;" not in html

    def test_searches_only_the_visitors_language(self, client, english):
        html = client.get("/en/search/", {"q": "pilot"}).content.decode()
        assert 'href="/en/about/"' in html
        assert 'href="/about/"' not in html

    def test_no_results_says_so(self, client, about):
        html = client.get(reverse("search"), {"q": "квазар"}).content.decode()
        assert 'class="empty-state"' in html
        assert "квазар" in html

    @pytest.mark.parametrize("typed", HOSTILE_QUERIES)
    def test_operators_of_the_full_text_syntax_are_queries_like_any_other(
        self, client, about, typed
    ):
        """Neither SQLite's FTS5 nor PostgreSQL's tsquery operators are syntax errors
        of the search (an unclosed quote once answered 503 'database unavailable'): the
        words are searched, and a query without words finds nothing."""
        response = client.get(reverse("search"), {"q": typed})
        html = response.content.decode()
        assert response.status_code == 200
        assert 'id="search-query"' in html  # the search page, not an error page

    @pytest.mark.parametrize(
        "typed", ['"испытания', 'испытания"', "испытания*", "(испытания)", "-испытания"]
    )
    def test_the_words_around_operators_are_still_found(self, client, about, typed):
        html = client.get(reverse("search"), {"q": typed}).content.decode()
        assert 'href="/about/"' in html

    def test_empty_query_shows_just_the_form(self, client, home_page):
        html = client.get(reverse("search")).content.decode()
        assert 'id="search-query"' in html and "search-results" not in html

    def test_query_is_escaped(self, client, home_page):
        html = client.get(
            reverse("search"), {"q": "<script>x</script>"}
        ).content.decode()
        assert "<script>x</script>" not in html

    def test_results_are_paginated_and_keep_the_query(
        self, client, home_page, settings
    ):
        settings.SEARCH_RESULTS_PER_PAGE = 2
        for number in range(5):
            add_info_page(
                home_page, title=f"Испытание {number}", intro="Стенд испытаний"
            )
        first = client.get(reverse("search"), {"q": "стенд"}).content.decode()
        assert first.count('class="search-result"') == 2
        assert "q=%D1%81%D1%82%D0%B5%D0%BD%D0%B4&amp;page=2" in first
        third = client.get(
            reverse("search"), {"q": "стенд", "page": 3}
        ).content.decode()
        assert third.count('class="search-result"') == 1


class TestMachineReadable:
    def test_sitemap_lists_pages_in_every_language(self, client, english):
        response = client.get("/sitemap.xml")
        xml = response.content.decode()
        assert response.status_code == 200
        assert "/about/</loc>" in xml and "/en/about/</loc>" in xml

    def test_robots_points_to_the_sitemap_and_hides_private_areas(self, client):
        response = client.get("/robots.txt")
        text = response.content.decode()
        assert response["Content-Type"].startswith("text/plain")
        assert "Sitemap: http://testserver/sitemap.xml" in text
        assert "Disallow: /admin/" in text and "Disallow: /en/account/" in text

    def test_health_ok(self, client):
        response = client.get("/health/")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}

    def test_health_reports_a_database_that_does_not_answer(self, client, monkeypatch):
        def refuse(*args, **kwargs):
            raise OperationalError("connection refused")

        monkeypatch.setattr(connection, "cursor", refuse)
        response = client.get("/health/")
        assert response.status_code == 503
        assert response.json()["database"] == "unavailable"


class TestErrorPages:
    def test_404_page_helps_the_visitor_on(self, client, home_page):
        response = client.get("/no-such-page/")
        html = response.content.decode()
        assert response.status_code == 404
        assert 'role="search"' in html and 'href="/"' in html
        assert "<title>" in html and "site-header" in html

    def test_404_in_english(self, client, english):
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()

    def test_500_page_needs_no_database(self, rf):
        response = server_error(rf.get("/"))
        assert response.status_code == 500
        assert "Что-то пошло не так" in response.content.decode()

    def test_a_database_outage_says_try_again_shortly(self, rf):
        try:
            raise OperationalError("connection failed") from psycopg.OperationalError(
                "connection failed: Connection refused"
            )
        except OperationalError:
            response = server_error(rf.get("/register/"))
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "Портал временно недоступен" in response.content.decode()

    def test_a_query_error_is_no_outage(self, rf):
        """SQLite's full-text syntax error is an OperationalError too: a bug, not an
        outage (tests/home/test_errors.py tells the two apart in detail)."""
        try:
            raise OperationalError("fts5: syntax error") from sqlite3.OperationalError(
                'fts5: syntax error near """'
            )
        except OperationalError:
            response = server_error(rf.get("/search/"))
        assert response.status_code == 500
        assert "Retry-After" not in response
