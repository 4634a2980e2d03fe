"""The applicant's own registration pages: correcting the details, asking the person
represented again, and the represented person's answer on the consent page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.login_identity import normalised_login
from core import rate_limits
from core.pages import render_page
from policy.consent import edition_in_force
from submissions.models.registrations import ApplicantProfile, VerificationStatus
from submissions.registrations.forms import ApplicantProfileForm, RepresentedConsentForm
from submissions.registrations.register import update_profile
from submissions.registrations.represented_consent import (
    ask_represented_person,
    consent_for_token,
    give_consent,
    refuse_consent,
)
from submissions.registrations.verification import current_registration


@login_required
@require_http_methods(["GET", "POST"])
def account_profile(request):
    """/account/profile/: correct the registration details; saving sends them to the
    reviewers again (the page says so before the applicant saves)."""
    profile = get_object_or_404(ApplicantProfile, user=request.user)
    form = ApplicantProfileForm(
        request.POST or None,
        request.FILES or None,
        initial=ApplicantProfileForm.initial_from(profile),
        existing_files=profile.stored_file_fields(),
    )
    if request.method == "POST" and form.is_valid():
        if (
            form.changed_details(profile)
            or profile.status != VerificationStatus.VERIFIED
        ):
            update_profile(form, profile, request.user)
            messages.success(
                request,
                _(
                    "Your details are sent to the reviewers. We will write to you once "
                    "they are verified."
                ),
            )
        else:
            messages.info(request, _("Nothing changed: your details stay verified."))
        return redirect("account")
    return render(
        request, "submissions/profile_form.html", {"form": form, "profile": profile}
    )


@login_required
@require_POST
def ask_represented_consent_again(request):
    """Send the person represented a new link (the last one expired or was refused)."""
    profile = get_object_or_404(ApplicantProfile, user=request.user)
    registration = current_registration(profile)
    if registration is None or not registration.via_representative:
        raise Http404
    current = registration.represented_consent
    if current is not None and current.is_given:
        messages.info(request, _("The person you represent has given consent already."))
    elif refusal := rate_limits.attempt(
        request,
        "represented_consent",
        normalised_login(registration.represented_email),
    ):
        messages.error(request, refusal.message)
    else:
        ask_represented_person(registration)
        messages.success(
            request,
            _("A new link is on its way to %(email)s.")
            % {"email": registration.represented_email},
        )
    return redirect("account")


def consent_answer(page, request, token):
    """/consent/?t=<token>: the person represented reads the consent statement and
    answers; without a token the page says where the link comes from."""
    if not token:
        return render_page(page, request, no_link=True)
    try:
        consent = consent_for_token(token)
    except signing.SignatureExpired:
        return render_page(page, request, status=410, expired=True)
    except signing.BadSignature:
        return render_page(page, request, status=400, bad_link=True)
    registration = consent.registration
    current = registration.represented_consent
    if current is None or current.pk != consent.pk:
        return render_page(page, request, status=410, superseded=True)
    if consent.decision != consent.PENDING:
        return render_page(page, request, consent=consent)
    edition = edition_in_force(get_language())
    form = RepresentedConsentForm(
        request.POST or None, initial={"edition": edition.number if edition else None}
    )
    if request.method == "POST" and form.is_valid():
        if edition is None or form.cleaned_data["edition"] != edition.number:
            form.add_error(
                None,
                _(
                    "The consent statement has changed since the page was opened. "
                    "Read it again and answer."
                ),
            )
        else:
            with transaction.atomic():
                if form.cleaned_data["answer"] == form.GIVE:
                    give_consent(consent, edition, request)
                else:
                    refuse_consent(consent)
            return redirect(request.get_full_path())
    return render_page(
        page,
        request,
        consent=consent,
        registration=registration,
        edition=edition,
        form=form,
    )
