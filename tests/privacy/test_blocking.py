"""Blocking during a check: the applicant's data is hidden from reviewers and experts in
the list, the dossier, the exports and the file view; the applications are frozen; a
reviewer lifts the block; each change is in the audit log."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from privacy.blocking import block_applicant
from privacy.models.data_requests import DataRequestKind
from submissions.applications.review import (
    DecisionTask,
    ExpertAssessmentTask,
    ScreeningTask,
)
from submissions.models.access_log import AccessLog
from tests.factories import (
    AdministratorFactory,
    ApplicantFactory,
    ApplicationFileFactory,
    DataSubjectRequestFactory,
    ReviewerFactory,
)
from tests.helpers import APPLICATION_LIST, act, export, inspect_url, logged_in

pytestmark = pytest.mark.django_db


def test_blocked_data_is_hidden_frozen_and_left_out_until_the_block_is_lifted(world):
    reviewer, expert = world["reviewer"], world["expert"]
    application, person = world["second"], world["person"]
    record = ApplicationFileFactory(
        application=application, category="other", original_name="отчёт.pdf"
    )
    person.applicant_profile.full_name = "Петрова Сания"
    person.applicant_profile.save()
    block_applicant(person.applicant_profile, reviewer, "проверка")

    staff = logged_in(reviewer)
    listing = staff.get(APPLICATION_LIST).content.decode()
    assert "person@example.kz" not in listing and "Петрова Сания" not in listing
    assert "заблокировано" in listing
    # the dossier is refused with the reason, back on the register
    refused = staff.get(inspect_url(application), follow=True)
    assert refused.redirect_chain == [(APPLICATION_LIST, 302)]
    page = refused.content.decode()
    assert "person@example.kz" not in page and "Петрова Сания" not in page
    assert "заблокированы на время проверки" in page
    csv = export(staff)
    assert "OPI-2026-00002" not in csv and "OPI-2026-00001" in csv
    file_url = reverse("application_file", args=[record.pk])
    assert staff.get(file_url).status_code == 404
    assert logged_in(expert).get(file_url).status_code == 404
    assert logged_in(person).get(file_url).status_code == 200  # their own file
    # frozen: none of the review's tasks offers the reviewer or the expert any action
    for task_model in (ScreeningTask, ExpertAssessmentTask, DecisionTask):
        task = task_model.objects.get()
        assert task.get_actions(application, reviewer) == []
        assert task.get_actions(application, expert) == []
    assert ScreeningTask.objects.get().get_actions(
        world["first"], reviewer
    )  # not blocked

    # only an administrator sees who is blocked, and lifts the block; each opening of a
    # blocked person's record by them is in the access log
    unblock = reverse("applicant_unblock", args=[person.pk])
    assert logged_in(expert).post(unblock).status_code == 403
    assert staff.post(unblock).status_code == 403
    person.applicant_profile.refresh_from_db()
    assert person.applicant_profile.is_blocked
    administrator = logged_in(AdministratorFactory())
    seen = administrator.get(inspect_url(application)).content.decode()
    assert "person@example.kz" in seen and "заблокировано" in seen
    assert AccessLog.objects.filter(
        actor__is_superuser=True, applicant=person, action=AccessLog.VIEW
    ).exists()
    administrator.post(unblock)
    person.applicant_profile.refresh_from_db()
    assert not person.applicant_profile.is_blocked
    assert "person@example.kz" in staff.get(inspect_url(application)).content.decode()
    actions = list(
        ModelLogEntry.objects.filter(action__in=["opi.block", "opi.unblock"])
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["opi.block", "opi.unblock"]


def test_a_block_request_done_blocks_the_data(
    register_page, data_page, django_capture_on_commit_callbacks
):
    applicant = ApplicantFactory(email="applicant@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        request = DataSubjectRequestFactory(
            requester=applicant, kind=DataRequestKind.BLOCK, details="идёт проверка"
        )
    reviewer = ReviewerFactory(email="reviewer@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        act(logged_in(reviewer), request, "approve")
    applicant.applicant_profile.refresh_from_db()
    assert applicant.applicant_profile.is_blocked
