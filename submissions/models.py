"""What applicants send: their registration (profile and the request reviewers verify),
and the log of who looked at their files."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    WorkflowMixin,
)


def private_storage():
    """Applicants' files: outside MEDIA_ROOT and without a URL (settings.STORAGES)."""
    return storages["private"]


def private_file_name(instance, filename):
    """A name made by the server; the person's own file name is kept in another field."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"registrations/{uuid.uuid4().hex}.{extension}"


class PersonType(models.TextChoices):
    LEGAL_ENTITY = "legal_entity", _("legal entity")
    INDIVIDUAL = "individual", _("individual")


class RegistrationDetails(models.Model):
    """The facts an applicant registers with (policy 3.3–3.4), held by the profile and by
    each registration request reviewers verify."""

    person_type = models.CharField(
        _("person type"), max_length=20, choices=PersonType.choices
    )
    full_name = models.CharField(
        _("full name"),
        max_length=255,
        help_text=_("Of the individual, or of the head of the legal entity."),
    )
    organization = models.CharField(_("organization"), max_length=255, blank=True)
    is_resident = models.BooleanField(_("resident of Kazakhstan"), default=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    bin_iin = models.CharField(_("BIN / IIN"), max_length=12, blank=True)
    position = models.CharField(_("position"), max_length=255)
    phone = models.CharField(_("contact phone"), max_length=32)
    via_representative = models.BooleanField(
        _("filed through a representative"), default=False
    )
    representative_name = models.CharField(
        _("representative's full name"), max_length=255, blank=True
    )
    represented_email = models.EmailField(
        _("e-mail of the person represented"), blank=True
    )
    power_of_attorney = models.FileField(
        _("power of attorney"),
        storage=private_storage,
        upload_to=private_file_name,
        blank=True,
    )
    power_of_attorney_name = models.CharField(
        _("power of attorney: file name"), max_length=255, blank=True
    )
    registration_certificate = models.FileField(
        _("certificate of state registration"),
        storage=private_storage,
        upload_to=private_file_name,
        blank=True,
    )
    registration_certificate_name = models.CharField(
        _("certificate: file name"), max_length=255, blank=True
    )

    DETAIL_FIELDS = (
        "person_type",
        "full_name",
        "organization",
        "is_resident",
        "country",
        "bin_iin",
        "position",
        "phone",
        "via_representative",
        "representative_name",
        "represented_email",
        "power_of_attorney",
        "power_of_attorney_name",
        "registration_certificate",
        "registration_certificate_name",
    )

    class Meta:
        abstract = True

    @property
    def is_legal_entity(self):
        return self.person_type == PersonType.LEGAL_ENTITY

    def copy_details_to(self, other):
        for name in self.DETAIL_FIELDS:
            setattr(other, name, getattr(self, name))


class VerificationStatus(models.TextChoices):
    AWAITING = "awaiting", _("awaiting verification")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    VERIFIED = "verified", _("verified")


class ApplicantProfile(RegistrationDetails):
    """An applicant's details as they stand, and whether the company has verified them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="applicant_profile",
    )
    status = models.CharField(
        _("verification"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.AWAITING,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self):
        return self.organization or self.full_name


class RegistrationRequest(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, RegistrationDetails
):
    """What an applicant registered with, for reviewers to verify in the "Registration
    verification" workflow. Never live on the site: approval marks the profile verified."""

    profile = models.ForeignKey(
        ApplicantProfile,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="registration_requests",
    )
    email = models.EmailField(_("e-mail"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.organization or self.full_name} <{self.email}>"


class AccessLog(models.Model):
    """Who viewed or downloaded which applicant's personal data or file, and when."""

    VIEW = "view"
    DOWNLOAD = "download"
    ACTIONS = [(VIEW, _("viewed")), (DOWNLOAD, _("downloaded"))]

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="accesses_to_my_data",
    )
    action = models.CharField(_("action"), max_length=10, choices=ACTIONS)
    what = models.CharField(_("what"), max_length=255)
    at = models.DateTimeField(_("when"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()} {self.what}"


class RegistrationFormPage(RoutablePageMixin, Page):
    """/register/: the registration form. Editors word the page; the fields are fixed in
    code because each one maps to the data model."""

    intro = RichTextField(_("introduction"), blank=True)
    help_text = RichTextField(
        _("help"),
        blank=True,
        help_text=_("Shown beside the form: what to prepare, whom to ask."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        help_text=_(
            "Shown after the form is sent, above the instructions to confirm "
            "the e-mail."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("help_text"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("registration form page")

    @path("")
    def form(self, request):
        from django.shortcuts import redirect
        from django.utils.translation import get_language

        from policy.consent import edition_in_force

        from .forms import RegistrationForm
        from .registration import register_applicant

        edition = edition_in_force(get_language())
        if edition is None:
            return self.render(request, context_overrides={"closed": True})
        form = RegistrationForm(
            request.POST or None, request.FILES or None, edition=edition
        )
        if request.method == "POST" and form.is_valid():
            register_applicant(form, request)
            request.session["registration_email"] = form.cleaned_data["email"]
            return redirect(self.url + self.reverse_subpage("thanks"))
        return self.render(
            request, context_overrides={"form": form, "edition": edition}
        )

    @path("thanks/", name="thanks")
    def thanks(self, request):
        return self.render(
            request,
            template="submissions/registration_thanks.html",
            context_overrides={"email": request.session.get("registration_email", "")},
        )
