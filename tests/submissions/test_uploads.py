"""The upload pipeline against abuse: a name that lies about the content, archives that
point outside themselves, nest archives or expand like a bomb, PDFs with scripts or
embedded files (found by reading the PDF, in object streams and behind #-escaped
names too), office documents with macros or remote templates: each refused with a
clear error beside the file field, in the applicant's language, and nothing stored;
what the applicant typed stays. The whole hostile corpus is in test_content_checks."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from submissions.content_checks import RULES
from submissions.models.applications import Application
from tests.factories import (
    PDF,
    ApplicantFactory,
    ApplicationMessageFactory,
    docx_bytes,
    registration_answers,
    zip_of,
)
from tests.helpers import step_url, upload
from tests.submissions.hostile_files import BENIGN, HOSTILE
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("описание.pdf", docx_bytes(), "называется «.pdf», но по содержимому это DOCX"),
        ("данные.zip", zip_of([("../../etc/passwd", "x")]), "путь за его пределы"),
        ("данные.zip", zip_of([("/abs/path.txt", "x")]), "путь за его пределы"),
        (
            "данные.zip",
            zip_of([("inner.zip", zip_of([("a.txt", "a")]))]),
            "архив внутри архива",
        ),
        (
            "бомба.zip",
            zip_of([("zeros.bin", b"\0" * (20 * 1024 * 1024))]),
            "«zip-бомба»",
        ),
    ],
)
def test_hostile_files_are_refused_with_a_clear_error_and_not_stored(
    client, apply_page, name, content, message
):
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    response = upload(client, application, name, content)
    assert response.status_code == 400
    errors = " ".join(e["message"] for e in response.json()["errors"]["file"])
    assert message in errors, errors
    assert not application.files.exists()


def in_russian(code):
    with translation.override("ru"):
        return str(RULES[code].message)


@pytest.mark.parametrize(
    "case",
    [
        "pdf-openaction-javascript",
        "pdf-javascript-in-compressed-object-stream",
        "pdf-hex-escaped-names",
        "pdf-page-aa-submitform",
        "pdf-openaction-uri",
        "pdf-page-aa-launch",
        "pdf-embedded-file",
        "pdf-acroform-xfa",
        "pdf-user-password",
        "zip-symlink-member",
        "zip-nested-zip-renamed-txt",
        "docx-vbaproject",
        "docx-external-attached-template",
        "xlsx-embedded-ole-object",
    ],
)
def test_active_content_is_refused_beside_the_file_field(client, apply_page, case):
    name, content, code = HOSTILE[case]
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    response = upload(client, application, name, content)
    assert response.status_code == 400
    [error] = response.json()["errors"]["file"]
    assert error["code"] == code
    assert error["message"] == in_russian(code)
    assert not application.files.exists()


@pytest.mark.parametrize(
    "case", ["pdf-internal-goto-link", "pdf-object-streams", "docx-chart-workbook"]
)
def test_honest_look_alikes_are_stored(client, apply_page, case):
    name, content = BENIGN[case]
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    assert upload(client, application, name, content).json()["ok"]
    assert application.files.get().size == len(content)


def test_without_script_the_files_step_shows_the_refusal_and_keeps_the_category(
    client, apply_page
):
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    name, content, code = HOSTILE["pdf-page-aa-launch"]
    response = client.post(
        step_url(application, 5),
        {
            "action": "upload",
            "category": "test_results",
            "file": SimpleUploadedFile(name, content),
        },
        follow=True,
    )
    assert [status for _url, status in response.redirect_chain] == [302]  # no re-send
    html = response.content.decode()
    assert escape(in_russian(code)) in html
    assert re.search(r'<option value="test_results"[^>]*selected', html)
    assert not application.files.exists()


def test_materials_asked_for_in_a_message_go_through_the_same_checks(client):
    message = ApplicationMessageFactory(request_for_materials=True)
    application = message.application
    client.force_login(application.applicant)
    name, content, code = HOSTILE["docx-external-attached-template"]
    response = client.post(
        reverse("account_application_upload", args=[application.pk, message.pk]),
        {
            f"request-{message.pk}-category": "test_results",
            f"request-{message.pk}-file": SimpleUploadedFile(name, content),
        },
        follow=True,
    )
    assert escape(in_russian(code)) in response.content.decode()
    message.refresh_from_db()
    assert message.answered_at is None
    assert not application.files.filter(answers=message).exists()


def test_a_refused_registration_document_keeps_what_was_typed(client, register_page):
    name, content, _code = HOSTILE["pdf-hex-escaped-names"]
    response = client.post(
        "/register/",
        registration_answers(
            registration_certificate=SimpleUploadedFile(
                name, content, "application/pdf"
            )
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(in_russian("pdf_javascript")) in html
    assert 'value="ТОО «Инновация»"' in html
    assert 'value="Сапарова Айгерим Нурлановна"' in html


def test_honest_files_pass(client, apply_page):
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    for name, content in (
        ("описание.docx", docx_bytes()),
        ("протокол.pdf", PDF),
        ("материалы.zip", zip_of([("отчёт.txt", "текст"), ("фото/1.txt", "x")])),
        ("без-расширения", PDF),
    ):
        assert upload(client, application, name, content).json()["ok"], name
    assert application.files.count() == 4


def test_the_admin_says_when_no_antivirus_is_configured(client, superuser, settings):
    settings.CLAMD_SOCKET = ""
    verified_login(client, superuser)
    assert "Антивирус не настроен" in client.get("/admin/").content.decode()
    settings.CLAMD_SOCKET = "/run/clamav/clamd.ctl"
    assert "ClamAV (/run/clamav/clamd.ctl)" in client.get("/admin/").content.decode()
