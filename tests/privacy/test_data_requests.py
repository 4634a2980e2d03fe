"""Requests of the data subject: filing each kind, its due date in working days, the
reviewers carrying it out or refusing it with reasons, the e-mails at each step, and the
register where the overdue stand out."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from home.models import PortalSettings
from policy.models import ConsentRecord, PolicyEdition
from privacy.data_requests import due_date
from privacy.models.data_requests import DataSubjectRequest
from privacy.models.exports import DataExport
from tests.factories import ApplicantFactory
from tests.helpers import act, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(db):
    """A verified applicant who gave both consents of a registration, when a policy
    edition is in force."""
    return ApplicantFactory(
        email="applicant@example.kz", consents=PolicyEdition.objects.first()
    )


def file(client, capture, **data):
    with capture(execute=True):
        response = client.post("/data-requests/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return DataSubjectRequest.objects.latest("pk")


def test_due_dates_count_working_days():
    friday = datetime.datetime(2026, 11, 27, 10, tzinfo=datetime.UTC)
    assert due_date("block", friday) == datetime.date(2026, 11, 30)  # Monday
    assert due_date("export", friday) == datetime.date(2026, 12, 2)
    # Kazakhstan's calendar: a request of Friday 20 March 2026 waits out Nauryz
    # (Saturday 21 to Monday 23, with the days off moved to Tuesday 24 and Wednesday 25).
    before_nauryz = datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC)
    assert due_date("block", before_nauryz) == datetime.date(2026, 3, 26)
    assert due_date("export", before_nauryz) == datetime.date(2026, 3, 30)
    # Saturday 4 May 2024 was a working day (its day off moved to Wednesday 8 May).
    friday = datetime.datetime(2024, 5, 3, 10, tzinfo=datetime.UTC)
    assert due_date("block", friday) == datetime.date(2024, 5, 4)


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"kind": "withdraw_consent", "confirm": "on"}, "Выберите, какое согласие"),
        ({"kind": "correct"}, "Укажите, что неверно"),
        ({"kind": "delete"}, "Отметьте, что прочитали"),
        ({}, "Требуется заполнить это поле."),
    ],
)
def test_each_kind_says_what_it_needs_and_keeps_what_was_typed(
    data_page, applicant, data, field_error
):
    typed = {} if data.get("kind") == "correct" else {"details": "мой текст"}
    response = logged_in(applicant).post("/data-requests/", {**data, **typed})
    html = response.content.decode()
    assert response.status_code == 200 and field_error in html
    if typed:
        assert "мой текст" in html  # nothing typed is lost
    assert not DataSubjectRequest.objects.exists()


def test_a_withdrawal_end_to_end(
    data_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client = logged_in(applicant)
    page = client.get("/data-requests/").content.decode()
    assert "Рассмотрение заявок прекращается." in page  # what follows, said plainly
    request = file(
        client,
        django_capture_on_commit_callbacks,
        kind="withdraw_consent",
        purpose="personal_data_processing",
        confirm="on",
    )
    assert request.email == applicant.email and request.status == "received"
    assert request.due_date == due_date("withdraw_consent", request.submitted_at)
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == [applicant.email, "reviewer@example.kz"]
    dashboard = client.get("/account/").content.decode()
    assert f"№ {request.pk}" in dashboard and "отозвать согласие" in dashboard.lower()
    address = applicant.email

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(logged_in(reviewer), request, "approve", comment="Согласие отозвано.")
    request.refresh_from_db()
    assert request.status == "done" and request.answer == "Согласие отозвано."
    processing = ConsentRecord.objects.get(
        user=applicant, purpose="personal_data_processing"
    )
    assert processing.withdrawn_at is not None  # the ledger row stays, marked
    assert processing.withdrawal_reason == f"Запрос № {request.pk}"
    # without the consent to processing the person is anonymised, which ends the rest
    acceptance = ConsentRecord.objects.get(user=applicant, purpose="policy_acceptance")
    assert acceptance.withdrawn_at is not None
    assert acceptance.email.endswith("@anonymised.invalid")
    assert [m.to for m in mail.outbox] == [[address]]  # told at the real address
    assert "Согласие отозвано." in mail.outbox[0].body


@pytest.mark.parametrize("kind", ["block", "correct", "export", "delete"])
def test_every_kind_can_be_refused_with_reasons(
    data_page, applicant, reviewer, django_capture_on_commit_callbacks, kind
):
    client = logged_in(applicant)
    request = file(
        client,
        django_capture_on_commit_callbacks,
        kind=kind,
        details="Телефон неверный: +7 700 000 00 01",
        confirm="on",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(logged_in(reviewer), request, "decline", comment="Идёт проверка по закону.")
    request.refresh_from_db()
    assert request.status == "refused" and request.current_workflow_state is None
    assert "Идёт проверка по закону." in mail.outbox[0].body
    assert "Идёт проверка по закону." in client.get("/account/").content.decode()


def test_the_register_shows_due_dates_and_the_overdue(
    data_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    request = file(
        logged_in(applicant), django_capture_on_commit_callbacks, kind="export"
    )
    DataSubjectRequest.objects.filter(pk=request.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    listing = (
        logged_in(reviewer)
        .get(reverse("wagtailsnippets_privacy_datasubjectrequest:list"))
        .content.decode()
    )
    assert applicant.email in listing and "просрочен" in listing
    assert logged_in(applicant).get("/admin/").status_code == 302


def test_the_operator_and_the_responsible_person_are_shown_with_the_policy(
    client, register_page
):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.operator_legal_name_ru = "АО «Оператор»"
    settings.operator_bin = "210140008884"
    settings.protection_officer_name = "Ответственная Асель"
    settings.protection_officer_email = "dpo@example.kz"
    settings.save()
    for url in ("/policy/", "/register/"):
        html = client.get(url).content.decode()
        assert "АО «Оператор»" in html and "БИН 210140008884" in html, url
        assert "Ответственная Асель" in html and "dpo@example.kz" in html, url


def test_the_operator_is_named_in_the_readers_language(db):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.operator_legal_name_ru = "АО «Оператор»"
    settings.operator_legal_name_kk = "«Оператор» АҚ"
    with translation.override("kk"):
        assert settings.operator_legal_name == "«Оператор» АҚ"
    with translation.override("en"):  # no English name yet: the Russian one
        assert settings.operator_legal_name == "АО «Оператор»"


def test_upload_help_says_no_identity_document_scans(client, register_page):
    assert "сканы паспортов" in client.get("/register/").content.decode()


def test_a_deletion_or_export_marked_done_is_carried_out(
    data_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client = logged_in(applicant)
    export_request = file(client, django_capture_on_commit_callbacks, kind="export")
    with django_capture_on_commit_callbacks(execute=True):
        act(logged_in(reviewer), export_request, "approve", comment="Готово.")
    assert DataExport.objects.get(user=applicant).status == "ready"

    delete_request = file(
        client, django_capture_on_commit_callbacks, kind="delete", confirm="on"
    )
    address = applicant.email
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(logged_in(reviewer), delete_request, "approve", comment="Удалено.")
    applicant.refresh_from_db()
    assert applicant.email.endswith("@anonymised.invalid") and not applicant.is_active
    assert [m.to for m in mail.outbox] == [[address]]
    delete_request.refresh_from_db()
    assert delete_request.email == applicant.email  # the pseudonym
