"""Registrations: the applicant's profile, the request reviewers verify, the consent of
the person represented, the reviewers' task, the access log, and the registration and
consent pages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)

from accounts.login_identity import normalised_login
from submissions.storage import private_file_name, private_storage

__all__ = [
    "without_blocked_applicants",
    "REGISTRATION_FILES",
    "FILE_FIELDS",
    "PersonType",
    "RegistrationDetails",
    "VerificationStatus",
    "ApplicantProfile",
    "RegistrationRequest",
    "RepresentedConsent",
]


class PersonType(models.TextChoices):
    LEGAL_ENTITY = "legal_entity", _("legal entity")
    INDIVIDUAL = "individual", _("individual")


# The registration's documents: each file field by the word that names it in its download
# URL (/files/registrations/<pk>/<kind>/). Every list of the registration's files is this.
REGISTRATION_FILES = {
    "power-of-attorney": "power_of_attorney",
    "certificate": "registration_certificate",
}
FILE_FIELDS = tuple(REGISTRATION_FILES.values())


class RegistrationDetails(models.Model):
    """The facts an applicant registers with, held by the profile and by each
    registration request reviewers verify: only what the privacy policy lists (3.3–3.4),
    and one optional contact with its purpose stated (5.1).

    Policy 3.3 asks for the full name of the user (an individual) or of the first head of
    the user (a legal entity), and an e-mail address (on the account and on each
    registration request); 3.4 for the organisation's name, a power of attorney when a
    representative acts, the legal entity's registration data, and residency of
    Kazakhstan. Field by field:

    - ``person_type``: which of 3.3's two cases applies (whose name is given, and
      whether the legal entity's registration data is asked for).
    - ``full_name``: 3.3.
    - ``organization``: 3.4, legal entities only.
    - ``is_resident``: 3.4 ("residency of the Republic of Kazakhstan"), everyone.
    - ``bin_iin``: the legal entity's BIN (its state registration number, 3.4), for
      resident legal entities only, checksum-validated. An individual's IIN is not
      asked for: the policy does not list it, and an individual is identified by name
      and e-mail. (The column keeps its historical name, which the data export and
      anonymisation read; since migration 0017 it never holds an IIN.)
    - ``country``: the country of registration of a non-resident legal entity (its
      registration data, 3.4). A non-resident individual is asked only whether they are
      resident: the policy lists residency, not a country of residence.
    - ``phone``: optional. The policy does not list it; it is kept only when the
      applicant chooses to give it, to reach them about their registration or
      application when e-mail fails (5.1, feedback), and the form says so beside it.
    - ``via_representative``, ``representative_name``, ``represented_email``,
      ``power_of_attorney``: 3.4's power of attorney when a representative acts; the
      representative's name is the one the power of attorney names, and the e-mail of
      the person represented (3.3's e-mail of the head or the individual) is where they
      are asked for their own consent.
    - ``registration_certificate``: the legal entity's registration data (3.4).

    A job title (``position``) is no longer asked for: 3.3 asks for the head's name, not
    their post. Migration 0017 removed it with its data, and the IINs and countries of
    individuals, also from the registration requests' revisions.
    """

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
    country = models.CharField(
        _("country of registration"),
        max_length=100,
        blank=True,
        help_text=_("Of a legal entity that is not a resident of Kazakhstan."),
    )
    bin_iin = models.CharField(
        _("BIN"),
        max_length=12,
        blank=True,
        help_text=_("Of a legal entity that is a resident of Kazakhstan."),
    )
    phone = models.CharField(
        _("contact phone"),
        max_length=32,
        blank=True,
        help_text=_(
            "Optional: only to reach the applicant about their registration or "
            "application if e-mail fails."
        ),
    )
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
        return [name for name in FILE_FIELDS if getattr(self, name)]

    def copy_details_to(self, other):
        for name in self.DETAIL_FIELDS:
            setattr(other, name, getattr(self, name))


class VerificationStatus(models.TextChoices):
    AWAITING = "awaiting", _("awaiting verification")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    VERIFIED = "verified", _("verified")


class ApplicantProfileQuerySet(models.QuerySet):
    def blocked(self):
        """Profiles whose data is blocked during a check (``is_blocked`` as a query)."""
        return self.filter(blocked_at__isnull=False)


def without_blocked_applicants(queryset, profile_path):
    """``queryset`` without the rows whose applicant's data is blocked; ``profile_path``
    leads from a row to its ApplicantProfile. The query form of ``is_blocked``."""
    return queryset.exclude(**{f"{profile_path}__blocked_at__isnull": False})


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

    objects = ApplicantProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self):
        return self.organization or self.full_name

    @property
    def is_verified(self):
        return self.status == VerificationStatus.VERIFIED

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
        return f"{self.organization or self.full_name} · {self.email}"

    @staticmethod
    def counted(count):
        """The register's count in words, with each language's plural forms."""
        return ngettext("%(count)s registration", "%(count)s registrations", count) % {
            "count": count
        }

    @property
    def verification(self):
        return self.profile.get_status_display()

    @property
    def identifier_display(self):
        """The BIN as a register shows it: "blocked" while the person is blocked."""
        if self.profile_id and self.profile.is_blocked:
            return _("blocked")
        return self.bin_iin

    @property
    def represented_consent(self):
        """The latest request for the consent of the person represented, at the address
        the registration now gives; None when nobody is represented or none was sent."""
        if not (self.via_representative and self.represented_email):
            return None
        return (
            self.represented_consents.filter(
                email=normalised_login(self.represented_email)
            )
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
