"""The export of everything the portal holds about a person (policy 5): a ZIP with a
machine-readable ``data.json``, a readable ``index.html``, the text of each policy edition
they consented to, and their files. Built by a background task; the link works 24 hours.
"""

import datetime
import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from accounts.models import SentEmail
from policy.models import ConsentRecord
from privacy.models.exports import DataExport
from submissions.applications.forms import STEP_FIELDS
from submissions.models.access_log import AccessLog
from submissions.models.applications import Application
from submissions.models.registrations import FILE_FIELDS

LINK_HOURS = 24


def request_export(user):
    """A new export for ``user``, built once the transaction commits."""
    export = DataExport.objects.create(user=user)
    transaction.on_commit(lambda: build_export.enqueue(export.pk))
    return export


def collect(user):
    """Everything about ``user``, as plain data, with the files to include."""

    profile = getattr(user, "applicant_profile", None)
    files = []
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "date_joined": user.date_joined,
            "email_verified_at": user.email_verified_at,
        },
        "profile": None,
        "registrations": [],
        "consents": [],
        "applications": [],
        "emails_sent": list(
            SentEmail.objects.filter(recipient__iexact=user.email).values(
                "subject", "kind", "reference", "sent_at"
            )
        ),
        "accesses_to_my_data": list(
            AccessLog.objects.filter(applicant=user).values("action", "what", "at")
        ),
        "data_requests": list(
            user.data_requests.values(
                "kind", "status", "details", "submitted_at", "due_date", "answer"
            )
        ),
    }
    if profile is not None:
        data["profile"] = {
            name: getattr(profile, name)
            for name in profile.DETAIL_FIELDS
            if name not in FILE_FIELDS
        } | {"status": profile.status, "verified_at": profile.verified_at}
        for name in profile.stored_file_fields():
            files.append(
                (
                    f"registration/{getattr(profile, f'{name}_name')}",
                    getattr(profile, name),
                )
            )
        data["registrations"] = list(
            profile.registration_requests.values(
                "submitted_at", "full_name", "organization", "bin_iin", "email"
            )
        )
    editions = {}
    for record in ConsentRecord.objects.filter(user=user).select_related("edition"):
        editions[record.edition.number] = record.edition
        data["consents"].append(
            {
                "purpose": record.purpose,
                "edition": record.edition.number,
                "given_at": record.given_at,
                "withdrawn_at": record.withdrawn_at,
                "text_sha256": record.text_sha256,
                "text_file": f"policy/edition-{record.edition.number}.html",
            }
        )
    answer_fields = [name for names in STEP_FIELDS.values() for name in names]
    for application in (
        Application.objects.filter(applicant=user)
        .select_related("subsidiary")
        .prefetch_related("messages", "files")
    ):
        answers = {name: getattr(application, name) for name in answer_fields}
        answers["subsidiary"] = str(application.subsidiary or "")
        data["applications"].append(
            {
                "reference": application.reference,
                "status": application.status,
                **answers,
                "submitted_at": application.submitted_at,
                "decided_at": application.decided_at,
                "messages": [
                    {"written_at": m.created_at, "body": m.body}
                    for m in application.messages.all()
                    if not m.internal
                ],
                "files": [
                    {
                        "category": f.category,
                        "name": f.original_name,
                        "size": f.size,
                        "sha256": f.sha256,
                    }
                    for f in application.files.all()
                ],
            }
        )
        folder = application.reference or f"draft-{application.pk}"
        for record in application.files.all():
            files.append((f"applications/{folder}/{record.original_name}", record.file))
    return data, files, editions


def write_zip(user):
    data, files, editions = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        archive.writestr(
            "index.html",
            render_to_string("privacy/export_index.html", {"data": data, "user": user}),
        )
        for number, edition in editions.items():
            archive.writestr(f"policy/edition-{number}.html", edition.text_html)
        for name, stored in files:
            try:
                with stored.open("rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
            except FileNotFoundError:
                archive.writestr(f"files/{name}.missing.txt", "The file is missing.")
    return buffer.getvalue()


@task()
def build_export(export_id):
    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        content = write_zip(export.user)
    except Exception:
        export.status = DataExport.FAILED
        export.save(update_fields=["status"])
        raise
    export.file.save(f"export-{export.pk}.zip", ContentFile(content), save=False)
    export.status = DataExport.READY
    export.ready_at = timezone.now()
    export.expires_at = export.ready_at + datetime.timedelta(hours=LINK_HOURS)
    export.save(update_fields=["file", "status", "ready_at", "expires_at"])
    return export.pk
