"""Blocking an applicant's personal data during a check (policy 5): while blocked,
staff other than the administrators see "blocked" instead of the person and cannot open
or act on their records (``submissions.permissions``), the applications and the
registration are frozen (no workflow action), exports leave them out, and their files are
not served to staff; an administrator lifts the block. Each change is in the audit log.

Wagtail keeps a copy of a record's title with each revision and audit-log entry (shown in
lists, headers and histories); blocking replaces those copies with the pseudonym, and
lifting the block writes them again from the records."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from privacy.models.data_requests import DataSubjectRequest
from submissions.models.applications import Application
from submissions.models.registrations import ApplicantProfile


@transaction.atomic
def block_applicant(profile, by, reason=""):
    if profile.blocked_at is None:
        ApplicantProfile.objects.filter(pk=profile.pk).update(blocked_at=timezone.now())
        profile.refresh_from_db(fields=["blocked_at"])
        relabel_records_of(profile)
        log(instance=profile.user, action="opi.block", user=by, data={"reason": reason})
    return profile


@transaction.atomic
def lift_block(profile, by):
    if profile.blocked_at is not None:
        ApplicantProfile.objects.filter(pk=profile.pk).update(blocked_at=None)
        profile.blocked_at = None
        relabel_records_of(profile)
        log(instance=profile.user, action="opi.unblock", user=by)
    return profile


def relabel_records_of(profile):
    """Write again the titles Wagtail copied from ``profile``'s registrations,
    applications and data requests into their revisions and audit-log entries: the pseudonym while the
    person is blocked, the records' own titles once they are not."""
    records = [
        *profile.registration_requests.select_related("profile"),
        *Application.objects.filter(applicant_id=profile.user_id).select_related(
            "applicant__applicant_profile"
        ),
        *DataSubjectRequest.objects.filter(requester_id=profile.user_id).select_related(
            "requester__applicant_profile"
        ),
    ]
    for record in records:
        for revision in Revision.objects.for_instance(record):
            revision.object_str = str(revision.as_object())[:255]
            revision.save(update_fields=["object_str"])
        ModelLogEntry.objects.for_instance(record).update(label=str(record)[:255])
