"""The dossier of a resubmitted application marks what the applicant changed since the
request for changes (answers, files added and removed), and file types are named in
words everywhere, never as MIME types."""

import re

import pytest
from django.utils import translation

from submissions.applications.changes import changes_since_request
from submissions.models.applications import Application, ApplicationStatus
from submissions.validators import APPLICATION_FILE_TYPES, file_type_name
from tests.factories import (
    STEP_ANSWERS,
    ApplicationFactory,
    ExpertFactory,
    ReviewerFactory,
    act_on,
    declare_no_conflict,
    docx_bytes,
    pdf,
)
from tests.helpers import assessment_url, inspect_url, logged_in, step_url, submit

pytestmark = pytest.mark.django_db

NEW_TITLE = "Датчик утечек метана, версия 2"
NEW_VALUE = "Потери газа меньше на 12 % в год (расчёт приложен)."


def changed_marks(html):
    """{answer field name: marked as changed?} of the dossier's answers."""
    return {
        name: "dossier__changed" in label
        for name, label in re.findall(r'<dt id="answer-([a-z_]+)">(.*?)</dt>', html)
    }


@pytest.fixture
def resubmitted(apply_page, django_capture_on_commit_callbacks):
    """Sent back for changes at screening; the applicant changes two answers, adds a
    Word document and sends it again."""
    reviewer = ReviewerFactory()
    application = ApplicationFactory(
        status=ApplicationStatus.CHANGES_REQUESTED, reviewed_by=reviewer
    )
    client = logged_in(application.applicant)
    first = {**STEP_ANSWERS[1], "title": NEW_TITLE, "action": "save"}
    assert client.post(step_url(application, 1), first).status_code == 302
    second = {**STEP_ANSWERS[2], "expected_value": NEW_VALUE, "action": "save"}
    assert client.post(step_url(application, 2), second).status_code == 302
    docx = pdf("расчёт эффекта.docx", docx_bytes())
    client.post(
        step_url(application, 5),
        {"action": "upload", "category": "other", "file": docx},
    )
    submit(client, application, django_capture_on_commit_callbacks)
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.SCREENING
    return application, reviewer, client


def test_the_dossier_marks_the_two_answers_and_the_file_changed(resubmitted):
    application, reviewer, _client = resubmitted
    html = logged_in(reviewer).get(inspect_url(application)).content.decode()
    assert 'class="dossier__changes"' in html
    marks = changed_marks(html)
    assert len(marks) == 15  # every answer of steps 1–4 is there
    assert {name for name, changed in marks.items() if changed} == {
        "title",
        "expected_value",
    }
    # the old value on demand, the new one in place
    before = re.findall(r'<details class="dossier__before">(.*?)</details>', html)
    assert len(before) == 2
    assert STEP_ANSWERS[1]["title"] in before[0]
    assert STEP_ANSWERS[2]["expected_value"] in before[1]
    assert NEW_VALUE in html
    # the added file, named in the summary and marked in the list of files
    changes = html.split('class="dossier__changes"')[1].split("</section>")[0]
    assert "расчёт эффекта.docx" in changes
    assert "technical_documentation.pdf" not in changes
    assert "presentation.pdf" not in changes
    assert html.count('class="dossier__changed"') == 3  # two answers, one file


def test_what_changed_is_counted_in_the_readers_words(resubmitted):
    application, _reviewer, _client = resubmitted
    changes = changes_since_request(application)
    assert [change.name for change in changes.answers] == ["title", "expected_value"]
    assert [record.original_name for record in changes.added] == ["расчёт эффекта.docx"]
    assert changes.removed == []
    with translation.override("en"):
        assert changes.summary.startswith("Changed since the request for changes of ")
        assert changes.summary.endswith(": 2 answers, 1 file added.")


def test_a_file_removed_after_the_request_is_named_by_its_category(
    apply_page, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(status=ApplicationStatus.CHANGES_REQUESTED)
    client = logged_in(application.applicant)
    presentation = application.files.get(category="presentation")
    url = step_url(application, 5)
    client.post(
        url, {"action": "upload", "category": "presentation", "file": pdf("new.pdf")}
    )
    client.post(url, {"action": "upload", "category": "other", "file": pdf("x.pdf")})
    delete = f"/apply/{application.pk}/files/{presentation.pk}/delete/"
    added_then_removed = application.files.get(original_name="x.pdf")
    delete_again = f"/apply/{application.pk}/files/{added_then_removed.pk}/delete/"
    assert client.post(delete).status_code == 302
    assert client.post(delete_again).status_code == 302
    assert not application.files.filter(pk=presentation.pk).exists()
    submit(client, application, django_capture_on_commit_callbacks)
    changes = changes_since_request(Application.objects.get(pk=application.pk))
    assert changes.answers == []
    assert [record.original_name for record in changes.added] == ["new.pdf"]
    with translation.override("en"):
        assert [str(label) for label in changes.removed] == ["presentation"]
        assert changes.summary.endswith(": 1 file added, 1 file removed.")


def test_a_first_submission_shows_no_changed_block():
    reviewer = ReviewerFactory()
    application = ApplicationFactory(status=ApplicationStatus.SCREENING)
    html = logged_in(reviewer).get(inspect_url(application)).content.decode()
    assert "dossier__changes" not in html
    assert "dossier__changed" not in html
    assert changes_since_request(application) is None


def test_no_mime_type_in_the_dossier_or_on_the_applicants_page(resubmitted):
    application, reviewer, client = resubmitted
    dossier = logged_in(reviewer).get(inspect_url(application)).content.decode()
    own = client.get(f"/account/applications/{application.pk}/").content.decode()
    for html in (dossier, own):
        assert "application/vnd" not in html
        assert "application/pdf" not in html
    with translation.override("en"):
        page = client.get(f"/en/account/applications/{application.pk}/")
        assert "Word document" in page.content.decode()


def test_the_experts_screen_names_types_in_words_and_no_person(
    resubmitted, django_capture_on_commit_callbacks
):
    application, reviewer, _client = resubmitted
    expert = ExpertFactory()
    act_on(application, reviewer, "approve", experts=[expert.pk])
    declare_no_conflict(application, expert)
    html = logged_in(expert).get(assessment_url(application)).content.decode()
    assert "расчёт эффекта.docx" in html
    assert "application/vnd" not in html
    profile = application.applicant.applicant_profile
    assert profile.full_name not in html
    assert application.applicant.email not in html
    assert "dossier__changes" not in html


def test_every_allowed_type_has_words_of_its_own():
    with translation.override("en"):
        names = {str(file_type_name(mime)) for mime in APPLICATION_FILE_TYPES}
        assert len(names) == len(APPLICATION_FILE_TYPES)
        assert not any("/" in name for name in names)
        assert file_type_name(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ) == ("Excel table")
        assert str(file_type_name("text/x-unknown")) == "file"
