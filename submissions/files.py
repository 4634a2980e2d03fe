"""Applicants' files in private storage: storing an application's file with what was
checked about it, removing one, and answering a permission-checked download."""

import hashlib

from django.http import FileResponse

from policy.consent import client_ip

from .models import AccessLog, ApplicationFile


def sha256_of(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store_application_file(application, upload, category, user, answers=None):
    """Save ``upload`` (checked by ``ApplicationFileForm``) to ``application``."""
    from .registration import clean_file_name

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


def delete_application_file(record):
    storage, name = record.file.storage, record.file.name
    record.delete()
    storage.delete(name)


def private_download(request, stored, name, *, applicant_id, what):
    """``stored`` (a FieldFile) as an attachment named ``name``, logged as a download of
    ``applicant_id``'s data."""
    AccessLog.objects.create(
        actor=request.user,
        applicant_id=applicant_id,
        action=AccessLog.DOWNLOAD,
        what=what[:255],
        ip_address=client_ip(request),
    )
    response = FileResponse(stored.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
