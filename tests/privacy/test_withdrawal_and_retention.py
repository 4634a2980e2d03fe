"""Withdrawal and deletion end sessions and anonymise the person, keeping the ledger and
the audit trail with a pseudonym; retention deletes or anonymises what is past its period,
a dry run changes nothing and a real run is idempotent."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from accounts.models import User
from accounts.verification import send_verification_email
from policy.consent import record_consent
from policy.models import ConsentRecord, PolicyEdition
from privacy.data_export import request_export
from privacy.models.data_requests import DataSubjectRequest
from privacy.models.exports import DataExport
from submissions.models.applications import Application, ApplicationStatus
from submissions.models.registrations import ApplicantProfile, RegistrationRequest
from tests.factories import (
    ApplicantFactory,
    ApplicationFactory,
    ReviewerFactory,
    UserFactory,
    registration_answers,
)
from tests.helpers import act, logged_in

pytestmark = pytest.mark.django_db

PERSONAL = ("Сапарова", "aigerim@example.kz", "+7 701 000 00 00", "940740000911")


def registered(client, capture):
    with capture(execute=True):
        client.post("/register/", registration_answers())
    user = User.objects.get(email="aigerim@example.kz")
    user.is_active = True
    user.email_verified_at = timezone.now()
    user.save()
    return user


def rows_of(user):
    """Every text of the person's rows, to look for personal data in."""
    profile = ApplicantProfile.objects.get(user=user)
    texts = [str(v) for v in User.objects.filter(pk=user.pk).values().first().values()]
    texts += [
        str(v)
        for v in ApplicantProfile.objects.filter(pk=profile.pk)
        .values()
        .first()
        .values()
    ]
    for registration in RegistrationRequest.objects.filter(profile=profile):
        texts += [
            str(v)
            for v in RegistrationRequest.objects.filter(pk=registration.pk)
            .values()
            .first()
            .values()
        ]
        texts += [str(r.content) + r.object_str for r in registration.revisions.all()]
    texts += [
        str(v)
        for row in ConsentRecord.objects.filter(user=user).values()
        for v in row.values()
    ]
    return "\n".join(texts)


def test_a_withdrawal_of_consent_ends_sessions_and_anonymises(
    register_page,
    data_page,
    django_capture_on_commit_callbacks,
):
    client = Client()
    user = registered(client, django_capture_on_commit_callbacks)
    client.force_login(user)
    other_browser = Client()
    other_browser.force_login(user)
    assert any(
        s.get_decoded().get("_auth_user_id") == str(user.pk)
        for s in Session.objects.all()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/data-requests/",
            {
                "kind": "withdraw_consent",
                "purpose": "personal_data_processing",
                "confirm": "on",
            },
        )
    request = DataSubjectRequest.objects.get()
    staff = logged_in(ReviewerFactory(email="reviewer@example.kz"))
    with django_capture_on_commit_callbacks(execute=True):
        response = act(staff, request, "approve", comment="Выполнено.")
    assert response.status_code == 302, response.content.decode()[:2000]

    user.refresh_from_db()
    assert not user.is_active and user.email.endswith("@anonymised.invalid")
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(user.pk)
        for s in Session.objects.all()
    )
    assert other_browser.get("/account/").status_code == 302  # logged out everywhere
    ledger = ConsentRecord.objects.filter(user=user)
    assert ledger.count() == 2  # the rows stay, with the pseudonym
    assert all(r.email == user.email and r.withdrawn_at for r in ledger)
    stored = rows_of(user)
    for personal in PERSONAL:
        assert personal not in stored


def test_retention_dry_run_changes_nothing_and_the_real_run_is_idempotent(
    register_page, apply_page, django_capture_on_commit_callbacks
):
    old = timezone.now() - datetime.timedelta(days=400)
    applicant = ApplicantFactory(email="applicant@example.kz")
    draft = ApplicationFactory(applicant=applicant, title="Заброшено", files=False)
    Application.objects.filter(pk=draft.pk).update(updated_at=old)
    fresh = ApplicationFactory(applicant=applicant, title="Свежий", files=False)
    rejected = ApplicationFactory(
        applicant=applicant,
        title="Отклонено давно",
        reference="OPI-2019-00001",
        status=ApplicationStatus.REJECTED,
    )
    Application.objects.filter(pk=rejected.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=6 * 365)
    )
    unconfirmed = UserFactory(email="never@example.kz", is_active=False)
    User.objects.filter(pk=unconfirmed.pk).update(date_joined=old)
    edition = PolicyEdition.objects.first()
    record_consent(
        edition=edition,
        purpose="personal_data_processing",
        email="never@example.kz",
        form_name="registration",
        user=unconfirmed,
    )

    out = io.StringIO()
    call_command("enforce_retention", "--dry-run", stdout=out)
    assert "would delete: abandoned drafts" in out.getvalue()
    assert Application.objects.filter(pk__in=[draft.pk, rejected.pk]).count() == 2
    assert User.objects.get(pk=unconfirmed.pk).email == "never@example.kz"

    call_command("enforce_retention", stdout=io.StringIO())
    assert not Application.objects.filter(pk__in=[draft.pk, rejected.pk]).exists()
    assert Application.objects.filter(pk=fresh.pk).exists()
    unconfirmed.refresh_from_db()
    assert unconfirmed.email.endswith("@anonymised.invalid")
    assert ConsentRecord.objects.get(user=unconfirmed).email == unconfirmed.email

    again = io.StringIO()
    call_command("enforce_retention", stdout=again)
    for category in (
        "abandoned drafts",
        "rejected applications",
        "unconfirmed accounts",
    ):
        assert f"{category} 0" in again.getvalue()
    # one audit entry for each application and account (prunes have their own)
    assert (
        ModelLogEntry.objects.filter(action="opi.retention")
        .exclude(object_id="-")
        .count()
        == 3
    )


def test_retention_erases_a_verified_applicant_five_years_after_their_last_activity(
    apply_page, django_capture_on_commit_callbacks
):
    """Policy 7.1: five years from the last data placed. A verified applicant whose
    last sign of life is six years old is erased; one active a year ago is not; a
    member of staff never is."""
    six_years_ago = timezone.now() - datetime.timedelta(days=6 * 365)
    gone = ApplicantFactory(email="gone@example.kz", full_name="Давний Заявитель")
    recent = ApplicantFactory(email="recent@example.kz")
    reviewer = ReviewerFactory(email="old-reviewer@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        old = ApplicationFactory(applicant=gone, status=ApplicationStatus.APPROVED)
    Application.objects.filter(pk=old.pk).update(
        created_at=six_years_ago,
        updated_at=six_years_ago,
        submitted_at=six_years_ago,
        decided_at=six_years_ago,
    )
    for user in (gone, reviewer):
        User.objects.filter(pk=user.pk).update(
            date_joined=six_years_ago, last_login=six_years_ago
        )
    User.objects.filter(pk=recent.pk).update(
        date_joined=six_years_ago,
        last_login=timezone.now() - datetime.timedelta(days=365),
    )

    dry = io.StringIO()
    call_command("enforce_retention", "--dry-run", stdout=dry)
    assert f"would anonymise: verified accounts: account {gone.pk}" in dry.getvalue()
    assert "Давний" not in dry.getvalue()  # the report names nobody
    assert User.objects.get(pk=gone.pk).email == "gone@example.kz"

    with django_capture_on_commit_callbacks(execute=True):
        call_command("enforce_retention", stdout=io.StringIO())
    gone.refresh_from_db()
    assert gone.email.endswith("@anonymised.invalid") and not gone.full_name
    assert User.objects.get(pk=recent.pk).email == "recent@example.kz"
    assert User.objects.get(pk=reviewer.pk).email == "old-reviewer@example.kz"
    # the decided application stays, the company's record, without the person
    assert Application.objects.filter(pk=old.pk).exists()
    entry = ModelLogEntry.objects.get(action="opi.retention", object_id=str(gone.pk))
    assert entry.data == {"category": "verified accounts"}

    again = io.StringIO()
    call_command("enforce_retention", stdout=again)
    assert "verified accounts 0" in again.getvalue()


def test_retention_prunes_expired_exports_finished_tasks_sessions_and_login_attempts(
    apply_page, django_capture_on_commit_callbacks, settings
):
    applicant = ApplicantFactory(email="pruned@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        export = request_export(applicant)
    export.refresh_from_db()
    stored = export.file.name
    assert export.file.storage.exists(stored)
    DataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    long_ago = timezone.now() - datetime.timedelta(days=60)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_verification_email.enqueue(applicant.pk)
    DBTaskResult.objects.filter(id=result.id).update(
        status="SUCCESSFUL", finished_at=long_ago
    )
    fresh = send_verification_email.enqueue(applicant.pk)
    DBTaskResult.objects.filter(id=fresh.id).update(
        status="SUCCESSFUL", finished_at=timezone.now()
    )
    client = logged_in(applicant)
    client.get("/account/")
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=long_ago)
    Client().post(
        "/accounts/login/", {"username": "nobody@example.kz", "password": "wrong"}
    )
    assert AccessAttempt.objects.count() == 1
    AccessAttempt.objects.update(attempt_time=long_ago)

    out = io.StringIO()
    call_command("enforce_retention", stdout=out)
    report = out.getvalue()
    for line in (
        "delete: expired data exports: 1",
        "delete: finished background tasks: 1",
        "delete: expired sessions: 1",
        "delete: failed logins: 1",
    ):
        assert line in report, report
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert not export.file.storage.exists(stored)
    assert [str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)] == [
        str(fresh.id)
    ]
    assert client.get("/account/").status_code == 200  # a live session stays
    assert not AccessAttempt.objects.exists()
    assert ModelLogEntry.objects.filter(
        action="opi.retention", data__category="expired sessions"
    ).exists()
