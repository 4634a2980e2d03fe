"""Registering an applicant: everything in one transaction, or nothing.

An inactive User, their ApplicantProfile with the files, the two consents, and a
RegistrationRequest in the "Registration verification" workflow. An e-mail address that
already has an account gets exactly the same answer on screen, in the same time (the same
work is done and undone, ``rehearse_registration``); its owner is told by e-mail that
someone tried to register with it.
"""

import contextlib
import uuid

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django_tasks import task

from accounts.login_identity import normalised_login
from accounts.mail import absolute, send_portal_mail
from accounts.models import User
from accounts.verification import send_verification_email
from policy.consent import record_policy_consents
from submissions.models.registrations import FILE_FIELDS, ApplicantProfile
from submissions.registrations.forms import detail_values
from submissions.registrations.verification import (
    resubmit_registration,
    submit_for_verification,
)
from submissions.uploads import clean_file_name

REGISTRATION_FORM = "registration"


def store_files(details, data, saved_files):
    """Put the chosen files on ``details`` (a profile) and drop those the details no
    longer call for (a legal entity became an individual, the representative went).
    ``saved_files`` collects what was written, to delete it if the transaction fails."""
    wanted = {
        "power_of_attorney": details.via_representative,
        "registration_certificate": details.is_legal_entity,
    }
    for name in FILE_FIELDS:
        upload = data.get(name)
        if not wanted[name]:
            setattr(details, name, "")
            setattr(details, f"{name}_name", "")
        elif upload:
            getattr(details, name).save(
                f"file.{upload.checked_extension}", upload, save=False
            )
            saved_files.append(getattr(details, name))
            setattr(details, f"{name}_name", clean_file_name(upload.name))


def deleting_files_on_failure(work):
    """Run ``work(saved_files)`` in one transaction; if it fails, the files it stored go
    too (the database rolls back by itself, the file storage does not)."""
    saved_files = []
    try:
        with transaction.atomic():
            return work(saved_files)
    except Exception:
        for stored in saved_files:
            stored.storage.delete(stored.name)
        raise


def update_profile(form, profile, user):
    """Save the details of ``form`` (a valid ApplicantProfileForm) on ``profile`` and send
    them to the reviewers again."""

    def work(saved_files):
        for name, value in detail_values(form.cleaned_data).items():
            setattr(profile, name, value)
        store_files(profile, form.cleaned_data, saved_files)
        profile.save()
        return resubmit_registration(profile, user)

    return deleting_files_on_failure(work)


def existing_account(email):
    return User.objects.filter(email=normalised_login(email)).first()


class Rehearsal(Exception):
    """Raised to undo a registration made only for the time it takes."""


def rehearse_registration(form, request):
    """Do all the work of a new registration and undo it: for an address that has an
    account already. The password is hashed, the profile, its files, the consents and
    the workflow are written, then rolled back (the files deleted, and what waited for
    the commit, the e-mails, never happens), so that the answer takes as long as for a
    new address and its time tells nobody that this one has an account."""

    def work(saved_files):
        stand_in = f"{uuid.uuid4().hex}@rehearsal.invalid"  # never a person's
        create_registration(form, request, saved_files, email=stand_in)
        raise Rehearsal

    with contextlib.suppress(Rehearsal):
        deleting_files_on_failure(work)


def register_applicant(form, request):
    """Register what ``form`` (a valid RegistrationForm) holds. Returns the new user, or
    None when the address already had an account (the caller answers the same way)."""
    data = form.cleaned_data
    existing = existing_account(data["email"])
    if existing is None:
        try:
            return deleting_files_on_failure(
                lambda saved_files: create_registration(form, request, saved_files)
            )
        except IntegrityError:
            # The same address registered by another request at the same moment (a
            # double click, two tabs): the unique e-mail refused this one. It gets the
            # answer any address with an account gets, not an error page.
            existing = existing_account(data["email"])
            if existing is None:
                raise
    else:
        rehearse_registration(form, request)
    transaction.on_commit(lambda: send_registration_attempt_notice.enqueue(existing.pk))
    return None


def create_registration(form, request, saved_files, email=None):
    """The new account and its registration; ``email`` stands in for the address of
    the form (``rehearse_registration``)."""
    data = form.cleaned_data
    user = User.objects.create_user(
        email=email or data["email"],
        password=data["password1"],
        full_name=data["full_name"].strip(),
        is_active=False,
        language=(get_language() or "ru")[:2],
    )
    profile = ApplicantProfile(user=user, **detail_values(data))
    store_files(profile, data, saved_files)
    profile.save()
    record_policy_consents(
        edition=form.edition,
        email=user.email,
        form_name=REGISTRATION_FORM,
        request=request,
        user=user,
    )
    submit_for_verification(profile, user)
    transaction.on_commit(lambda: send_verification_email.enqueue(user.pk))
    return user


@task()
def send_registration_attempt_notice(user_id):
    """Tell the owner of an address that someone tried to register with it."""
    user = User.objects.get(pk=user_id)
    with translation.override(user.language):
        links = {
            "login": absolute(reverse("login")),
            "reset": absolute(reverse("password_reset")),
        }
    send_portal_mail(
        "submissions/emails/registration_attempt",
        {"user": user, **links},
        user.email,
        user.language,
    )
