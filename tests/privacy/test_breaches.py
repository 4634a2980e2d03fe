"""Incidents of loss or disclosure: each affected applicant is e-mailed once and each
delivery recorded; the authority's export has its columns; the deadline is shown."""

import csv
import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from home.models import PortalSettings
from privacy.models.incidents import BreachNotice
from tests.factories import ApplicantFactory, BreachIncidentFactory, UserFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(db):
    return BreachIncidentFactory(
        what="Утерян ноутбук с выгрузкой заявок.",
        detected_at=timezone.now() - datetime.timedelta(hours=5),
        data_affected="ФИО, телефон, БИН/ИИН",
        measures="Доступы отозваны, диск был зашифрован.",
        applicants=[
            ApplicantFactory(email="first@example.kz"),
            ApplicantFactory(email="second@example.kz"),
        ],
    )


def test_each_affected_applicant_is_told_once_and_each_delivery_recorded(
    incident, superuser, django_capture_on_commit_callbacks
):
    client = Client()
    verified_login(client, superuser)
    url = reverse("incident_notify", args=[incident.pk])
    assert "2" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "first@example.kz",
        "second@example.kz",
    ]
    assert "Утерян ноутбук" in mail.outbox[0].body
    assert (
        BreachNotice.objects.filter(status="sent", sent_at__isnull=False).count() == 2
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 2  # nobody is told twice
    edit = client.get(
        reverse("wagtailsnippets_privacy_breachincident:edit", args=[incident.pk])
    ).content.decode()
    assert "5 ч назад" in edit and "отправлено 2 из 2" in edit


def test_the_authority_export_has_what_the_notice_needs(incident, superuser):
    contacts = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    contacts.protection_officer_name = "Нурланова Асель"
    contacts.protection_officer_email = "dpo@example.kz"
    contacts.save()
    client = Client()
    verified_login(client, superuser)
    response = client.get(
        reverse("incident_authority_export", args=[incident.pk, "csv"])
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0][:3] == ["Фамилия, имя, отчество", "БИН", "Телефон"]
    assert len(rows) == 3
    assert (
        rows[1][1] == "940740000911" and rows[1][2] == "'+7 701 000 00 00"
    )  # text, not a formula
    assert rows[1][4].startswith("Доступы отозваны") and "Нурланова Асель" in rows[1][5]
    xlsx = client.get(reverse("incident_authority_export", args=[incident.pk, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    reviewer = UserFactory(email="someone@example.kz")
    other = Client()
    verified_login(other, reviewer)
    assert other.get(
        reverse("incident_authority_export", args=[incident.pk, "csv"])
    ).status_code in (302, 403)
