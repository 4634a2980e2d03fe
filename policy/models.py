"""The privacy policy: the page editors write, and the frozen editions people consent to."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from policy.approval import PolicyPermissionTester
from policy.blocks import PolicyBodyBlock
from policy.comparison import compare_editions


class PolicyPage(RoutablePageMixin, Page):
    """The one privacy policy of the site: its approval details, numbered sections and
    the consent statement a person agrees to."""

    document_code = models.CharField(
        _("document code"),
        max_length=64,
        help_text=_("For example KMGE-GD-471.1-21/14."),
    )
    approval_order_number = models.CharField(_("approval order number"), max_length=64)
    approval_order_date = models.DateField(_("approval order date"))
    approved_by = models.CharField(
        _("approved by"),
        max_length=255,
        help_text=_(
            "Who approved the policy, for example the general director's order."
        ),
    )
    effective_date = models.DateField(_("effective date"))
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(PolicyBodyBlock(), verbose_name=_("sections"))
    consent_statement = RichTextField(
        _("consent statement"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("The text a person agrees to when they give consent."),
    )
    change_summary = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("A short summary of this edition's changes, shown to applicants."),
    )
    requires_renewed_consent = models.BooleanField(
        _("this edition requires renewed consent"), default=False
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("document_code"),
                FieldRowPanel(
                    [
                        FieldPanel("approval_order_number"),
                        FieldPanel("approval_order_date"),
                    ]
                ),
                FieldPanel("approved_by"),
                FieldPanel("effective_date"),
            ],
            heading=_("Approval"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("consent_statement"),
        MultiFieldPanel(
            [FieldPanel("change_summary"), FieldPanel("requires_renewed_consent")],
            heading=_("This edition"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1  # translations are made with "Translate", which does not count

    class Meta:
        verbose_name = _("privacy policy")

    def edition_in_force(self):
        """The newest edition whose effective date has come (or the first one, if none has)."""
        editions = self.editions.order_by("-number")
        today = timezone.localdate()
        return editions.filter(effective_from__lte=today).first() or editions.last()

    @path("")
    def current_edition(self, request):
        """/policy/: the frozen text of the edition in force. A preview shows the draft."""
        if getattr(request, "is_preview", False):
            return self.render(request)
        in_force = self.edition_in_force()
        return self.render(
            request, context_overrides={"edition": in_force, "in_force": in_force}
        )

    @path("editions/", name="editions")
    def edition_list(self, request):
        """/policy/editions/: every edition, newest first."""
        return self.render(
            request,
            template="policy/policy_editions.html",
            context_overrides={
                "editions": list(self.editions.order_by("-number")),
                "in_force": self.edition_in_force(),
            },
        )

    @path("editions/<int:number>/", name="edition")
    def edition_detail(self, request, number):
        """/policy/editions/<n>/: edition n, frozen, marked if it is not in force."""
        edition = self.editions.filter(number=number).first()
        if edition is None:
            raise Http404
        return self.render(
            request,
            context_overrides={"edition": edition, "in_force": self.edition_in_force()},
        )

    @path("editions/<int:number>/changes/", name="changes")
    def edition_changes(self, request, number):
        """/policy/editions/<n>/changes/: what edition n changed against edition n-1."""

        editions = {
            e.number: e for e in self.editions.filter(number__in=[number - 1, number])
        }
        if number not in editions or number - 1 not in editions:
            raise Http404
        return self.render(
            request,
            template="policy/policy_changes.html",
            context_overrides={
                "edition": editions[number],
                "comparison": compare_editions(editions[number - 1], editions[number]),
                "in_force": self.edition_in_force(),
            },
        )

    def permissions_for_user(self, user):
        return PolicyPermissionTester(user, self)

    def sections(self):
        """(number, anchor, heading, [(number, anchor, clause)]) for each section."""
        numbered = []
        for section_number, block in enumerate(self.body, start=1):
            clauses = [
                (f"{section_number}.{n}.", f"clause-{section_number}-{n}", clause)
                for n, clause in enumerate(block.value["clauses"], start=1)
            ]
            numbered.append(
                (
                    f"{section_number}.",
                    f"section-{section_number}",
                    block.value["heading"],
                    clauses,
                )
            )
        return numbered


class ImmutableRecordError(Exception):
    """Raised on an attempt to change or delete evidence: a published policy edition or a
    consent record (other than marking its withdrawal)."""


class PolicyEdition(models.Model):
    """The text of the policy exactly as it went live, frozen: people consent to an edition,
    and every edition stays readable at its own address for as long as the portal exists."""

    FROZEN_FIELDS = (
        "page_id",
        "number",
        "revision_id",
        "published_at",
        "effective_from",
        "title",
        "document_code",
        "text_html",
        "text_sha256",
        "consent_statement_html",
        "consent_statement_sha256",
        "change_summary",
        "requires_renewed_consent",
    )

    page = models.ForeignKey(
        PolicyPage,
        verbose_name=_("policy page"),
        on_delete=models.PROTECT,
        related_name="editions",
    )
    number = models.PositiveIntegerField(_("edition number"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"))
    effective_from = models.DateField(_("in force from"))
    title = models.CharField(_("title"), max_length=255)
    document_code = models.CharField(_("document code"), max_length=64)
    text_html = models.TextField(_("text"))
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    consent_statement_html = models.TextField(_("consent statement"))
    consent_statement_sha256 = models.CharField(
        _("SHA-256 of the consent statement"), max_length=64
    )
    change_summary = models.TextField(_("what changed"), blank=True)
    requires_renewed_consent = models.BooleanField(
        _("requires renewed consent"), default=False
    )

    class Meta:
        verbose_name = _("policy edition")
        verbose_name_plural = _("policy editions")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="policy_edition_number_unique"
            )
        ]

    def __str__(self):
        return _("Edition %(number)s of %(date)s") % {
            "number": self.number,
            "date": date_format(self.effective_from),
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = PolicyEdition.objects.filter(pk=self.pk).values(
                *self.FROZEN_FIELDS
            )
            stored = stored.first()
            if stored is None or any(
                stored[name] != getattr(self, name) for name in self.FROZEN_FIELDS
            ):
                raise ImmutableRecordError(
                    f"Policy edition {self.number} is frozen and cannot be changed."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(f"Policy edition {self.number} cannot be deleted.")

    def get_requires_renewed_consent_display(self):
        return gettext("Yes") if self.requires_renewed_consent else gettext("No")


class ConsentRecord(models.Model):
    """One consent a person gave, against the exact edition and text they were shown.

    Append-only evidence: made only by ``policy.consent.record_consent``, changed only to
    mark a withdrawal, never deleted. If the account goes, the record stays (user is set
    to null; the e-mail given at the time remains)."""

    POLICY_ACCEPTANCE = "policy_acceptance"
    PERSONAL_DATA_PROCESSING = "personal_data_processing"
    PURPOSES = [
        (POLICY_ACCEPTANCE, _("acceptance of the privacy policy")),
        (PERSONAL_DATA_PROCESSING, _("consent to the processing of personal data")),
    ]
    WITHDRAWAL_FIELDS = ("withdrawn_at", "withdrawal_reason")

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    email = models.EmailField(_("e-mail given"))
    edition = models.ForeignKey(
        PolicyEdition,
        verbose_name=_("policy edition"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    text_sha256 = models.CharField(_("SHA-256 of the text shown"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=32, choices=PURPOSES)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.TextField(_("browser (user agent)"), blank=True)
    form_name = models.CharField(_("form"), max_length=100)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["email", "purpose"])]

    def __str__(self):
        return f"{self.email} — {self.get_purpose_display()} ({self.edition})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = ConsentRecord.objects.filter(pk=self.pk).values().first()
            changed = {
                name
                for name, value in (stored or {}).items()
                if getattr(self, name) != value
            }
            if (
                stored is None
                or not changed <= set(self.WITHDRAWAL_FIELDS)
                or (stored["withdrawn_at"] is not None and changed)
            ):
                raise ImmutableRecordError(
                    "A consent record is evidence: only a withdrawal may be added to it."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("A consent record is evidence and is never deleted.")

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class EditionNotice(models.Model):
    """One e-mail telling an applicant about a new edition of the policy: queued when the
    edition goes live, then sent or failed. One per edition and address, so a retried
    announcement never writes to anyone twice."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    STATUSES = [(QUEUED, _("queued")), (SENT, _("sent")), (FAILED, _("failed"))]

    edition = models.ForeignKey(
        PolicyEdition,
        verbose_name=_("policy edition"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edition_notices",
    )
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"), max_length=10, choices=STATUSES, default=QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice of a new edition")
        verbose_name_plural = _("notices of new editions")
        ordering = ["-queued_at", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "email"], name="policy_edition_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.email} — {self.edition}"
