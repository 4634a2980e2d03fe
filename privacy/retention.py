"""Retention (policy 7.1, 8): what has passed its period is deleted or erased, with a line
for each thing done and an entry in the audit log. Idempotent: a second run finds nothing.

The periods are settings (``RETENTION``, README "Personal data"):

- people: a verified applicant five years after their last activity (policy 7.1: the
  data is protected for five years from when it was placed), an applicant never verified
  after ``inactive_years`` without activity, an account never confirmed after
  ``unconfirmed_days`` — each erased as ``privacy.anonymise`` does on request;
- applications: drafts abandoned for ``draft_days``, rejected ones ``rejected_years``
  after the decision, with their files;
- records (``privacy.inventory.PRUNED``): export ZIPs whose link has expired, finished
  background tasks, ended sessions, failed-login records, unsaved admin forms;
- private files that no row names, an hour after they were written.

Staff accounts are never erased by retention (they are closed by an administrator).
"""

import datetime
import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.models import LoginSession, User
from privacy.anonymise import PSEUDONYM_DOMAIN, anonymise
from privacy.models.exports import DataExport
from submissions.files import delete_draft
from submissions.models.applications import Application, ApplicationStatus
from submissions.orphans import sweep_orphan_files

logger = logging.getLogger(__name__)

ERASE_PERSON = "anonymise"
DELETE = "delete"


def years(count):
    return datetime.timedelta(days=365 * count)


def last_activity():
    """The moment of an account's last sign of life: joining, logging in, or a change
    to one of its applications."""
    return Greatest(
        "date_joined",
        *(
            Coalesce(moment, "date_joined")
            for moment in (
                "last_login",
                Max("applications__updated_at"),
                Max("applications__submitted_at"),
                Max("applications__decided_at"),
            )
        ),
    )


def people_due(now):
    periods = settings.RETENTION
    applicants = (
        User.objects.filter(applicant_profile__isnull=False)
        .exclude(email__endswith=f"@{PSEUDONYM_DOMAIN}")
        .annotate(last_active=last_activity())
    )
    return {
        "verified accounts": applicants.filter(
            applicant_profile__status="verified",
            last_active__lt=now - years(periods["verified_years"]),
        ),
        "accounts never verified": applicants.exclude(
            applicant_profile__status="verified"
        ).filter(
            email_verified_at__isnull=False,
            last_active__lt=now - years(periods["inactive_years"]),
        ),
        "unconfirmed accounts": User.objects.filter(
            is_active=False,
            email_verified_at__isnull=True,
            is_staff=False,
            date_joined__lt=now - datetime.timedelta(days=periods["unconfirmed_days"]),
        ).exclude(email__endswith=f"@{PSEUDONYM_DOMAIN}"),
    }


def applications_due(now):
    periods = settings.RETENTION
    return {
        "abandoned drafts": Application.objects.filter(
            status=ApplicationStatus.DRAFT,
            updated_at__lt=now - datetime.timedelta(days=periods["draft_days"]),
        ),
        "rejected applications": Application.objects.filter(
            status=ApplicationStatus.REJECTED,
            decided_at__lt=now - years(periods["rejected_years"]),
        ),
    }


def records_due(now):
    """The ``privacy.inventory.PRUNED`` records past their period, by category."""
    periods = settings.RETENTION
    tasks_before = now - datetime.timedelta(days=periods["task_result_days"])
    FormState = apps.get_model("wagtailadmin", "FormState")
    attempts_before = now - datetime.timedelta(days=periods["login_attempt_days"])
    return {
        "expired data exports": DataExport.objects.filter(
            Q(expires_at__lt=now)
            | Q(
                status=DataExport.FAILED,
                requested_at__lt=now - datetime.timedelta(days=1),
            )
        ),
        "finished background tasks": DBTaskResult.objects.filter(
            finished_at__lt=tasks_before
        ),
        "expired sessions": Session.objects.filter(expire_date__lt=now),
        "ended logins": LoginSession.objects.exclude(
            session_key__in=Session.objects.values("session_key")
        ),
        "failed logins": AccessAttempt.objects.filter(attempt_time__lt=attempts_before),
        "failed-login log": AccessFailureLog.objects.filter(
            attempt_time__lt=attempts_before
        ),
        "login log": AccessLog.objects.filter(attempt_time__lt=attempts_before),
        "unsaved admin forms": FormState.objects.filter(
            last_updated_at__lt=tasks_before
        ),
    }


def due_for_retention(now=None):
    """What is due, by category: querysets of what would be erased or deleted."""
    now = now or timezone.now()
    return {**people_due(now), **applications_due(now), **records_due(now)}


def enforce(dry_run=False, out=print, now=None):
    """Erase or delete what is due; report each thing; return the counts."""
    now = now or timezone.now()
    counts = {}
    for category, queryset in {**people_due(now), **applications_due(now)}.items():
        items = list(queryset.distinct())
        counts[category] = len(items)
        for item in items:
            action = action_of(category)
            out(f"{'would ' if dry_run else ''}{action}: {category}: {label_of(item)}")
            if not dry_run:
                with transaction.atomic():
                    log(
                        instance=item,
                        action="opi.retention",
                        data={"category": category},
                    )
                    if action == ERASE_PERSON:
                        anonymise(item, reason=f"retention: {category}")
                    else:
                        delete_draft(item)
                logger.info("Retention: %s %s: %s", action, category, item.pk)
    for category, queryset in records_due(now).items():
        counts[category] = prune(category, queryset, dry_run, out)
    # Files a killed process left without their row (submissions.orphans).
    orphans = sweep_orphan_files(dry_run=dry_run)
    for name in orphans:
        out(f"{'would ' if dry_run else ''}delete: orphan files: {name}")
    counts["orphan files"] = len(orphans)
    return counts


def prune(category, queryset, dry_run, out):
    """Delete the records of one category (the files of data exports with them); one
    audit entry says how many."""
    count = queryset.count()
    if not count:
        return 0
    out(f"{'would ' if dry_run else ''}delete: {category}: {count}")
    if dry_run:
        return count
    with transaction.atomic():
        if queryset.model is DataExport:
            for export in queryset:
                if export.file:
                    export.file.storage.delete(export.file.name)
        queryset.delete()
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(queryset.model),
            label=f"{category}: {count}",
            action="opi.retention",
            data={"category": category, "count": count},
            object_id="-",  # many records, named by the label and the data
            timestamp=timezone.now(),
        )
    logger.info("Retention: delete %s: %s", category, count)
    return count


def label_of(item):
    """How a line of the report names what it acts on: an account by its number (the
    report is read by staff and logged; it repeats nobody's name)."""
    if isinstance(item, User):
        return f"account {item.pk}"
    return f"application {item.pk}"


PEOPLE_CATEGORIES = (
    "verified accounts",
    "accounts never verified",
    "unconfirmed accounts",
)


def action_of(category):
    return ERASE_PERSON if category in PEOPLE_CATEGORIES else DELETE


@task()
def enforce_retention_task():
    """The daily run (schedule ``manage.py enforce_retention`` or this task daily)."""
    return enforce(out=logger.info)
