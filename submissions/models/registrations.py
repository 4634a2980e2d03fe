"""Registrations: the applicant's profile, the request reviewers verify, the consent of
the person represented, the reviewers' task, the access log, and the registration and
consent pages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)

from . import private_file_name, private_storage

__all__ = [
    "PersonType",
    "RegistrationDetails",
    "VerificationStatus",
    "ApplicantProfile",
    "RegistrationRequest",
    "RepresentedConsent",
    "RegistrationVerificationTask",
    "AccessLog",
    "RegistrationFormPage",
    "ConsentFormPage",
]


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

    def stored_file_fields(self):
        """Names of the file fields that hold a file."""
        return [
            name
            for name in ("power_of_attorney", "registration_certificate")
            if getattr(self, name)
        ]

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
    blocked_at = models.DateTimeField(
        _("data blocked since"),
        null=True,
        blank=True,
        help_text=_(
            "While blocked (the person asked, during a check), reviewers and experts see "
            "no personal data and the applications are frozen."
        ),
    )

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self):
        return self.organization or self.full_name

    @property
    def is_blocked(self):
        return self.blocked_at is not None


class RegistrationRequest(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, RegistrationDetails
):
    """What an applicant registered with, for reviewers to verify in the "Registration
    verification" workflow. Nothing of it is shown on the site: approving it publishes
    the revision reviewers saw ("live" means verified) and marks the profile verified.
    Each correction the applicant sends is a new revision of the same registration."""

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
        if self.profile_id and self.profile.is_blocked:
            return str(_("blocked"))
        return f"{self.organization or self.full_name} <{self.email}>"

    @property
    def verification(self):
        return self.profile.get_status_display()

    @property
    def represented_consent(self):
        """The latest request for the consent of the person represented, at the address
        the registration now gives; None when nobody is represented or none was sent."""
        if not (self.via_representative and self.represented_email):
            return None
        return (
            self.represented_consents.filter(email__iexact=self.represented_email)
            .select_related("consent_record__edition")
            .first()
        )

    def latest_reviewer_comment(self):
        """What the reviewer wrote when they last asked for changes ("" if nothing)."""
        state = (
            TaskState.objects.filter(
                workflow_state__base_content_type_id=self.get_base_content_type().pk,
                workflow_state__object_id=str(self.pk),
                status=TaskState.STATUS_REJECTED,
            )
            .order_by("-finished_at")
            .first()
        )
        return state.comment if state else ""


class RepresentedConsent(models.Model):
    """The consent of the person an applicant represents (the head of the legal entity,
    or the individual), asked for by an e-mailed link to the consent page. A registration
    filed through a representative cannot be approved until the answer is "given"."""

    PENDING = "pending"
    GIVEN = "given"
    REFUSED = "refused"
    DECISIONS = [
        (PENDING, _("awaited")),
        (GIVEN, _("given")),
        (REFUSED, _("refused")),
    ]

    registration = models.ForeignKey(
        RegistrationRequest,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="represented_consents",
    )
    email = models.EmailField(_("e-mail of the person represented"))
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decision = models.CharField(
        _("answer"), max_length=10, choices=DECISIONS, default=PENDING
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    consent_record = models.ForeignKey(
        "policy.ConsentRecord",
        verbose_name=_("consent record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent of the person represented")
        verbose_name_plural = _("consents of the persons represented")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.email}: {self.get_decision_display()}"

    @property
    def is_given(self):
        return self.decision == self.GIVEN


class RegistrationVerificationTask(AbstractGroupApprovalTask):
    """The reviewers' task in "Registration verification": a group approval that cannot
    approve a registration still missing what the policy requires (the consent of the
    person represented). The reason is shown on the registration."""

    def get_actions(self, obj, user):
        from ..verification import approval_blocked_reason

        if obj.profile.is_blocked:
            return []  # frozen while the applicant's data is blocked
        actions = super().get_actions(obj, user)
        if approval_blocked_reason(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        from django.core.exceptions import PermissionDenied

        from ..verification import approval_blocked_reason

        if action_name == "approve":
            reason = approval_blocked_reason(task_state.workflow_state.content_object)
            if reason:
                raise PermissionDenied(reason)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Reviewers verify a registration; approval waits for the consent of the "
            "person represented."
        )

    class Meta:
        verbose_name = _("registration verification task")
        verbose_name_plural = _("registration verification tasks")


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

    page_cache = False  # a form: never kept in the shared page cache (home.page_cache)

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

        from ..forms import RegistrationForm
        from ..registration import register_applicant

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


class ConsentFormPage(Page):
    """/consent/: where the person an applicant represents reads the consent statement of
    the edition in force and gives or refuses their own consent. Reached by the link they
    get by e-mail (/consent/?t=<signed token>); editors word the page and the answers."""

    page_cache = False  # a form: never kept in the shared page cache (home.page_cache)

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Above the consent statement: why the person is asked."),
    )
    given_text = RichTextField(_("text after consent is given"), blank=True)
    refused_text = RichTextField(_("text after consent is refused"), blank=True)
    no_link_text = RichTextField(
        _("text without a link"),
        blank=True,
        help_text=_("Shown to someone who opens the page without the e-mailed link."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("given_text"),
        FieldPanel("refused_text"),
        FieldPanel("no_link_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("consent page of the person represented")

    def serve(self, request, *args, **kwargs):
        from ..views import consent_answer

        return consent_answer(self, request, request.GET.get("t", ""))

    def get_sitemap_urls(self, request=None):
        return []  # a page for people who get the link, not for search engines
