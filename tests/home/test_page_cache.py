"""The shared page cache: what anonymous visitors get from it, what never enters it, and
that publishing takes the old copies out at once."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from home.models import PortalSettings
from tests.factories import ApplicantFactory, UserFactory, add_info_page, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


@pytest.fixture
def about(home_page):
    return add_info_page(
        home_page, title="О центре", slug="about", intro="Первая версия"
    )


def test_an_anonymous_visitor_gets_the_second_view_from_the_cache(
    client, about, django_assert_num_queries
):
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Первая версия" in second.content.decode()
    cache_control = second["Cache-Control"]
    assert "public" in cache_control and "s-maxage=300" in cache_control
    # The security headers of the page travel with the copy.
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_a_change_replaces_the_copy_at_once(client, about):
    client.get("/about/")
    about.intro = "Вторая версия"
    publish(about)
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "Вторая версия" in response.content.decode()


def test_unpublishing_takes_the_page_away_from_the_cache_too(client, about):
    assert client.get("/about/").status_code == 200
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_a_change_of_menus_or_footer_clears_every_page(client, about, home_page):
    client.get("/about/")
    portal_settings = PortalSettings.for_site(home_page.get_site())
    portal_settings.save()
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_the_footer_kept_for_every_page_follows_the_settings(client, about, home_page):
    """The footer is kept once per language, for logged-in pages too; saving the
    settings makes it again."""
    client.force_login(UserFactory(email="applicant@example.kz"))
    portal_settings = PortalSettings.for_site(home_page.get_site())
    portal_settings.phone = "+7 7172 00 00 01"
    portal_settings.save()
    assert "+7 7172 00 00 01" in client.get("/about/").content.decode()
    portal_settings.phone = "+7 7172 00 00 02"
    portal_settings.save()
    page = client.get("/about/").content.decode()
    assert "+7 7172 00 00 02" in page and "+7 7172 00 00 01" not in page


def test_a_logged_in_person_gets_the_copy_of_their_kind_never_the_anonymous_one(
    client, about
):
    anonymous = client.get("/about/")  # an anonymous copy is in the cache
    client.force_login(ApplicantFactory(email="applicant@example.kz"))
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"  # made for verified applicants
    second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content != anonymous.content
    page = second.content.decode()
    assert "Личный кабинет" in page and "Войти" not in page
    # never kept by a browser or a proxy
    assert "no-store" in second["Cache-Control"]
    assert "private" in second["Cache-Control"]
    assert "public" not in second["Cache-Control"]
    client.logout()
    client.cookies.clear()
    again = client.get("/about/")
    assert again["X-Page-Cache"] == "hit"  # the anonymous copy, unchanged
    assert again.content == anonymous.content


def test_two_people_of_one_kind_share_a_copy_that_holds_nothing_of_either(about):
    first, second = Client(), Client()
    aigerim = ApplicantFactory(
        email="aigerim@example.kz", profile__full_name="Сейтова Айгерим"
    )
    daniyar = ApplicantFactory(
        email="daniyar@example.kz", profile__full_name="Омаров Данияр"
    )
    first.force_login(aigerim)
    second.force_login(daniyar)
    made = first.get("/about/")
    kept = second.get("/about/")
    assert (made["X-Page-Cache"], kept["X-Page-Cache"]) == ("miss", "hit")
    for response in (made, kept):
        page = response.content.decode()
        for marker in ("aigerim", "Айгерим", "daniyar", "Данияр", "@example.kz"):
            assert marker not in page
    # their sessions stay their own: each account page is its owner's
    assert "aigerim@example.kz" in first.get("/account/").content.decode()
    assert "aigerim@example.kz" not in second.get("/account/").content.decode()


def test_a_person_of_another_kind_gets_another_copy(about, register_page, apply_page):
    verified, awaiting = Client(), Client()
    verified.force_login(ApplicantFactory())
    awaiting.force_login(ApplicantFactory(awaiting=True))
    assert verified.get("/about/")["X-Page-Cache"] == "miss"
    answer = awaiting.get("/about/")
    assert answer["X-Page-Cache"] == "miss"  # not the verified applicants' copy
    page = answer.content.decode()
    assert 'href="/account/"' in page and 'href="/apply/"' not in page
    assert 'href="/apply/"' in verified.get("/about/").content.decode()


def test_staff_and_pages_with_a_message_are_made_for_the_person(client, about, editor):
    client.force_login(editor)
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/about/")
    applicant = Client()
    applicant.force_login(ApplicantFactory())
    applicant.get("/about/")  # the applicants' copy is kept
    # a message waits for the next page (saving the e-mail settings leaves one)
    applicant.post("/account/e-mails/", {"message_emails": "on"})
    with_message = applicant.get("/about/")
    assert "X-Page-Cache" not in with_message
    assert (
        "Ваши настройки электронной почты сохранены." in with_message.content.decode()
    )
    assert applicant.get("/about/")["X-Page-Cache"] == "hit"  # shown once, as always


def test_forms_are_never_cached(client, register_page):
    first = client.get("/register/")
    second = client.get("/register/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in second
    assert "public" not in second["Cache-Control"]
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_admin_pages_say_no_store(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert "no-store" in response["Cache-Control"]


def test_other_query_strings_are_made_afresh(client, about):
    client.get("/about/?utm=1")
    response = client.get("/about/?utm=1")
    assert "X-Page-Cache" not in response
    assert client.get("/about/?page=2")["X-Page-Cache"] == "miss"


def test_the_cookie_notice_has_its_own_copy(client, about):
    with_notice = client.get("/about/")
    assert "data-cookie-notice" in with_notice.content.decode()
    client.cookies["cookie_notice_dismissed"] = "1"
    without_notice = client.get("/about/")
    assert without_notice["X-Page-Cache"] == "miss"
    assert "data-cookie-notice" not in without_notice.content.decode()


def test_a_visitor_with_a_message_waiting_is_not_served_a_copy(client, about):
    client.get("/about/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/about/")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_no_cache_when_switched_off(client, about):
    client.get("/about/")
    assert "X-Page-Cache" not in client.get("/about/")
