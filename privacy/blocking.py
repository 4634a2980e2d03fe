"""Blocking an applicant's personal data during a check (policy 5): while blocked,
reviewers and experts see "blocked" instead of the person, the applications and the
registration are frozen (no workflow action), exports leave them out, and their files are
not served to staff; a reviewer lifts the block. Each change is in the audit log."""

from django.utils import timezone
from wagtail.log_actions import log

from submissions.models.registrations import ApplicantProfile


def block_applicant(profile, by, reason=""):
    if profile.blocked_at is None:
        ApplicantProfile.objects.filter(pk=profile.pk).update(blocked_at=timezone.now())
        profile.refresh_from_db(fields=["blocked_at"])
        log(instance=profile.user, action="opi.block", user=by, data={"reason": reason})
    return profile


def lift_block(profile, by):
    if profile.blocked_at is not None:
        ApplicantProfile.objects.filter(pk=profile.pk).update(blocked_at=None)
        profile.blocked_at = None
        log(instance=profile.user, action="opi.unblock", user=by)
    return profile
