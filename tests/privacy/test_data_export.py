"""The export of one's data: a ZIP with every category, the edition texts and the files,
nothing of another person; the link works for its owner for 24 hours only."""

import datetime
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from policy.consent import record_consent
from policy.models import ConsentRecord, PolicyEdition
from privacy.data_export import request_export
from privacy.models.exports import DataExport
from submissions.models.access_log import AccessLog
from submissions.models.applications import (
    Application,
    ApplicationMessage,
    ApplicationStatus,
    Disclosure,
)
from tests.factories import ApplicantFactory, ApplicationFactory, ExpertFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_category_and_nothing_of_another_person(
    client, apply_page, django_capture_on_commit_callbacks
):
    applicant = ApplicantFactory(email="applicant@example.kz")
    other = ApplicantFactory(email="other@example.kz")
    edition = PolicyEdition.objects.first()
    record_consent(
        edition=edition,
        purpose=ConsentRecord.PERSONAL_DATA_PROCESSING,
        email=applicant.email,
        form_name="registration",
        user=applicant,
    )
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails it sends
        application = ApplicationFactory(
            applicant=applicant, status=ApplicationStatus.SCREENING
        )
    ApplicationMessage.objects.create(
        application=application, author=None, body="Вопрос заявителю", internal=False
    )
    ApplicationMessage.objects.create(
        application=application, author=None, body="Внутренняя заметка", internal=True
    )
    AccessLog.objects.create(applicant=applicant, action="view", what="досье")
    stranger = Client()
    stranger.force_login(other)
    stranger_app = ApplicationFactory(applicant=other)
    Application.objects.filter(pk=stranger_app.pk).update(title="Чужая тайна")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("request_data_export"))
    export = DataExport.objects.get(user=applicant)
    assert export.status == "ready"
    assert export.expires_at - export.ready_at == datetime.timedelta(hours=24)
    page = client.get("/account/").content.decode()
    url = reverse("download_data_export", args=[export.pk])
    assert url in page
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert {"data.json", "index.html", f"policy/edition-{edition.number}.html"} <= set(
        names
    )
    assert any(
        name.startswith(f"files/applications/{application.reference}/")
        for name in names
    )
    data = json.loads(archive.read("data.json"))
    for category in (
        "account",
        "profile",
        "consents",
        "applications",
        "emails_sent",
        "accesses_to_my_data",
        "data_requests",
    ):
        assert category in data
    assert data["profile"]["bin_iin"] == "940740000911"
    assert data["consents"][0]["edition"] == str(edition)
    assert data["applications"][0]["reference"] == application.reference
    assert data["emails_sent"] and data["accesses_to_my_data"]
    everything = (
        json.dumps(data, ensure_ascii=False) + archive.read("index.html").decode()
    )
    assert "Вопрос заявителю" in everything
    assert "Внутренняя заметка" not in everything  # the reviewers' own notes
    assert "Чужая тайна" not in everything and "other@example.kz" not in everything

    assert stranger.get(url).status_code == 404
    DataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(url).status_code == 404
    assert "ссылка истекла" in client.get("/account/").content.decode().lower()


def test_the_readable_page_speaks_the_persons_language_in_words(
    apply_page, django_capture_on_commit_callbacks
):
    """index.html: the fields' names and the values in words (no codes, no field
    names), in the person's language; data.json holds the consent evidence, the
    disclosures to experts, the accesses and the logins."""
    applicant = ApplicantFactory(
        email="words@example.kz", language="ru", consents=PolicyEdition.objects.first()
    )
    expert = ExpertFactory(full_name="Эксперт Оценивающий")
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(
            applicant=applicant, status=ApplicationStatus.SCREENING
        )
    Disclosure.objects.create(application=application, expert=expert, action="granted")
    AccessLog.objects.create(
        applicant=applicant, actor=expert, action="view", what="досье"
    )
    data, index = exported(applicant, django_capture_on_commit_callbacks)

    assert data["consents"] and all(c["record_hash"] for c in data["consents"])
    assert data["disclosures"][0]["expert"] == "Эксперт Оценивающий"
    assert data["accesses_to_my_data"][0]["what"] == "досье"
    assert "logins" in data and "account_history" in data
    assert "юридическое лицо" in index  # the person type, in words
    assert "legal_entity" not in index and "person_type" not in index
    assert "Тип лица" in index and "Резидент Казахстана" in index
    assert "Эксперт Оценивающий" in index

    applicant.language = "en"
    applicant.save(update_fields=["language"])
    _data, english = exported(applicant, django_capture_on_commit_callbacks)
    assert "legal entity" in english and "юридическое лицо" not in english


def exported(user, capture):
    with capture(execute=True):
        export = request_export(user)
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return json.loads(archive.read("data.json")), archive.read("index.html").decode()
