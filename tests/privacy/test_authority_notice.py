"""The notice of an incident to the authorised body for personal-data protection: the
incident shows its deadline (working days of Kazakhstan's calendar) until an
administrator records it; then when, how, by whom and its outgoing number, in the audit
log too. What cannot be true is refused beside the field."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from privacy.models.incidents import BreachIncident
from tests.factories import BreachIncidentFactory, ReviewerFactory
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
ACTION = "opi.breach.authority_notified"


def edit_url(incident):
    return reverse("wagtailsnippets_privacy_breachincident:edit", args=[incident.pk])


def notice_url(incident):
    return reverse("incident_authority_notice", args=[incident.pk])


@pytest.fixture
def administrator(superuser):
    """The administrator, reading the admin in English."""
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    superuser.full_name = "Asel Nurlanova"
    superuser.save()
    return superuser


@pytest.fixture
def before_nauryz(db):
    """An incident detected on Friday 20 March 2026, the day before Nauryz: its
    notice to the authority was due on Thursday 26 March (21 to 25 March are days off
    in Kazakhstan)."""
    return BreachIncidentFactory(
        what="A laptop with an export of applications was lost.",
        detected_at=datetime.datetime(2026, 3, 20, 16, 30, tzinfo=ALMATY),
    )


def field_wrapper(html, name):
    """The admin's wrapper of the form field ``name``: its label, input and errors."""
    soup = BeautifulSoup(html, "html.parser")
    control = soup.find(attrs={"name": name})
    assert control is not None, name
    return control.find_parent(attrs={"data-field-wrapper": True}).get_text(" ")


def test_the_deadline_shows_until_the_notice_is_recorded_then_what_was_sent(
    before_nauryz, administrator
):
    client = logged_in(administrator)
    edit = client.get(edit_url(before_nauryz)).content.decode()
    assert "notice to the authority due by March 26, 2026 — overdue" in edit
    assert "Record the notice to the authority" in edit
    listing = client.get(
        reverse("wagtailsnippets_privacy_breachincident:list")
    ).content.decode()
    assert "notice to the authority due by March 26, 2026 — overdue" in listing

    form = client.get(notice_url(before_nauryz)).content.decode()
    assert "due by March 26, 2026" in form
    response = client.post(
        notice_url(before_nauryz),
        {
            "authority_notified_at": "2026-03-23 11:15",
            "authority_notice_channel": "e_portal",
            "authority_notice_reference": " 04-12/345 ",
            "authority_notice_note": "Sent with the list of the affected applicants.",
        },
    )
    assert response.status_code == 302 and response["Location"] == edit_url(
        before_nauryz
    )

    edit = client.get(edit_url(before_nauryz)).content.decode()
    assert "notice to the authority due by" not in edit
    assert (
        "authority notified 03/23/2026 11:15 a.m. through the authority&#x27;s "
        "e-portal, no. 04-12/345, recorded by Asel Nurlanova" in edit
    )
    assert "Sent with the list of the affected applicants." in edit
    assert "Correct the record of the authority's notice" in edit
    listing = client.get(
        reverse("wagtailsnippets_privacy_breachincident:list")
    ).content.decode()
    assert "authority notified 03/23/2026" in listing

    incident = BreachIncident.objects.get(pk=before_nauryz.pk)
    assert incident.authority_notice_recorded_by == administrator
    assert timezone.localtime(incident.authority_notified_at) == datetime.datetime(
        2026, 3, 23, 11, 15, tzinfo=ALMATY
    )
    entry = ModelLogEntry.objects.get(action=ACTION)
    assert entry.user == administrator and entry.object_id == str(incident.pk)
    assert entry.data["reference"] == "04-12/345"
    assert entry.data["channel"] == "e_portal"
    history = client.get(
        reverse("wagtailsnippets_privacy_breachincident:history", args=[incident.pk])
    ).content.decode()
    assert "Notice to the authority recorded" in history


def test_a_recent_incident_is_due_on_the_next_working_day(administrator):
    incident = BreachIncidentFactory(detected_at=timezone.now())
    expected = incident.authority_notice_due
    assert expected > timezone.localdate()
    edit = logged_in(administrator).get(edit_url(incident)).content.decode()
    assert "notice to the authority due by " in edit
    assert "overdue" not in edit


@pytest.mark.parametrize(
    ("answers", "field", "error"),
    [
        (
            {"authority_notified_at": "2026-03-19 09:00"},
            "authority_notified_at",
            "cannot have been sent before the incident was detected",
        ),
        (
            {"authority_notified_at": "2099-01-01 09:00"},
            "authority_notified_at",
            "cannot have been sent later than now",
        ),
        (
            {"authority_notified_at": ""},
            "authority_notified_at",
            "Give the date and time the notice was sent.",
        ),
        (
            {"authority_notice_reference": "   "},
            "authority_notice_reference",
            "Give the notice's outgoing number.",
        ),
        (
            {"authority_notice_channel": ""},
            "authority_notice_channel",
            "Choose how the notice was sent.",
        ),
        (
            {"authority_notice_channel": "other", "authority_notice_note": ""},
            "authority_notice_note",
            "Say in the note how the notice was sent.",
        ),
    ],
)
def test_what_cannot_be_true_is_refused_beside_its_field(
    before_nauryz, administrator, answers, field, error
):
    typed = {
        "authority_notified_at": "2026-03-23 11:15",
        "authority_notice_channel": "letter",
        "authority_notice_reference": "04-12/345",
        "authority_notice_note": "",
        **answers,
    }
    response = logged_in(administrator).post(notice_url(before_nauryz), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert error in field_wrapper(html, field)
    # the page still says what is due, not what was typed
    assert "notice to the authority due by March 26, 2026 — overdue" in html
    incident = BreachIncident.objects.get(pk=before_nauryz.pk)
    assert incident.authority_notified_at is None
    assert incident.authority_notice_reference == ""
    assert not ModelLogEntry.objects.filter(action=ACTION).exists()


def test_only_an_administrator_records_it(before_nauryz):
    reviewer = logged_in(ReviewerFactory(email="reviewer@example.kz"))
    assert reviewer.get(notice_url(before_nauryz)).status_code in (302, 403)
    response = reviewer.post(
        notice_url(before_nauryz),
        {
            "authority_notified_at": "2026-03-23 11:15",
            "authority_notice_channel": "letter",
            "authority_notice_reference": "04-12/345",
        },
    )
    assert response.status_code in (302, 403)
    assert BreachIncident.objects.get(pk=before_nauryz.pk).authority_notified_at is None
    assert not ModelLogEntry.objects.filter(action=ACTION).exists()
