"""Registering an applicant: everything in one transaction, or nothing.

An inactive User, their ApplicantProfile with the files, the two consents, and a
RegistrationRequest in the "Registration verification" workflow. An e-mail address that
already has an account gets exactly the same answer on screen; its owner is told by e-mail
that someone tried to register with it.
"""

import os
import re

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language
from django_tasks import task

from accounts.models import User
from accounts.verification import send_verification_email
from policy.consent import record_consent
from policy.models import ConsentRecord

from .models import ApplicantProfile, RegistrationRequest

REGISTRATION_FORM = "registration"
FILE_FIELDS = ("power_of_attorney", "registration_certificate")


def clean_file_name(name):
    """The person's file name, reduced to something safe to show and to send back."""
    base = os.path.basename(name or "").strip()
    base = re.sub(r"[\x00-\x1f\x7f<>:\"/\\|?*]+", "_", base)
    return base[:200] or "file"


def detail_values(data):
    legal = data["person_type"] == "legal_entity"
    resident = data["resident"] == "yes"
    representative = bool(data.get("via_representative"))
    return {
        "person_type": data["person_type"],
        "full_name": data["full_name"].strip(),
        "organization": data.get("organization", "").strip() if legal else "",
        "is_resident": resident,
        "country": "" if resident else data.get("country", "").strip(),
        "bin_iin": data.get("bin_iin", "") if resident else "",
        "position": data["position"].strip(),
        "phone": data["phone"].strip(),
        "via_representative": representative,
        "representative_name": data.get("representative_name", "").strip()
        if representative
        else "",
        "represented_email": data.get("represented_email", "")
        if representative
        else "",
    }


def register_applicant(form, request):
    """Register what ``form`` (a valid RegistrationForm) holds. Returns the new user, or
    None when the address already had an account (the caller answers the same way)."""
    data = form.cleaned_data
    existing = User.objects.filter(email__iexact=data["email"]).first()
    if existing is not None:
        transaction.on_commit(
            lambda: send_registration_attempt_notice.enqueue(existing.pk)
        )
        return None
    saved_files = []
    try:
        with transaction.atomic():
            user = create_registration(form, request, saved_files)
    except Exception:
        for stored in saved_files:  # the database rolled back; so do the files
            stored.storage.delete(stored.name)
        raise
    return user


def create_registration(form, request, saved_files):
    data = form.cleaned_data
    user = User.objects.create_user(
        email=data["email"],
        password=data["password1"],
        full_name=data["full_name"].strip(),
        is_active=False,
        language=(get_language() or "ru")[:2],
    )
    profile = ApplicantProfile(user=user, **detail_values(data))
    keep = {
        "power_of_attorney": bool(data.get("via_representative")),
        "registration_certificate": data["person_type"] == "legal_entity",
    }
    for name in FILE_FIELDS:
        upload = data.get(name)
        if upload and keep[name]:
            getattr(profile, name).save(
                f"file.{upload.checked_extension}", upload, save=False
            )
            saved_files.append(getattr(profile, name))
            setattr(profile, f"{name}_name", clean_file_name(upload.name))
    profile.save()
    for purpose in (
        ConsentRecord.POLICY_ACCEPTANCE,
        ConsentRecord.PERSONAL_DATA_PROCESSING,
    ):
        record_consent(
            edition=form.edition,
            purpose=purpose,
            email=user.email,
            form_name=REGISTRATION_FORM,
            request=request,
            user=user,
        )
    submit_for_verification(profile, user)
    transaction.on_commit(lambda: send_verification_email.enqueue(user.pk))
    return user


def submit_for_verification(profile, user):
    """A RegistrationRequest with the profile's details, in the verification workflow."""
    registration = RegistrationRequest(profile=profile, email=user.email, live=False)
    profile.copy_details_to(registration)
    registration.save()
    registration.save_revision(user=user)
    workflow = registration.get_workflow()
    if workflow is not None:
        workflow.start(registration, user)
    return registration


@task()
def send_registration_attempt_notice(user_id):
    """Tell the owner of an address that someone tried to register with it."""
    user = User.objects.get(pk=user_id)
    with translation.override(user.language):
        context = {"user": user}
        subject = render_to_string(
            "submissions/emails/registration_attempt_subject.txt", context
        )
        body = render_to_string("submissions/emails/registration_attempt.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
