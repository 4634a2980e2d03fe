"""Checks of what applicants type and upload: BIN/IIN check digits, file contents."""

import datetime

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

FIRST_WEIGHTS = range(1, 12)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven):
    """The 12th digit of a BIN or IIN: the sum of the digits weighted 1…11 modulo 11; if
    that is 10, again with the weights 3…11, 1, 2; a second 10 means no valid number."""
    digits = [int(d) for d in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        control = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if control != 10:
            return control
    return None


def is_valid_bin_iin(value):
    return (
        len(value) == 12
        and value.isdigit()
        and check_digit(value[:11]) == int(value[11])
    )


def validate_bin_iin(value, kind="bin"):
    """A BIN (legal entity) or IIN (individual): 12 digits with a valid check digit; an
    IIN also starts with a real date of birth (YYMMDD)."""
    value = (value or "").strip()
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("Enter exactly 12 digits."), code="length")
    if kind == "iin":
        century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
        try:
            datetime.date(
                century.get(value[6], 1900) + int(value[:2]),
                int(value[2:4]),
                int(value[4:6]),
            )
        except ValueError:
            raise ValidationError(
                _("The first six digits of an IIN are the date of birth (YYMMDD)."),
                code="date",
            ) from None
    if not is_valid_bin_iin(value):
        raise ValidationError(
            _("This number has a wrong check digit: please check it for a typo."),
            code="checksum",
        )
    return value


# What an uploaded registration document may be, judged by its content, not its name.
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
    from .uploads import check_upload

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
