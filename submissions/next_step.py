"""Where a person goes next to apply: the one answer behind the home page's call to
action, the header's link beside "Log in" / "My account" and the "Your next step" block
of the how-to page.

A visitor who is not logged in registers first; an applicant whose registration is not
verified yet (awaiting, changes requested, blocked) sees its state on the dashboard; a
verified applicant goes to the application form; staff go to the admin. A preview in the
admin shows what a visitor sees, not what the editor would.

Anonymous visitors get their pages from the shared page cache, so their answer depends
on nothing but the language: the URL of the registration page, kept in the page's frame
(``home.page_frame``: publishing or moving a page makes a new one).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import is_staff
from home.page_frame import frame_for
from submissions.applications.pages import ApplicationFormPage
from submissions.models.registrations import ApplicantProfile
from submissions.registrations.pages import RegistrationFormPage

REGISTER = "register"
REGISTRATION = "registration"
APPLY = "apply"
ADMIN = "admin"

LABELS = {
    REGISTER: _("Register"),
    REGISTRATION: _("My registration"),
    APPLY: _("Apply"),
    ADMIN: _("Go to the administration"),
}
# Beside "Log in" / "My account": short, and only where it leads somewhere else.
HEADER_LABELS = {
    REGISTER: pgettext_lazy("header link", "Registration"),
    APPLY: _("Apply"),
}
EXPLANATIONS = {
    REGISTER: _(
        "Applications are filed from an account: register first, it takes a few "
        "minutes."
    ),
    REGISTRATION: _(
        "Your registration has not been verified yet. Your account shows its state "
        "and what, if anything, is needed from you."
    ),
    APPLY: _(
        "Your registration is verified: you can fill in an application. The draft is "
        "saved at every step."
    ),
    ADMIN: _("You are logged in as a member of staff."),
}


@dataclass(frozen=True)
class NextStep:
    """``kind`` is one of REGISTER, REGISTRATION, APPLY, ADMIN; ``url`` may be empty
    when the page it needs is not published (the templates then show no link)."""

    kind: str
    url: str

    @property
    def label(self):
        return LABELS[self.kind]

    @property
    def header_label(self):
        """The header's link text, "" where the header shows no link (the dashboard and
        the admin have their own)."""
        return HEADER_LABELS.get(self.kind, "") if self.url else ""

    @property
    def explanation(self):
        return EXPLANATIONS[self.kind]


def form_page_url(model, request):
    """The URL of the live form page ``model`` in the active language, "" when there is
    none."""
    page = frame_for(request).form_page(model)
    return page.get_url(request) if page is not None else ""


def apply_to_request_url(request, request_page):
    """The application form, started with the technology request ``request_page``
    (a visitor is asked to log in first, and comes back to it)."""
    url = form_page_url(ApplicationFormPage, request)
    return f"{url}?request={request_page.pk}" if url else ""


def registration_url(request):
    return form_page_url(RegistrationFormPage, request)


def profile_of(request):
    """The ApplicantProfile of the person logged in (None for staff and visitors),
    looked up once per request: the header's next step and the dashboard both ask."""
    if not hasattr(request, "applicant_profile"):
        user = request.user
        request.applicant_profile = (
            ApplicantProfile.objects.filter(user=user).first()
            if user.is_authenticated
            else None
        )
    return request.applicant_profile


def next_step(request):
    """Where the person making ``request`` goes next to apply (a NextStep)."""
    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or getattr(request, "is_preview", False)
    ):
        return NextStep(REGISTER, registration_url(request))
    if is_staff(user):
        return NextStep(ADMIN, reverse("wagtailadmin_home"))
    profile = profile_of(request)
    if profile is not None and profile.is_verified and not profile.is_blocked:
        return NextStep(APPLY, form_page_url(ApplicationFormPage, request))
    return NextStep(REGISTRATION, reverse("account"))


def next_step_of(request):
    """``next_step(request)``, worked out once per request (the header, the page and
    the page cache all ask)."""
    if not hasattr(request, "next_step"):
        request.next_step = next_step(request)
    return request.next_step


def visitor_kind(request):
    """For the page cache (``home.page_cache.VISITOR_KIND_HOOK``): a public page differs
    between people only by their next step (the header's link and login state, the
    home page's button, the "Your next step" block). Staff see the admin's user bar:
    their pages are made for them alone."""
    if is_staff(request.user):
        return None
    if not request.user.is_authenticated:
        return "visitor"
    return next_step_of(request).kind
