"""Applicants' files in private storage: storing an application's file with what was
checked about it, removing one, and answering a permission-checked download."""

import hashlib

from django.http import FileResponse
from wagtail.log_actions import log

from core.http import client_ip
from core.network import network_of
from submissions.models.access_log import AccessLog
from submissions.models.applications import ApplicationFile
from submissions.uploads import clean_file_name


def sha256_of(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store_application_file(application, upload, category, user, answers=None):
    """Save ``upload`` (checked by ``ApplicationFileForm``) to ``application``."""

    record = ApplicationFile(
        application=application,
        category=category,
        original_name=clean_file_name(upload.name),
        size=upload.size,
        sha256=sha256_of(upload),
        content_type=upload.checked_type,
        uploaded_by=user,
        answers=answers,
    )
    record.file.save(f"file.{upload.checked_extension}", upload, save=False)
    try:
        record.save()
    except Exception:
        record.file.storage.delete(record.file.name)
        raise
    return record


def delete_application_file(record, *, by=None):
    """Remove ``record`` and its stored file. Removed by the applicant (``by``) from an
    application sent before, it is in the audit log (its category and upload time, never
    its name), so the dossier can say what the corrections removed."""
    application = record.application
    if by is not None and application.reference:
        log(
            instance=application,
            action="opi.application.file_removed",
            user=by,
            data={
                "file": record.pk,
                "category": record.category,
                "uploaded_at": record.uploaded_at.isoformat(),
            },
        )
    storage, name = record.file.storage, record.file.name
    record.delete()
    storage.delete(name)


def delete_draft(application):
    """Delete a draft never submitted, and its files from the storage: the one way a
    draft goes (the applicant deletes it, anonymisation, retention)."""
    for record in application.files.all():
        delete_application_file(record)
    application.delete()


def record_access(request, instance, action, what, *, applicant_id=None):
    """Write who looked at (or downloaded) ``instance`` (an application or registration,
    or another record about ``applicant_id``) to the access log, and to Wagtail's audit
    log with a readable message. Of the request's address only its network is kept."""
    if applicant_id is None:
        applicant_id = (
            instance.applicant_id
            if hasattr(instance, "applicant_id")
            else instance.profile.user_id
        )
    AccessLog.objects.create(
        actor=request.user,
        applicant_id=applicant_id,
        action=action,
        what=what[:255],
        network=network_of(client_ip(request)) or "",
    )
    log(
        instance=instance,
        action=f"opi.access.{action}",
        user=request.user,
        data={"what": what[:255]},
    )


def private_download(request, stored, name, *, instance, what):
    """``stored`` (a FieldFile) as an attachment named ``name``, the download logged."""
    record_access(request, instance, AccessLog.DOWNLOAD, what)
    response = FileResponse(stored.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
