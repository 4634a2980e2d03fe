"""Applicants' files that no row names, and the sweep that deletes them.

A file is written to private storage before the row that names it is committed: the
storage cannot take part in the database's transaction. When the process dies in between
(killed outright, out of memory, a machine lost), the transaction rolls back and the file
stays behind, personal data the portal no longer knows it holds. Writing the row first
would be worse: a row naming a file that never arrived is a half-saved application. So
files go first, and ``manage.py sweep_orphan_files`` (also part of the daily
``enforce_retention``) deletes the files of private storage that no row names, once they
are older than a grace period, so that a file whose row is being written at this moment
is never touched. ``tests/load`` kills gunicorn workers in the middle of uploads to prove
it.
"""

import datetime
import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from wagtail.models import Revision, RevisionMixin

logger = logging.getLogger(__name__)

# Where the portal's file fields write in private storage (their upload_to): anything
# else there is not the sweep's to judge.
SWEPT_DIRECTORIES = ("registrations", "applications", "exports")
# Far longer than any request or task takes to write a file and commit its row.
GRACE_MINUTES = 60


def stored_files(storage, directory):
    """Names of the files under ``directory`` of ``storage``, at any depth."""
    try:
        subdirectories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}"
    for subdirectory in subdirectories:
        yield from stored_files(storage, f"{directory}/{subdirectory}")


def referenced_files():
    """Every file name that a row holds in a file field, in the current rows and in the
    revisions of revisioned models (an earlier revision of a registration keeps its
    files, and reviewers may open it)."""

    names = set()
    for model in apps.get_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.FileField)
        ]
        if not fields or model._meta.proxy:
            continue
        for row in model._base_manager.values_list(*fields).iterator():
            names.update(name for name in row if name)
        if issubclass(model, RevisionMixin):
            revisions = Revision.objects.filter(
                content_type=ContentType.objects.get_for_model(model)
            ).values_list("content", flat=True)
            for content in revisions.iterator():
                names.update(content.get(field) or "" for field in fields)
    names.discard("")
    return names


def sweep_orphan_files(older_than_minutes=GRACE_MINUTES, dry_run=False):
    """Delete the files of private storage that no row names and that are older than
    ``older_than_minutes``; return their names. ``dry_run`` only finds them."""
    storage = storages["private"]
    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    candidates = [
        name
        for directory in SWEPT_DIRECTORIES
        for name in stored_files(storage, directory)
        if storage.get_modified_time(name) < cutoff
    ]
    # The rows are read after the files are listed, so a row committed meanwhile counts.
    referenced = referenced_files()
    orphans = sorted(name for name in candidates if name not in referenced)
    if not dry_run:
        for name in orphans:
            storage.delete(name)
            logger.info("Deleted orphan file %s", name)
    return orphans
