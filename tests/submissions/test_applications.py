"""Applications for pilot testing: the six steps and drafts, files checked by content,
the file view's permissions, the review workflow round trip, messages, withdrawal, the
conclusion, e-mails, and reference numbers."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import SentEmail
from submissions.applications.review import next_reference, submit_application
from submissions.models.applications import Application, FileCategory
from tests.factories import (
    PDF,
    STEP_ANSWERS,
    ApplicantFactory,
    ApplicationFactory,
    ExpertFactory,
    declare_no_conflict,
    docx_bytes,
    pdf,
)
from tests.helpers import (
    act,
    assess,
    filled_application,
    logged_in,
    step_url,
    submit,
)

pytestmark = pytest.mark.django_db


# --- steps and drafts -----------------------------------------------------------------------


def test_a_step_keeps_what_was_typed_and_says_what_is_missing(
    client, apply_page, applicant
):
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    response = client.post(
        step_url(application, 1),
        {"summary": "Только описание.", "action": "next"},
    )
    assert response.status_code == 302  # post / redirect / get: a reload sends nothing
    assert response.url == step_url(application, 1) + "?check=1"
    html = client.get(response.url).content.decode()
    assert "Требуется заполнить это поле." in html
    assert "Выберите дочернюю организацию или актив из списка" in html
    application.refresh_from_db()
    assert application.summary == "Только описание."  # saved as a draft anyway
    assert application.step == 1


def test_a_draft_resumes_at_the_step_left_in_another_browser(
    client, apply_page, applicant
):
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    client.post(step_url(application, 1), {**STEP_ANSWERS[1], "action": "next"})
    client.post(
        step_url(application, 2),
        {"applicability_criteria": "Половина ответа", "action": "save"},
    )
    client.post("/accounts/logout/")

    other_browser = logged_in(applicant)
    drafts = other_browser.get("/apply/").content.decode()
    assert "Датчик утечек" in drafts and step_url(application, 2) in drafts
    step = other_browser.get(step_url(application, 2)).content.decode()
    assert "Половина ответа" in step


def test_drafts_are_several_and_one_can_be_deleted(client, apply_page, applicant):
    client.force_login(applicant)
    client.post("/apply/")
    client.post("/apply/")
    first, second = Application.objects.filter(applicant=applicant).order_by("pk")
    client.post(
        first and step_url(first, 5),
        {"action": "upload", "category": "other", "file": pdf()},
    )
    assert (
        "Удалить черновик?" in client.get(f"/apply/{first.pk}/delete/").content.decode()
    )
    client.post(f"/apply/{first.pk}/delete/")
    assert list(Application.objects.filter(applicant=applicant)) == [second]


def test_another_applicants_draft_and_application_are_404(
    client, apply_page, applicant
):
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    stranger = logged_in(ApplicantFactory(email="other@example.kz"))
    assert stranger.get(step_url(application, 1)).status_code == 404
    assert stranger.get(f"/account/applications/{application.pk}/").status_code == 404
    assert Client().get("/apply/").status_code == 302  # to the login


def test_submitting_needs_the_required_categories_and_a_verified_registration(
    client, apply_page, django_capture_on_commit_callbacks
):
    applicant = ApplicantFactory(email="applicant@example.kz", awaiting=True)
    client.force_login(applicant)
    application = filled_application(client, applicant, files=False)
    client.post(
        step_url(application, 5),
        {"action": "upload", "category": FileCategory.TECHNICAL, "file": pdf()},
    )
    assert client.post(step_url(application, 5), {"action": "next"}).status_code == 302
    response = submit(client, application, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # refused, and answered with a redirect
    html = client.get(response.url).content.decode()
    assert "Нет файла в категории «презентация»" in html
    assert "Ваша регистрация должна быть подтверждена" in html
    application.refresh_from_db()
    assert application.status == "draft" and application.reference is None
    assert mail.outbox == []


# --- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"\x7fELF\x02\x01\x01" + b"\0" * 64],
)
def test_a_pdf_that_is_not_a_pdf_is_refused_and_the_rest_stays(
    client, apply_page, applicant, content
):
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    client.post(
        step_url(application, 5),
        {"action": "upload", "category": "technical_documentation", "file": pdf()},
    )
    response = client.post(
        step_url(application, 5),
        {"action": "upload", "category": "other", "file": pdf("отчёт.pdf", content)},
        follow=True,
    )
    assert [status for _url, status in response.redirect_chain] == [302]
    assert "Такой файл не принимается" in response.content.decode()
    assert list(application.files.values_list("original_name", flat=True)) == [
        "документ.pdf"
    ]


def test_office_files_are_accepted_by_content_and_described(
    client, apply_page, applicant
):
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    upload = SimpleUploadedFile("описание.docx", docx_bytes())
    response = client.post(
        step_url(application, 5),
        {"action": "upload", "category": "technical_documentation", "file": upload},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    answer = response.json()
    assert answer["ok"] is True and answer["name"] == "описание.docx"
    record = application.files.get()
    assert record.content_type.endswith("wordprocessingml.document")
    assert record.file.name.endswith(".docx") and len(record.sha256) == 64
    assert record.size == len(docx_bytes()) and record.uploaded_by == applicant


def test_size_limits_per_file_and_per_application(
    client, apply_page, applicant, settings
):
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    settings.APPLICATION_FILE_MAX_BYTES = 40
    response = client.post(
        step_url(application, 5),
        {"action": "upload", "category": "other", "file": pdf()},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 400
    assert "допускается не более" in response.json()["errors"]["file"][0]["message"]
    settings.APPLICATION_FILE_MAX_BYTES = 10_000
    settings.APPLICATION_TOTAL_MAX_BYTES = len(PDF) + 10
    client.post(
        step_url(application, 5),
        {"action": "upload", "category": "other", "file": pdf()},
    )
    second = client.post(
        step_url(application, 5),
        {"action": "upload", "category": "other", "file": pdf()},
        follow=True,
    )
    assert "заявке было бы" in second.content.decode()
    assert application.files.count() == 1


def test_who_may_download_an_application_file(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    assigned, unassigned = (
        ExpertFactory(email="e1@example.kz"),
        ExpertFactory(email="e2@example.kz"),
    )
    act(logged_in(reviewer), application, "approve", experts=[assigned.pk])
    declare_no_conflict(application, assigned)
    record = application.files.first()
    url = reverse("application_file", args=[record.pk])
    expected = {
        applicant: 200,
        ApplicantFactory(email="other@example.kz"): 404,
        reviewer: 200,
        assigned: 200,
        unassigned: 404,
    }
    for person, status in expected.items():
        response = logged_in(person).get(url)
        assert response.status_code == status, person.email
        if status == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert response["X-Content-Type-Options"] == "nosniff"
    assert Client().get(url).status_code == 302
    assert record.application.applicant.accesses_to_my_data.count() == 3


# --- the review workflow ----------------------------------------------------------------------


def test_the_whole_review_round_trip(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    response = submit(client, application, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert response["Location"] == f"/apply/{application.pk}/submitted/"
    year = timezone.localdate().year
    assert application.reference == f"OPI-{year}-00001"
    assert application.status == "screening"
    sent = {(m.to[0], m.subject) for m in mail.outbox}
    assert ("applicant@example.kz", f"Заявка OPI-{year}-00001 принята") in sent
    to_reviewer = [m for m in mail.outbox if m.to == ["reviewer@example.kz"]]
    assert len(to_reviewer) == 1  # the portal's notice, not also Wagtail's
    assert SentEmail.objects.filter(recipient="reviewer@example.kz").count() == 1

    staff = logged_in(reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(staff, application, "reject", comment="Добавьте расчёт эффекта.")
    application.refresh_from_db()
    assert application.status == "changes_requested"
    assert "Добавьте расчёт эффекта." in mail.outbox[0].body
    page = client.get(f"/account/applications/{application.pk}/").content.decode()
    assert "Добавьте расчёт эффекта." in page and "Исправить заявку" in page

    client.post(
        step_url(application, 2),
        {
            **STEP_ANSWERS[2],
            "expected_value": "Экономия 5 млн тенге в год.",
            "action": "next",
        },
    )
    submit(client, application, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.status == "screening"  # resumed where it was asked
    assert application.revisions.count() == 2

    expert = ExpertFactory(email="expert@example.kz")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(staff, application, "approve", experts=[expert.pk], comment="")
    application.refresh_from_db()
    assert application.status == "assessment"
    assert [m.to for m in mail.outbox] == [["expert@example.kz"]]
    declare_no_conflict(application, expert)

    scores = {
        "novelty": "4",
        "group_fit": "5",
        "economic_effect": "3",
        "safety": "5",
        "readiness": "4",
        "recommendation": "recommend",
        "comment": "Годится для пилота.",
    }
    assess(logged_in(expert), application, **scores)
    application.refresh_from_db()
    assert application.status == "decision"
    assessment = application.assessments.get()
    assert assessment.average == pytest.approx(4.2)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(staff, application, "approve", comment="Испытать на одном объекте.")
    application.refresh_from_db()
    assert application.status == "approved" and application.live
    assert application.decided_at is not None
    assert application.experts.get() == expert  # publishing kept the review's facts
    assert [m.to for m in mail.outbox] == [["applicant@example.kz"]]
    assert "одобрена для ОПИ" in mail.outbox[0].subject
    page = client.get(f"/account/applications/{application.pk}/").content.decode()
    assert "Одобрена для ОПИ" in page
    assert page.count("timeline__stage--done") == 4


def test_changes_asked_at_the_decision_resume_at_the_decision(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    staff = logged_in(reviewer)
    expert = ExpertFactory(email="expert@example.kz")
    act(staff, application, "approve", experts=[expert.pk])
    declare_no_conflict(application, expert)
    assess(
        logged_in(expert),
        application,
        novelty=3,
        group_fit=3,
        economic_effect=3,
        safety=3,
        readiness=3,
        recommendation="conditions",
    )
    act(staff, application, "reject", comment="Уточните объект.")
    application.refresh_from_db()
    assert application.status == "changes_requested"
    submit(client, application, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.status == "decision"


def test_the_assessment_completes_when_every_assigned_expert_has_assessed(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    first, second = (
        ExpertFactory(email="e1@example.kz"),
        ExpertFactory(email="e2@example.kz"),
    )
    act(logged_in(reviewer), application, "approve", experts=[first.pk, second.pk])
    for expert in (first, second):
        declare_no_conflict(application, expert)
    scores = {
        "novelty": 4,
        "group_fit": 4,
        "economic_effect": 4,
        "safety": 4,
        "readiness": 4,
        "recommendation": "recommend",
    }
    assess(logged_in(first), application, **scores)
    application.refresh_from_db()
    assert application.status == "assessment"
    state = application.current_workflow_task_state
    with pytest.raises(PermissionDenied):  # no second assessment by the same expert
        state.task.specific.on_action(state, first, "assess", **scores)
    assess(logged_in(second), application, **scores)
    application.refresh_from_db()
    assert application.status == "decision"


def test_a_rejection_is_final_and_the_applicant_is_told_why(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(logged_in(reviewer), application, "decline", comment="Не ново для группы.")
    application.refresh_from_db()
    assert (
        application.status == "rejected" and application.current_workflow_state is None
    )
    assert "Не ново для группы." in mail.outbox[0].body
    assert (
        client.get(f"/account/applications/{application.pk}/withdraw/").status_code
        == 404
    )


def test_the_applicant_withdraws_an_application_under_review(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    url = f"/account/applications/{application.pk}/withdraw/"
    assert "Отозвать заявку?" in client.get(url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert application.current_workflow_state is None
    assert [m.to for m in mail.outbox] == [["reviewer@example.kz"]]


# --- messages, materials, conclusion -------------------------------------------------------


def test_messages_notes_and_requests_for_materials(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    staff = logged_in(reviewer)
    url = reverse("application_admin_message", args=[application.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {"body": "Только для нас: проверить патент.", "internal": "on"})
        staff.post(
            url,
            {
                "body": "Пришлите протокол испытаний.",
                "requested_category": "test_results",
            },
        )
    assert [m.to for m in mail.outbox] == [["applicant@example.kz"]]  # not for the note
    page = client.get(f"/account/applications/{application.pk}/").content.decode()
    assert "Пришлите протокол испытаний." in page
    assert "проверить патент" not in page
    request = application.messages.get(internal=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_application_upload", args=[application.pk, request.pk]),
            {
                f"request-{request.pk}-category": "test_results",
                f"request-{request.pk}-file": pdf("протокол.pdf"),
            },
        )
    request.refresh_from_db()
    assert request.answered_at is not None
    assert application.files.filter(category="test_results", answers=request).exists()


def test_optional_message_emails_can_be_turned_off_but_required_ones_cannot(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    client.post(reverse("account_email_settings"), {})  # unticked
    applicant.refresh_from_db()
    assert applicant.message_emails is False
    application = filled_application(client, applicant)
    mail.outbox.clear()
    submit(client, application, django_capture_on_commit_callbacks)
    assert any(m.to == ["applicant@example.kz"] for m in mail.outbox)  # required
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(reviewer).post(
            reverse("application_admin_message", args=[application.pk]),
            {"body": "Вопрос."},
        )
    assert mail.outbox == []
    kinds = set(SentEmail.objects.values_list("kind", flat=True))
    assert "application_submitted" in kinds and "application_message" not in kinds


def test_the_conclusion_reaches_the_applicant(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    staff = logged_in(reviewer)
    expert = ExpertFactory(email="expert@example.kz")
    act(staff, application, "approve", experts=[expert.pk])
    declare_no_conflict(application, expert)
    assess(
        logged_in(expert),
        application,
        novelty=5,
        group_fit=5,
        economic_effect=5,
        safety=5,
        readiness=5,
        recommendation="recommend",
    )
    act(staff, application, "approve")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("application_admin_conclusion", args=[application.pk]),
            {"file": pdf("заключение.pdf")},
        )
    conclusion = application.files.get(category=FileCategory.CONCLUSION)
    assert [m.to for m in mail.outbox] == [["applicant@example.kz"]]
    page = client.get(f"/account/applications/{application.pk}/").content.decode()
    assert reverse("application_file", args=[conclusion.pk]) in page
    assert (
        client.get(reverse("application_file", args=[conclusion.pk])).status_code == 200
    )


# --- e-mails and references -------------------------------------------------------------------


def test_no_email_when_the_submission_rolls_back(
    client, apply_page, applicant, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submit_application(application, applicant)
        raise RuntimeError("the database went away")
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == "draft" and application.reference is None


def test_each_email_is_sent_once_and_recorded(
    client, apply_page, applicant, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    to_applicant = [m for m in mail.outbox if m.to == ["applicant@example.kz"]]
    assert len(to_applicant) == 1
    record = SentEmail.objects.get(recipient="applicant@example.kz")
    assert record.kind == "application_submitted"
    assert record.reference == Application.objects.get().reference


@pytest.mark.django_db(transaction=True)
def test_reference_numbers_stay_unique_under_concurrent_submissions():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL (SQLite serialises writers)")
    references, errors = [], []
    barrier = threading.Barrier(8)

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                references.append(next_reference())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    year = timezone.localdate().year
    assert sorted(references) == [f"OPI-{year}-{n:05d}" for n in range(1, 9)]


def test_administrators_read_the_record_of_emails(
    client, apply_page, applicant, superuser, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    application = filled_application(client, applicant)
    submit(client, application, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    admin = logged_in(superuser)
    html = admin.get("/admin/accounts/sentemail/").content.decode()
    assert "applicant@example.kz" in html and application.reference in html
    assert logged_in(applicant).get("/admin/accounts/sentemail/").status_code == 302


def test_the_applicant_pages_cost_the_same_queries_with_more_applications(
    client, apply_page, applicant, django_assert_max_num_queries
):
    client.force_login(applicant)

    def add_applications(count):
        for n in range(count):
            Application.objects.create(
                applicant=applicant,
                live=False,
                title=f"Заявка {n}",
                status="screening",
                reference=f"OPI-2000-{Application.objects.count() + 1:05d}",
            )

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_applications(2)
    queries("/account/")  # the first view settles the session (renewed-consent check)
    few = queries("/account/")
    add_applications(20)
    assert queries("/account/") == few
    with django_assert_max_num_queries(40):
        client.get("/account/")
    application = Application.objects.filter(applicant=applicant).first()
    with django_assert_max_num_queries(40):
        client.get(f"/account/applications/{application.pk}/")


def test_every_route_of_the_form_sends_a_visitor_to_the_login(
    client, apply_page, applicant
):
    application = ApplicationFactory(applicant=applicant)
    for route in ("step/1/", "step/5/", "submitted/", "delete/", "files/1/delete/"):
        path = f"/apply/{application.pk}/{route}"
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/?next="), path
