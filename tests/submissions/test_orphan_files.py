"""The sweep of private files that no row names (submissions.orphans): what a killed
process leaves goes once it is old enough; nothing a row or a revision names, nothing
fresh and nothing outside the portal's upload directories is touched."""

import io
import os
import time
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from submissions.models.applications import ApplicationFile, FileCategory
from submissions.models.registrations import ApplicantProfile, RegistrationRequest
from submissions.orphans import sweep_orphan_files
from tests.factories import ApplicationFileFactory, RegistrationRequestFactory

pytestmark = pytest.mark.django_db

TWO_HOURS = 2 * 3600


@pytest.fixture
def private(tmp_path, monkeypatch):
    """Private storage, moved to a directory of the test's own (the sweep looks at all
    of it), with helpers to write a file and to make it older."""
    storage = storages["private"]
    assert ApplicationFile._meta.get_field("file").storage is storage
    for name in ("base_location", "location"):
        monkeypatch.setitem(storage.__dict__, name, str(tmp_path))

    def write(name, age_seconds=0):
        name = storage.save(name, ContentFile(b"%PDF-1.4 orphan?"))
        age(name, age_seconds)
        return name

    def age(name, seconds):
        moment = time.time() - seconds
        os.utime(storage.path(name), (moment, moment))

    storage.write, storage.age = write, age
    yield storage
    del storage.write, storage.age


def unique(directory):
    return f"{directory}/{uuid.uuid4().hex}.pdf"


def test_old_files_no_row_names_go_and_the_rest_stays(private, apply_page):
    attached = ApplicationFileFactory(category=FileCategory.TECHNICAL)  # a draft's
    private.age(attached.file.name, TWO_HOURS)
    orphan = private.write(unique("applications"), age_seconds=TWO_HOURS)
    nested_orphan = private.write(unique("registrations/old"), age_seconds=TWO_HOURS)
    fresh_orphan = private.write(unique("applications"))  # its row may be on its way
    elsewhere = private.write(unique("quarantine"), age_seconds=TWO_HOURS)

    swept = sweep_orphan_files()

    assert orphan in swept and nested_orphan in swept
    assert not private.exists(orphan) and not private.exists(nested_orphan)
    for kept in (attached.file.name, fresh_orphan, elsewhere):
        assert kept not in swept and private.exists(kept)


def test_a_file_only_an_earlier_revision_names_is_kept(private, register_page):
    registration = RegistrationRequestFactory()
    profile = registration.profile
    old_certificate = profile.registration_certificate.name
    # the applicant sent a new certificate since: the rows name only the new one
    new_certificate = private.write(unique("registrations"), age_seconds=TWO_HOURS)
    ApplicantProfile.objects.filter(pk=profile.pk).update(
        registration_certificate=new_certificate
    )
    RegistrationRequest.objects.filter(pk=registration.pk).update(
        registration_certificate=new_certificate
    )
    private.age(old_certificate, TWO_HOURS)

    swept = sweep_orphan_files()

    assert old_certificate not in swept and private.exists(old_certificate)
    assert swept == []


def test_a_dry_run_deletes_nothing_and_the_daily_retention_sweeps(private):
    orphan = private.write(unique("applications"), age_seconds=TWO_HOURS)

    out = io.StringIO()
    call_command("sweep_orphan_files", "--dry-run", stdout=out)
    assert f"would delete: {orphan}" in out.getvalue()
    assert private.exists(orphan)

    retention = io.StringIO()
    call_command("enforce_retention", stdout=retention)
    assert f"delete: orphan files: {orphan}" in retention.getvalue()
    assert not private.exists(orphan)


def test_the_grace_period_is_an_option(private):
    recent = private.write(unique("exports"), age_seconds=10 * 60)

    out = io.StringIO()
    call_command("sweep_orphan_files", stdout=out)
    assert private.exists(recent)
    call_command("sweep_orphan_files", "--older-than=5", stdout=out)
    assert not private.exists(recent)
    assert "Deleted 1 orphan file(s)." in out.getvalue()
