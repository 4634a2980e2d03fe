"""A way in from every page a newcomer lands on: the home page's main button, the how-to
page's "Your next step" and the header's link lead a visitor to registration, an
applicant whose registration is not verified to its state, a verified one to the form
(``submissions.next_step``), and the page cache never mixes them up."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client, override_settings

from submissions.models.registrations import VerificationStatus
from tests.factories import (
    ApplicantFactory,
    ReviewerFactory,
    add_info_page,
    publish,
    translate,
)
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

STEPS = {
    "type": "steps",
    "value": {
        "title": "Порядок подачи",
        "steps": [
            {
                "title": "Зарегистрируйтесь",
                "text": '<p>Заполните <a href="/register/">форму регистрации</a>.</p>',
            }
        ],
    },
}


@pytest.fixture
def how_to(home_page, apply_page):
    """The how-to page with its steps and the "Your next step" block; the home page's
    call-to-action page."""
    page = add_info_page(
        home_page,
        title="Как подать заявку",
        slug="how-to-apply",
        body=[STEPS, {"type": "next_step", "value": None}],
    )
    home_page.cta_label = "Подать заявку"
    home_page.cta_page = page
    publish(home_page)
    return page


def links(client, path):
    """Where the home page's button, the how-to page's button and the header's link
    lead on ``path`` (None where there is none)."""
    response = client.get(path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    def href(selector):
        element = soup.select_one(selector)
        return element["href"] if element else None

    return {
        "home": href(".hero__actions .button--primary"),
        "next_step": href(".next-step .button"),
        "header": href(".site-header .account-link--next"),
        "soup": soup,
    }


def awaiting_applicant(status=VerificationStatus.AWAITING):
    user = ApplicantFactory(awaiting=True)
    user.applicant_profile.status = status
    user.applicant_profile.save()
    return user


def test_a_visitor_is_led_to_the_registration_form(client, how_to):
    home = links(client, "/")
    assert home["home"] == "/register/"
    assert home["header"] == "/register/"
    assert home["soup"].select_one(".hero__actions .button--primary").text == (
        "Подать заявку"
    )
    # the page on how to apply stays linked under the button
    assert home["soup"].select_one(".hero__more a")["href"] == "/how-to-apply/"
    page = links(client, "/how-to-apply/")
    assert page["next_step"] == "/register/" and page["header"] == "/register/"
    assert page["soup"].select_one(".next-step__login a")["href"] == "/accounts/login/"
    # the steps themselves link to where each is done
    assert page["soup"].select_one(".steps__text a")["href"] == "/register/"


@pytest.mark.parametrize(
    "status", [VerificationStatus.AWAITING, VerificationStatus.CHANGES_REQUESTED]
)
def test_an_applicant_not_yet_verified_is_led_to_the_state_of_the_registration(
    client, how_to, status
):
    client.force_login(awaiting_applicant(status))
    home = links(client, "/")
    assert home["home"] == "/account/"
    # "My account" already leads there: no second link to the same place
    assert home["header"] is None
    assert links(client, "/how-to-apply/")["next_step"] == "/account/"


def test_a_blocked_applicant_is_led_to_the_dashboard_too(client, how_to):
    applicant = ApplicantFactory()
    profile = applicant.applicant_profile
    profile.blocked_at = profile.verified_at
    profile.save()
    client.force_login(applicant)
    assert links(client, "/")["home"] == "/account/"


def test_a_verified_applicant_is_led_to_the_application_form(client, how_to):
    client.force_login(ApplicantFactory())
    home = links(client, "/")
    assert home["home"] == "/apply/" and home["header"] == "/apply/"
    assert home["soup"].select_one(".hero__actions .button--primary").text == (
        "Подать заявку"
    )
    assert links(client, "/how-to-apply/")["next_step"] == "/apply/"


def test_staff_are_led_to_the_admin(client, how_to):
    verified_login(client, ReviewerFactory())
    home = links(client, "/")
    assert home["home"] == "/admin/"
    assert home["header"] is None  # the header's "My account" is theirs as before


def test_each_language_leads_to_its_own_registration_page(client, how_to, home_page):
    register = home_page.get_children().get(slug="register").specific
    translate(home_page, "kk")
    translate(register, "kk")
    assert links(client, "/kk/")["home"] == "/kk/register/"
    assert links(client, "/kk/")["header"] == "/kk/register/"


def test_the_page_cache_never_gives_one_person_the_others_button(how_to):
    """The anonymous copy is always "register"; a logged-in person is never served it
    but the copy kept for their kind of visitor (the verified applicants'), and what
    they see never becomes the anonymous copy."""
    cache.clear()
    visitor, verified = Client(), Client()
    verified.force_login(ApplicantFactory())
    with override_settings(PAGE_CACHE_SECONDS=300):
        for path in ("/", "/how-to-apply/"):
            assert visitor.get(path)["X-Page-Cache"] == "miss"
            applicant_view = links(verified, path)
            assert verified.get(path)["X-Page-Cache"] == "hit"  # the applicants' copy
            assert links(verified, path) == applicant_view
            assert visitor.get(path)["X-Page-Cache"] == "hit"
            visitor_view = links(visitor, path)
            assert applicant_view["header"] == "/apply/"
            assert visitor_view["header"] == "/register/"
            assert "/apply/" not in {visitor_view["home"], visitor_view["next_step"]}
            assert "/register/" not in {
                applicant_view["home"],
                applicant_view["next_step"],
            }
    cache.clear()


def test_a_preview_shows_what_a_visitor_sees(client, how_to, superuser):
    """An editor previewing the home page sees the visitor's button, not their own."""
    verified_login(client, superuser)
    response = client.get(f"/admin/pages/{how_to.get_parent().pk}/view_draft/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".hero__actions .button--primary")["href"] == "/register/"
