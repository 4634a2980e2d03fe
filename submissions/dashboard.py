"""The applicant's dashboard (/account/): verification status, details, consents,
applications and drafts, and the sections other apps add (the data-protection requests)
through the ``account_dashboard_sections`` hook."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from wagtail import hooks

from accounts.forms import NotificationSettingsForm
from accounts.roles import is_staff
from home.page_frame import frame_for
from policy.models import ConsentRecord
from submissions.applications.pages import ApplicationFormPage
from submissions.models.applications import Application, ApplicationStatus
from submissions.models.registrations import VerificationStatus
from submissions.next_step import profile_of
from submissions.registrations.verification import current_registration

# Each function registered for this hook takes the request and gives a rendered section.
DASHBOARD_SECTIONS_HOOK = "account_dashboard_sections"
DRAFT = ApplicationStatus.DRAFT
EDITION_TEXTS = [
    "edition__text_html",
    "edition__consent_statement_html",
    "edition__page__introduction",
    "edition__page__body",
    "edition__page__consent_statement",
    "edition__page__change_summary",
]


@login_required
def account(request):
    """/account/: the applicant's verification status, details and consents."""
    profile = profile_of(request)
    registration = current_registration(profile) if profile else None
    # sent and drafts in one query, newest first
    applications = list(
        Application.objects.filter(applicant=request.user).order_by("-updated_at")
    )
    consents = (
        ConsentRecord.objects.filter(user=request.user)
        .select_related("edition__page")
        .defer(*EDITION_TEXTS)  # the list links to each edition: no text needed here
        .order_by("-given_at", "-pk")
    )
    return render(
        request,
        "submissions/dashboard.html",
        {
            "profile": profile,
            "registration": registration,
            "represented_consent": registration.represented_consent
            if registration
            else None,
            "reviewer_comment": registration.latest_reviewer_comment()
            if profile and profile.status == VerificationStatus.CHANGES_REQUESTED
            else "",
            "consents": consents,
            "applications": [a for a in applications if a.status != DRAFT],
            "drafts": [a for a in applications if a.status == DRAFT],
            "apply_page": frame_for(request).form_page(ApplicationFormPage),
            "email_form": NotificationSettingsForm(instance=request.user),
            "is_staff": is_staff(request.user),
            "sections": [
                section(request) for section in hooks.get_hooks(DASHBOARD_SECTIONS_HOOK)
            ],
        },
    )
