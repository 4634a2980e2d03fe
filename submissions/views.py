"""Views of submissions: the consent page's answer and the private file downloads."""

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from policy.consent import edition_in_force
from privacy.blocking import hidden_from
from submissions.applications.models import ApplicationFile
from submissions.files import private_download
from submissions.forms import RepresentedConsentForm
from submissions.permissions import can_see_application, can_see_registration
from submissions.registrations.models import RegistrationRequest
from submissions.registrations.represented_consent import (
    consent_for_token,
    give_consent,
    refuse_consent,
)

REGISTRATION_FILES = {
    "power-of-attorney": "power_of_attorney",
    "certificate": "registration_certificate",
}


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


def render_page(page, request, template=None, status=200, **context):
    """``page`` served (with its own template, or ``template``) with ``context`` added
    to its own: the one way the submissions' page routes answer."""
    return TemplateResponse(
        request,
        template or page.get_template(request),
        {**page.get_context(request), **context},
        status=status,
    )


@login_required
def registration_file(request, pk, kind):
    """/files/registrations/<pk>/<kind>/: a registration's document, for its applicant and
    for reviewers only; every download is written to the access log."""
    field = REGISTRATION_FILES.get(kind)
    registration = get_object_or_404(
        RegistrationRequest.objects.select_related("profile"), pk=pk
    )
    if field is None or not can_see_registration(request.user, registration):
        raise Http404
    if hidden_from(request.user, registration.profile.user_id):
        raise Http404  # blocked during a check
    stored = getattr(registration, field)
    if not stored:
        raise Http404
    name = getattr(registration, f"{field}_name") or "file"
    return private_download(
        request,
        stored,
        name,
        instance=registration,
        what=f"{registration._meta.verbose_name} #{registration.pk}: {name}",
    )


@login_required
def application_file(request, pk):
    """/files/applications/<pk>/: a file of an application, for its applicant, the
    reviewers and the experts assigned to it; every download is in the access log."""
    record = get_object_or_404(
        ApplicationFile.objects.select_related("application"), pk=pk
    )
    if not can_see_application(request.user, record.application):
        raise Http404
    if hidden_from(request.user, record.application.applicant_id):
        raise Http404  # blocked during a check
    return private_download(
        request,
        record.file,
        record.original_name,
        instance=record.application,
        what=f"{record.application}: {record.original_name}",
    )
