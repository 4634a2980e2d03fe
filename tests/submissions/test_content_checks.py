"""The content checks against the hostile corpus (``hostile_files``): every hostile
file refused with its own rule and message, through the validator every file field
uses; every honest look-alike accepted, so the checks are not "refuse everything"."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pikepdf import Array, Dictionary

from submissions.content_checks import RULES
from submissions.validators import validate_application_file, validate_registration_file
from tests.submissions.hostile_files import (
    BENIGN,
    HOSTILE,
    MESSAGES,
    pdf_bytes,
    zip_entries,
)


@pytest.mark.parametrize(
    ("name", "content", "code"), HOSTILE.values(), ids=list(HOSTILE)
)
def test_a_hostile_file_is_refused_with_its_rule_and_message(
    settings, name, content, code
):
    settings.ARCHIVE_MAX_MEMBERS = 10  # the corpus's “too many” holds 11
    with pytest.raises(ValidationError) as refusal:
        validate_application_file(SimpleUploadedFile(name, content))
    assert refusal.value.code == code
    with translation.override("en"):
        message = refusal.value.messages[0]
    assert MESSAGES[code] in message, message


@pytest.mark.parametrize(("name", "content"), BENIGN.values(), ids=list(BENIGN))
def test_an_honest_file_is_accepted(name, content):
    extension, _mime = validate_application_file(SimpleUploadedFile(name, content))
    assert name.endswith(f".{extension}")


@pytest.mark.parametrize(
    "case", ["pdf-openaction-javascript", "pdf-hex-escaped-names", "pdf-user-password"]
)
def test_registration_documents_go_through_the_same_checks(case):
    name, content, code = HOSTILE[case]
    with pytest.raises(ValidationError) as refusal:
        validate_registration_file(SimpleUploadedFile(name, content))
    assert refusal.value.code == code


def test_a_pdf_with_too_many_objects_is_refused_before_it_takes_long(settings):
    settings.PDF_MAX_OBJECTS = 50
    name, content = BENIGN["pdf-plain-text"]
    validate_application_file(SimpleUploadedFile(name, content))

    def many_dictionaries(pdf):
        pdf.Root.Many = Array([Dictionary() for _n in range(60)])

    many = pdf_bytes(many_dictionaries)
    with pytest.raises(ValidationError) as refusal:
        validate_application_file(SimpleUploadedFile(name, many))
    assert refusal.value.code == "pdf_too_complex"
    with translation.override("en"):
        assert "more than 50 objects" in refusal.value.messages[0]


def test_an_archive_too_large_unpacked_is_refused(settings):
    settings.ARCHIVE_MAX_UNCOMPRESSED_BYTES = 1000
    archive = zip_entries(("a.txt", "x" * 600), ("b.txt", "y" * 600))
    with pytest.raises(ValidationError) as refusal:
        validate_application_file(SimpleUploadedFile("данные.zip", archive))
    assert refusal.value.code == "archive_too_large"


def test_every_rule_has_a_reason_and_a_message():
    for code, rule in RULES.items():
        assert rule.reason and str(rule.message), code


def test_the_corpus_covers_every_rule():
    assert {code for *_rest, code in HOSTILE.values()} == set(RULES) - {
        "archive_too_large",  # tested above with a lower limit
        "pdf_too_complex",  # likewise
    }
