"""Applications for pilot industrial testing: the application (a moderated snippet), its
files, messages and expert assessments, the list of subsidiaries editors keep, the tasks of
the "Application review" workflow and the application form page."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)

from home.models import LocalizedTextMixin, language_panels
from submissions.storage import private_storage

__all__ = [
    "OPEN_STATUSES",
    "ApplicationKind",
    "ApplicationStatus",
    "FileCategory",
    "Subsidiary",
    "Application",
    "ApplicationFile",
    "ApplicationMessage",
    "CRITERIA",
    "AssessmentCriterion",
    "ExpertAssessment",
    "ReferenceCounter",
    "Disclosure",
]


class ApplicationKind(models.TextChoices):
    TECHNOLOGY = "technology", _("technology")
    EQUIPMENT = "equipment", _("equipment")
    MATERIAL = "material", _("material")
    SOFTWARE = "software", _("software")
    SERVICE = "service", _("service")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SCREENING = "screening", _("screening")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    ASSESSMENT = "assessment", _("expert assessment")
    DECISION = "decision", _("decision")
    APPROVED = "approved", _("approved for pilot testing")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("application", "withdrawn")


# Under review, or sent back for changes: not decided and not withdrawn.
OPEN_STATUSES = (
    ApplicationStatus.SCREENING,
    ApplicationStatus.ASSESSMENT,
    ApplicationStatus.DECISION,
    ApplicationStatus.CHANGES_REQUESTED,
)


class FileCategory(models.TextChoices):
    TECHNICAL = "technical_documentation", _("technical documentation")
    TEST_RESULTS = "test_results", _("test results")
    REVIEWS = "reviews", _("reviews")
    PERMITS = "permits", _("permits")
    LAB_REPORT = "lab_report", _("laboratory report or test protocol")
    IP_DOCUMENTS = "ip_documents", _("intellectual property documents")
    PRESENTATION = "presentation", _("presentation")
    POWER_OF_ATTORNEY = "power_of_attorney", _("power of attorney")
    OTHER = "other", _("other")
    CONCLUSION = "conclusion", _("conclusion on the results of the pilot test")

    @classmethod
    def applicant_choices(cls):
        """The categories an applicant uploads to (the conclusion is the company's)."""
        return [
            (value, label) for value, label in cls.choices if value != cls.CONCLUSION
        ]


class Subsidiary(models.Model):
    """A subsidiary or asset of the group where a proposal may apply; editors keep the
    list (names in each language of the site)."""

    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    is_active = models.BooleanField(_("offered in the form"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name_ru"),
        FieldPanel("name_kk"),
        FieldPanel("name_en"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("subsidiary or asset")
        verbose_name_plural = _("subsidiaries and assets")
        ordering = ["sort_order", "name_ru"]

    def __str__(self):
        language = (translation.get_language() or "ru")[:2]
        return getattr(self, f"name_{language}", "") or self.name_ru


def application_file_name(instance, filename):
    """A name made by the server; the person's own file name is kept in another field."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/{uuid.uuid4().hex}.{extension}"


class Application(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    """An application for pilot industrial testing of an innovative proposal.

    The applicant fills it step by step (the row holds the draft); each submission saves
    a revision and sends it through the "Application review" workflow. "Live" means
    approved for pilot testing. ``status`` is kept by ``submissions.applications.review``."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    step = models.PositiveSmallIntegerField(_("step to resume at"), default=1)

    # 1. the proposal
    title = models.CharField(_("title of the proposal"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ApplicationKind.choices, blank=True
    )
    summary = models.TextField(_("short description"), blank=True)
    problem = models.TextField(_("problem it solves"), blank=True)
    subsidiary = models.ForeignKey(
        Subsidiary,
        verbose_name=_("subsidiary or asset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    application_area = models.CharField(
        _("where in the group it applies"), max_length=255, blank=True
    )
    technology_request = models.ForeignKey(
        "submissions.TechnologyRequestPage",
        verbose_name=_("technology request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("The request the proposal answers; empty for a free proposal."),
    )
    # The request's own questions as the applicant was asked them, with the answers:
    # {question id: {"question": text, "kind": type, "answer": value}}
    request_answers = models.JSONField(
        _("answers to the request's questions"), default=dict, blank=True
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level (TRL)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    # 2. applicability and value
    applicability_criteria = models.TextField(_("applicability criteria"), blank=True)
    expected_value = models.TextField(_("expected value for the group"), blank=True)
    # 3. prior tests
    prior_tests = models.TextField(_("prior tests and their results"), blank=True)
    reviews = models.TextField(_("reviews"), blank=True)
    public_links = models.TextField(_("public materials (links)"), blank=True)
    # 4. permits and protection
    permits = models.TextField(_("permits"), blank=True)
    lab_report = models.TextField(_("laboratory report or test protocol"), blank=True)
    ip_protection = models.TextField(_("intellectual property protection"), blank=True)
    # 6. submission
    rights_confirmed = models.BooleanField(
        _("the applicant holds the rights to what they upload"), default=False
    )

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications_in_charge",
    )
    experts = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned experts"),
        blank=True,
        related_name="assigned_applications",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            # the register's default order, and the report's months
            models.Index(fields=["-updated_at", "-id"], name="application_last_change"),
            models.Index(fields=["submitted_at"], name="application_submitted"),
            # the register filtered by status (the admin home's links) and kind, the
            # home's counts by status, and the report's counts (all it reads is here)
            models.Index(
                fields=["status", "kind", "subsidiary", "submitted_at"],
                name="application_counts",
            ),
        ]

    def __str__(self):
        title = self.title or _("Untitled application")
        if self.applicant_blocked:
            title = _("blocked")  # a title may name the organization
        return f"{self.reference} · {title}" if self.reference else str(title)

    @staticmethod
    def counted(count):
        """The register's count in words, with each language's plural forms."""
        return ngettext("%(count)s application", "%(count)s applications", count) % {
            "count": count
        }

    def with_content_json(self, content):
        """A revision holds what the applicant sent; what the review decided (status,
        experts, decision date) stays as it is now when a revision is published."""
        obj = super().with_content_json(content)
        obj.status = self.status
        obj.decided_at = self.decided_at
        obj.experts.set(list(self.experts.all()))
        obj.reviewer_id = self.reviewer_id
        return obj

    @property
    def is_editable_by_applicant(self):
        return self.status in (
            ApplicationStatus.DRAFT,
            ApplicationStatus.CHANGES_REQUESTED,
        )

    @property
    def may_get_conclusion(self):
        """A conclusion on the pilot test is filed for an approved application."""
        return self.status == ApplicationStatus.APPROVED

    @property
    def is_open(self):
        """Under review, or sent back for changes: not decided and not withdrawn."""
        return self.status in OPEN_STATUSES

    @property
    def title_display(self):
        """The title as staff registers show it: "blocked" while the applicant is."""
        return _("blocked") if self.applicant_blocked else self.title

    @property
    def applicant_blocked(self):
        profile = getattr(self.applicant, "applicant_profile", None)
        return profile is not None and profile.is_blocked

    @property
    def organization_name(self):
        """What an expert may know of the applicant: the organization, or "individual"."""
        profile = getattr(self.applicant, "applicant_profile", None)
        if profile is not None and profile.is_blocked:
            return _("blocked")
        if profile is not None and profile.organization:
            return profile.organization
        return _("individual")

    @property
    def experts_display(self):
        return ", ".join(str(expert) for expert in self.experts.all())

    @property
    def applicant_email(self):
        return _("blocked") if self.applicant_blocked else self.applicant.email

    @property
    def applicant_name(self):
        """The person who applies (or the head of the legal entity): reviewers only."""
        profile = getattr(self.applicant, "applicant_profile", None)
        if profile is not None and profile.is_blocked:
            return _("blocked")
        return profile.full_name if profile is not None else str(self.applicant)

    @property
    def public_link_list(self):
        return [line.strip() for line in self.public_links.splitlines() if line.strip()]


class ApplicationFile(models.Model):
    """A file of an application: stored privately under a name the server makes, with
    what the portal checked about it."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    category = models.CharField(
        _("category"), max_length=30, choices=FileCategory.choices
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=application_file_name
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("detected type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    answers = models.ForeignKey(
        "ApplicationMessage",
        verbose_name=_("answers the request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="files",
    )

    class Meta:
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        ordering = ["category", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ApplicationMessage(models.Model):
    """A message in an application's thread. Internal notes are the reviewers' own and
    never shown to the applicant; a request for materials names the file category the
    applicant is asked to upload."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"))
    internal = models.BooleanField(_("internal note"), default=False)
    requested_category = models.CharField(
        _("materials requested"),
        max_length=30,
        choices=FileCategory.applicant_choices(),
        blank=True,
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]

    @property
    def from_applicant(self):
        return self.author_id == self.application.applicant_id

    @property
    def is_open_request(self):
        return bool(self.requested_category) and self.answered_at is None


# The criteria an expert scores, by key: each is a score column of ExpertAssessment (and
# its comment, ``<key>_comment``) and one row of the rubric editors word.
CRITERIA = ("novelty", "group_fit", "economic_effect", "safety", "readiness")


class AssessmentCriterion(LocalizedTextMixin, models.Model):
    """One criterion of the experts' rubric as editors word it, in each language of the
    site: its name, what it assesses, and what a score of 1, 3 and 5 means (2 and 4 lie
    between). The criteria themselves are fixed (``CRITERIA``: the scores are stored
    by key), so editors change the words, never add or remove a criterion."""

    key = models.CharField(
        _("criterion"),
        max_length=30,
        unique=True,
        editable=False,
        choices=[(key, key) for key in CRITERIA],
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description_ru = models.TextField(_("what it assesses (Russian)"), blank=True)
    description_kk = models.TextField(_("what it assesses (Kazakh)"), blank=True)
    description_en = models.TextField(_("what it assesses (English)"), blank=True)
    score_1_ru = models.TextField(_("1 means (Russian)"), blank=True)
    score_1_kk = models.TextField(_("1 means (Kazakh)"), blank=True)
    score_1_en = models.TextField(_("1 means (English)"), blank=True)
    score_3_ru = models.TextField(_("3 means (Russian)"), blank=True)
    score_3_kk = models.TextField(_("3 means (Kazakh)"), blank=True)
    score_3_en = models.TextField(_("3 means (English)"), blank=True)
    score_5_ru = models.TextField(_("5 means (Russian)"), blank=True)
    score_5_kk = models.TextField(_("5 means (Kazakh)"), blank=True)
    score_5_en = models.TextField(_("5 means (English)"), blank=True)

    panels = [
        language_panels("name", _("Name")),
        language_panels("description", _("What it assesses")),
        language_panels("score_1", _("A score of 1 means")),
        language_panels("score_3", _("A score of 3 means")),
        language_panels("score_5", _("A score of 5 means")),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return str(self.name)

    @property
    def name(self):
        """The name in the current language; the score's own label if nobody wrote
        one."""
        written = self.in_current_language("name")
        if written:
            return written
        return ExpertAssessment._meta.get_field(self.key).verbose_name.capitalize()

    @property
    def description(self):
        return self.in_current_language("description")

    def meaning(self, score):
        """What ``score`` (1, 3 or 5) means, in the current language; "" for 2 and 4."""
        if score not in (1, 3, 5):
            return ""
        return self.in_current_language(f"score_{score}")


class ExpertAssessment(models.Model):
    """One expert's structured assessment of an application, in one round of the
    "Expert assessment" task: a score on each criterion with the expert's comment on
    it, a recommendation and an overall comment."""

    SCORES = CRITERIA
    RECOMMEND = "recommend"
    CONDITIONS = "conditions"
    NOT_RECOMMEND = "not_recommend"
    RECOMMENDATIONS = [
        (RECOMMEND, _("recommend for pilot testing")),
        (CONDITIONS, _("recommend with conditions")),
        (NOT_RECOMMEND, _("do not recommend")),
    ]

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    task_state = models.ForeignKey(
        TaskState,
        verbose_name=_("assessment round"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    novelty = models.PositiveSmallIntegerField(
        _("technical novelty"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    group_fit = models.PositiveSmallIntegerField(
        _("fit for the group"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    economic_effect = models.PositiveSmallIntegerField(
        _("economic effect"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    safety = models.PositiveSmallIntegerField(
        _("safety and environment"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    readiness = models.PositiveSmallIntegerField(
        _("readiness"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=RECOMMENDATIONS
    )
    novelty_comment = models.TextField(_("comment on technical novelty"), blank=True)
    group_fit_comment = models.TextField(
        _("comment on the fit for the group"), blank=True
    )
    economic_effect_comment = models.TextField(
        _("comment on the economic effect"), blank=True
    )
    safety_comment = models.TextField(
        _("comment on safety and environment"), blank=True
    )
    readiness_comment = models.TextField(_("comment on readiness"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("expert assessment")
        verbose_name_plural = _("expert assessments")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "expert"], name="one_assessment_per_round"
            )
        ]

    def __str__(self):
        return f"{self.expert} · {self.application}"

    @property
    def average(self):
        return sum(getattr(self, name) for name in self.SCORES) / len(self.SCORES)

    def comment_on(self, key):
        """The expert's comment on the criterion ``key``."""
        return getattr(self, f"{key}_comment")


class Disclosure(models.Model):
    """An expert given access to an application, or having it taken away (policy 4.2:
    personal data disclosed only as far as the assessment needs): who, what, by whom,
    when. The log of disclosures also holds the experts' declarations of independence:
    before the dossier opens, the assigned expert declares in their own words
    (``statement``) that they have no conflict of interest with the applicant, or
    declares one, or declines the assignment (``DECLARATIONS``; ``by`` is the expert)."""

    GRANTED = "granted"
    REVOKED = "revoked"
    NO_CONFLICT = "no_conflict"
    CONFLICT = "conflict"
    DECLINED = "declined"
    ACTIONS = [
        (GRANTED, _("access given")),
        (REVOKED, _("access taken away")),
        (NO_CONFLICT, _("declared no conflict of interest")),
        (CONFLICT, _("declared a conflict of interest")),
        (DECLINED, _("declined the assignment")),
    ]
    DECLARATIONS = (NO_CONFLICT, CONFLICT, DECLINED)
    # a conflict or a decline ends the expert's access to the application
    WITHDRAWALS = (CONFLICT, DECLINED)

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="disclosures",
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="disclosures_received",
    )
    action = models.CharField(_("action"), max_length=20, choices=ACTIONS)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="disclosures_made",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    statement = models.TextField(
        _("the expert's words"),
        blank=True,
        help_text=_(
            "A declaration's words, the expert's own: why they have no conflict of "
            "interest, what their conflict is, or why they decline."
        ),
    )

    class Meta:
        verbose_name = _("disclosure to an expert")
        verbose_name_plural = _("disclosures to experts")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.expert} · {self.application}"


class ReferenceCounter(models.Model):
    """The last reference number given in a year (OPI-<year>-<number>)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")

    def __str__(self):
        return f"{self.year}: {self.last}"


# --- the tasks of the "Application review" workflow ---------------------------------------


# --- the application form page ------------------------------------------------------------
