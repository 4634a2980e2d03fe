"""Withdrawal and deletion (policy 5): end a person's sessions and replace them by a
pseudonym wherever nothing obliges the company to keep their data.

What stays, with the pseudonym instead of the person: the consent ledger (evidence of what
was agreed), the audit trail and access log, decided applications (the company's records of
its decisions) and the e-mails-sent record. What goes: the account's name, e-mail, phone,
BIN/IIN and the other registration details (also in the registration's revisions), the
registration documents, drafts, open reviews.
"""

import uuid

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from accounts.models import SentEmail
from accounts.session_policy import end_sessions as end_indexed_sessions
from policy.models import ConsentRecord
from privacy.models.data_requests import DataSubjectRequest
from submissions.applications.review import withdraw_application
from submissions.files import delete_draft
from submissions.models.applications import Application, ApplicationStatus
from submissions.models.registrations import RegistrationRequest

PERSONAL_DETAILS = {
    "full_name": "",
    "organization": "",
    "country": "",
    "bin_iin": "",
    "position": "",
    "phone": "",
    "representative_name": "",
    "represented_email": "",
    "power_of_attorney": "",
    "power_of_attorney_name": "",
    "registration_certificate": "",
    "registration_certificate_name": "",
}


def pseudonym_for(user):
    return f"deleted-{uuid.uuid4().hex[:12]}@anonymised.invalid"


def end_sessions(user):
    """Log ``user`` out everywhere; returns how many sessions were ended.

    The sessions are found in the login-session index (``accounts.session_policy``), not
    by decoding every session of the site, and ended through the session engine, so the
    shared cache forgets them too."""

    return end_indexed_sessions(user, reason="anonymised")


@transaction.atomic
def anonymise(user, *, by=None, reason=""):
    """Replace ``user`` by a pseudonym everywhere; returns the pseudonym."""

    old_email, old_name = user.email, user.full_name
    pseudonym = pseudonym_for(user)
    end_sessions(user)

    for application in Application.objects.filter(applicant=user):
        if application.is_open:
            withdraw_application(application, by or user)
        elif application.status == ApplicationStatus.DRAFT:
            delete_draft(application)

    profile = getattr(user, "applicant_profile", None)
    if profile is not None:
        for name in profile.stored_file_fields():
            stored = getattr(profile, name)
            stored.storage.delete(stored.name)
        for field, value in PERSONAL_DETAILS.items():
            setattr(profile, field, value)
        profile.save()
        registrations = RegistrationRequest.objects.filter(profile=profile)
        registrations.update(email=pseudonym, **PERSONAL_DETAILS)
        for revision in Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(RegistrationRequest),
            object_id__in=[
                str(pk) for pk in registrations.values_list("pk", flat=True)
            ],
        ):
            revision.content = {
                **revision.content,
                **PERSONAL_DETAILS,
                "email": pseudonym,
            }
            revision.object_str = pseudonym
            revision.save(update_fields=["content", "object_str"])

    # Evidence and records keep their rows, with the pseudonym (never deleted).
    ConsentRecord.objects.filter(user=user).update(email=pseudonym)
    ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawal_reason=reason or "anonymised"
    )
    SentEmail.objects.filter(recipient__iexact=old_email).update(recipient=pseudonym)
    data_requests = DataSubjectRequest.objects.filter(requester=user)
    data_requests.update(email=pseudonym, details="")
    rewrite_revisions(
        DataSubjectRequest,
        data_requests.values_list("pk", flat=True),
        {"email": pseudonym, "details": ""},
        pseudonym,
    )
    for entry in ModelLogEntry.objects.filter(label__icontains=old_email):
        entry.label = entry.label.replace(old_email, pseudonym)
        if old_name:
            entry.label = entry.label.replace(old_name, "")
        entry.save(update_fields=["label"])
    # The entries about the account itself (logins, logouts, two-factor changes) are
    # labelled with the person's name or e-mail at the time: the pseudonym replaces it.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user, for_concrete_model=False),
        object_id=str(user.pk),
    ).update(label=pseudonym)
    forget_login_attempts(old_email)

    user.email = pseudonym
    user.full_name = ""
    user.is_active = False
    user.email_verified_at = None
    user.set_unusable_password()
    user.save()
    log(
        instance=user,
        action="opi.anonymise",
        user=by,
        data={"reason": reason[:200]},
    )
    return pseudonym


def rewrite_revisions(model, pks, values, label):
    """Put ``values`` into every stored revision of ``model`` objects ``pks``."""
    for revision in Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ):
        revision.content = {**revision.content, **values}
        revision.object_str = label
        revision.save(update_fields=["content", "object_str"])


def forget_login_attempts(email):
    """django-axes keeps the e-mail typed at login; it goes too."""
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
