"""The factories make what they say, the way the portal makes it: each status of an
application reached through the review workflow, files in private storage, registrations
and data requests in their workflows, incidents with their notices."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from accounts import roles
from privacy.models.data_requests import DataRequestStatus
from privacy.models.exports import DataExport
from privacy.models.incidents import BreachNotice
from submissions.models.applications import ApplicationStatus, FileCategory
from submissions.models.registrations import VerificationStatus
from tests.factories import (
    PDF,
    STAFF_FACTORIES,
    AdministratorFactory,
    ApplicantFactory,
    ApplicationFactory,
    ApplicationFileFactory,
    ApplicationMessageFactory,
    BreachIncidentFactory,
    DataSubjectRequestFactory,
    ExpertAssessmentFactory,
    ExpertFactory,
    PolicyPageFactory,
    RegistrationRequestFactory,
    ReviewerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(STAFF_FACTORIES))
def test_staff_in_each_role(role):
    person = STAFF_FACTORIES[role]()
    assert list(person.groups.values_list("name", flat=True)) == [role]
    assert person.check_password("correct-horse-battery")
    assert person in roles.members_of(role)
    assert UserFactory(groups=[role]).groups.get().name == role
    administrator = AdministratorFactory()
    assert administrator.is_superuser and roles.is_staff(administrator)


def test_applicants_verified_or_awaiting_legal_entities_or_individuals():
    company = ApplicantFactory()
    assert company.email_verified_at is not None
    assert company.applicant_profile.is_verified
    assert company.applicant_profile.is_legal_entity
    assert company.applicant_profile.organization == "ТОО «Датчик»"
    person = ApplicantFactory(individual=True, awaiting=True)
    profile = person.applicant_profile
    assert not profile.is_legal_entity and profile.organization == ""
    assert profile.status == VerificationStatus.AWAITING and profile.verified_at is None


@pytest.mark.parametrize(
    "status",
    [VerificationStatus.AWAITING, VerificationStatus.VERIFIED, "changes_requested"],
)
def test_registrations_go_through_the_verification_workflow(status):
    registration = RegistrationRequestFactory(status=status)
    profile = registration.profile
    profile.refresh_from_db()
    assert profile.status == status
    assert registration.revisions.count() == 1
    assert registration.registration_certificate_name == "Свидетельство.pdf"
    with registration.registration_certificate.open("rb") as stored:
        assert stored.read() == PDF
    workflow_state = WorkflowState.objects.get(object_id=str(registration.pk))
    assert workflow_state.workflow.name == "Registration verification"
    assert registration.live is (status == VerificationStatus.VERIFIED)


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_an_application_reaches_each_status_through_the_workflow(apply_page, status):
    application = ApplicationFactory(status=status)
    assert application.status == status
    assert sorted(application.files.values_list("category", flat=True)) == sorted(
        [FileCategory.PRESENTATION, FileCategory.TECHNICAL]
    )
    if status == ApplicationStatus.DRAFT:
        assert application.reference is None and not application.revisions.exists()
        return
    assert application.reference.startswith("OPI-")
    assert application.revisions.exists()
    # a workflow in progress (or waiting for changes) while the application is open
    assert (application.current_workflow_state is not None) is application.is_open
    if status in (ApplicationStatus.DECISION, ApplicationStatus.APPROVED):
        assert application.assessments.get().average == pytest.approx(4.2)
    if status == ApplicationStatus.APPROVED:
        assert application.live and application.decided_at is not None


def test_files_messages_and_assessments(apply_page):
    reviewer, expert = ReviewerFactory(), ExpertFactory()
    application = ApplicationFactory(
        status=ApplicationStatus.ASSESSMENT, reviewed_by=reviewer, experts=[expert]
    )
    record = ApplicationFileFactory(
        application=application, category=FileCategory.OTHER, original_name="x.pdf"
    )
    assert record.content_type == "application/pdf" and len(record.sha256) == 64
    with record.file.open("rb") as stored:
        assert stored.read() == PDF
    request = ApplicationMessageFactory(
        application=application, author=reviewer, request_for_materials=True
    )
    assert request.is_open_request
    assert ApplicationMessageFactory(application=application, note=True).internal
    reply = ApplicationMessageFactory(application=application, from_applicant=True)
    assert reply.from_applicant
    assessment = ExpertAssessmentFactory(application=application)
    assert assessment.expert == expert
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECISION


def test_a_conclusion_is_filed_on_an_approved_application(apply_page):
    application = ApplicationFactory(status=ApplicationStatus.APPROVED)
    conclusion = ApplicationFileFactory(
        application=application, category=FileCategory.CONCLUSION
    )
    assert conclusion.category == FileCategory.CONCLUSION


@pytest.mark.parametrize(
    "status",
    [DataRequestStatus.RECEIVED, DataRequestStatus.DONE, DataRequestStatus.REFUSED],
)
def test_data_requests_are_filed_and_answered_through_the_workflow(status):
    request = DataSubjectRequestFactory(status=status, answer="Ответ.")
    assert request.status == status
    assert request.due_date is not None and request.revisions.count() == 1
    if status != DataRequestStatus.RECEIVED:
        assert request.answer == "Ответ." and request.current_workflow_state is None
    assert DataExport.objects.filter(user=request.requester).exists() is (
        status == DataRequestStatus.DONE
    )


def test_an_incident_with_its_notices(django_capture_on_commit_callbacks):
    affected = [ApplicantFactory(), ApplicantFactory()]
    with django_capture_on_commit_callbacks(execute=True):
        incident = BreachIncidentFactory(
            applicants=affected, notified_by=AdministratorFactory()
        )
    assert set(incident.applicants.all()) == set(affected)
    assert incident.notices.filter(status=BreachNotice.SENT).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in affected)


def test_a_policy_page_goes_live_with_its_first_edition(home_page):
    policy = PolicyPageFactory(parent=home_page, published=True)
    assert policy.live and policy.editions.get().number == 1
    assert not PolicyPageFactory.build().live
