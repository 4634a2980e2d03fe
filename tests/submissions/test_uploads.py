"""The upload pipeline against abuse: a name that lies about the content, archives that
point outside themselves, nest archives or expand like a bomb, PDFs with scripts or
embedded files: each refused with a clear error, and nothing stored."""

import pytest

from submissions.models.applications import Application
from tests.factories import PDF, ApplicantFactory, docx_bytes, zip_of
from tests.helpers import upload
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
        (
            "скрипт.pdf",
            PDF + b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "со скриптами",
        ),
        ("вложение.pdf", PDF + b"/EmbeddedFile 3 0 R", "со скриптами"),
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
