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
from submissions.models.registrations import ApplicantProfile, VerificationStatus
from submissions.registrations.verification import current_registration

# Each function registered for this hook takes the request and gives a rendered section.
DASHBOARD_SECTIONS_HOOK = "account_dashboard_sections"


@login_required
def account(request):
    """/account/: the applicant's verification status, details and consents."""
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    registration = current_registration(profile) if profile else None
    consents = (
        ConsentRecord.objects.filter(user=request.user)
        .select_related("edition__page")
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
            "applications": Application.objects.filter(applicant=request.user)
            .exclude(status=ApplicationStatus.DRAFT)
            .order_by("-updated_at"),
            "drafts": Application.objects.filter(
                applicant=request.user, status=ApplicationStatus.DRAFT
            ).order_by("-updated_at"),
            "apply_page": frame_for(request).form_page(ApplicationFormPage),
            "email_form": NotificationSettingsForm(instance=request.user),
            "is_staff": is_staff(request.user),
            "sections": [
                section(request) for section in hooks.get_hooks(DASHBOARD_SECTIONS_HOOK)
            ],
        },
    )
