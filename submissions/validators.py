"""Checks of what applicants type and upload: BIN/IIN check digits, file contents."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from submissions.uploads import check_upload

REGISTRATION_FILE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
}


# What a file of an application may be: documents, spreadsheets, slides, images, archives.
APPLICATION_FILE_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/zip": "zip",
}

# Each allowed type in words, as a reader calls it (never a MIME type on a screen).
FILE_TYPE_NAMES = {
    "application/pdf": _("PDF"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _(
        "Word document"
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _(
        "Excel table"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _(
        "PowerPoint presentation"
    ),
    "application/vnd.oasis.opendocument.text": _("OpenDocument text"),
    "application/vnd.oasis.opendocument.spreadsheet": _("OpenDocument spreadsheet"),
    "image/jpeg": _("JPEG image"),
    "image/png": _("PNG image"),
    "application/zip": _("ZIP archive"),
}


def file_type_name(content_type):
    """The detected type of a file (``content_type``, a MIME type) in the reader's
    language: "PDF", "Word document", "Excel table"…; "file" for one never allowed."""
    return FILE_TYPE_NAMES.get((content_type or "").split(";")[0].strip().lower()) or _(
        "file"
    )


def checked_type(upload, allowed, limit, refusal):
    """The (extension, MIME type) of ``upload`` judged by its content; refuses an empty
    file, one over ``limit`` bytes, or one whose content is not ``allowed``."""
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    if kind is None or kind.mime not in allowed:
        raise ValidationError(refusal, code="file_type")

    check_upload(upload, allowed[kind.mime])
    return allowed[kind.mime], kind.mime


def validate_registration_file(upload):
    """A PDF, JPEG or PNG of at most REGISTRATION_FILE_MAX_BYTES; returns its extension."""
    extension, _mime = checked_type(
        upload,
        REGISTRATION_FILE_TYPES,
        settings.REGISTRATION_FILE_MAX_BYTES,
        _("Only PDF, JPEG or PNG files are accepted; this file is not one of them."),
    )
    return extension


def validate_application_file(upload):
    """A document of an allowed type of at most APPLICATION_FILE_MAX_BYTES; returns its
    (extension, MIME type)."""
    return checked_type(
        upload,
        APPLICATION_FILE_TYPES,
        settings.APPLICATION_FILE_MAX_BYTES,
        _(
            "This kind of file is not accepted. Send PDF, DOCX, XLSX, PPTX, ODT, ODS, "
            "JPEG, PNG or ZIP; the type is judged by the content, not the name."
        ),
    )
