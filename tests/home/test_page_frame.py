"""The page frame (home.page_frame) and what is kept with it: whatever a visitor would
notice changing is seen on the next view, since every such change starts a new
generation."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import MainMenuItem, PortalSettings
from tests.factories import add_info_page, add_news_index, publish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    page = add_info_page(home_page, title="О центре", slug="about", intro="Кто мы")
    assert publish(home_page)
    return page


def test_a_view_restriction_added_later_is_kept_at_once(client, about):
    assert client.get("/about/").status_code == 200  # frame and route kept
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    answer = client.get("/about/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
    restriction.delete()
    assert client.get("/about/").status_code == 200


def test_a_password_on_a_section_hides_its_pages_from_the_lists(client, home_page):
    news = add_news_index(home_page)
    add_info_page(news, title="Закрытая новость", slug="closed")
    assert "Закрытая новость" in client.get("/").content.decode()
    PageViewRestriction.objects.create(
        page=news.get_children().get(slug="closed"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="секрет",
    )
    assert "Закрытая новость" not in client.get("/").content.decode()
    assert "password" in client.get("/news/closed/").content.decode()


def test_a_page_published_moved_or_unpublished_is_routed_as_it_is_now(
    client, home_page, about
):
    assert client.get("/about/team/").status_code == 404  # nothing kept for it
    team = add_info_page(about, title="Команда", slug="team")
    assert client.get("/about/team/").status_code == 200
    team.move(home_page, pos="last-child")
    moved = client.get("/about/team/")  # Wagtail's redirect from the old address
    assert (moved.status_code, moved["Location"]) == (301, "/team/")
    assert client.get("/team/").status_code == 200
    team.refresh_from_db()
    team.unpublish()
    assert client.get("/team/").status_code == 404


def test_a_menu_item_saved_alone_shows_on_the_next_page(client, home_page, about):
    assert 'href="/about/"' not in header_menu(client)
    MainMenuItem.objects.create(
        settings=PortalSettings.for_site(home_page.get_site()), page=about
    )
    assert 'href="/about/"' in header_menu(client)


def test_the_language_links_follow_a_translation_published_later(client, about):
    page = client.get("/about/").content.decode()
    assert 'hreflang="en"' in page and 'href="/en/about/"' not in page
    translate(about.get_parent().specific, "en", title="OPI Center")
    translate(about, "en", title="About", slug="about")
    assert 'href="/en/about/"' in client.get("/about/").content.decode()


def header_menu(client):
    page = client.get("/").content.decode()
    return page[
        page.index('id="main-nav"') : page.index("</nav>", page.index('id="main-nav"'))
    ]
