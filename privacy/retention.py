"""Retention (policy 8): what has passed its period is deleted or anonymised, with a
line for each thing done and an entry in the audit log.

Periods are settings (``RETENTION``): drafts abandoned for a year, rejected applications
and their files after the five-year protection period, accounts never confirmed after 30
days; and private files that no row names, an hour after they were written.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.log_actions import log

from accounts.models import User
from privacy.anonymise import anonymise
from submissions.files import delete_draft
from submissions.models.applications import Application, ApplicationStatus
from submissions.orphans import sweep_orphan_files

logger = logging.getLogger(__name__)


def due_for_retention(now=None):
    """What is due, by category: querysets of what would be deleted or anonymised."""

    now = now or timezone.now()
    periods = settings.RETENTION
    return {
        "abandoned drafts": Application.objects.filter(
            status=ApplicationStatus.DRAFT,
            updated_at__lt=now - datetime.timedelta(days=periods["draft_days"]),
        ),
        "rejected applications": Application.objects.filter(
            status=ApplicationStatus.REJECTED,
            decided_at__lt=now
            - datetime.timedelta(days=365 * periods["rejected_years"]),
        ),
        "unconfirmed accounts": User.objects.filter(
            is_active=False,
            email_verified_at__isnull=True,
            date_joined__lt=now - datetime.timedelta(days=periods["unconfirmed_days"]),
        ).exclude(email__endswith="@anonymised.invalid"),
    }


def enforce(dry_run=False, out=print):
    """Delete or anonymise what is due; report each thing; return the counts."""

    counts = {}
    for category, queryset in due_for_retention().items():
        items = list(queryset)
        counts[category] = len(items)
        for item in items:
            out(
                f"{'would ' if dry_run else ''}{action_of(category)}: {category}: {item}"
            )
            if dry_run:
                continue
            with transaction.atomic():
                log(
                    instance=item,
                    action="opi.retention",
                    data={"category": category},
                )
                if category == "unconfirmed accounts":
                    anonymise(item, reason="retention: never confirmed")
                else:
                    delete_draft(item)
            logger.info("Retention: %s %s: %s", action_of(category), category, item)
    # Files a killed process left without their row (submissions.orphans), swept daily
    # with the rest.

    orphans = sweep_orphan_files(dry_run=dry_run)
    for name in orphans:
        out(f"{'would ' if dry_run else ''}delete: orphan files: {name}")
    counts["orphan files"] = len(orphans)
    return counts


def action_of(category):
    return "anonymise" if category == "unconfirmed accounts" else "delete"


@task()
def enforce_retention_task():
    """The daily run (schedule ``manage.py enforce_retention`` or this task daily)."""
    return enforce(out=logger.info)
