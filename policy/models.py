"""The privacy policy: the page editors write, and the frozen editions people consent to."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
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

from home.models import KnownRestrictionsPage
from policy import chain
from policy.approval import PolicyPermissionTester
from policy.blocks import PolicyBodyBlock
from policy.comparison import compare_editions


class PolicyPage(RoutablePageMixin, KnownRestrictionsPage):
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

        # two exact lookups, not number__in: Django answers an exact lookup past the
        # column's range with no row, while an IN list of such numbers fails
        editions = {
            e.number: e
            for e in self.editions.filter(Q(number=number) | Q(number=number - 1))
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

    @property
    def language_code(self):
        """The language of this edition's text (its page's locale)."""
        return self.page.locale.language_code

    def get_requires_renewed_consent_display(self):
        return gettext("Yes") if self.requires_renewed_consent else gettext("No")


class ConsentRecordQuerySet(models.QuerySet):
    """The ledger's rows: read freely, never updated or deleted in bulk. The two changes
    the ledger allows have their own methods, the database's guard (the triggers of
    migration 0013) refusing everything else too."""

    def update(self, **kwargs):
        raise ImmutableRecordError(
            "Consent records are evidence and are not updated: a withdrawal is recorded "
            "with policy.consent.withdraw_consents, the person's pseudonym with "
            "policy.consent.pseudonymise_consents."
        )

    def delete(self):
        raise ImmutableRecordError(
            "Consent records are evidence and are never deleted, not even in bulk."
        )

    def bulk_update(self, objs, fields, *args, **kwargs):
        self.update()  # refused, before Django opens a transaction for it

    def bulk_create(self, objs, *args, **kwargs):
        raise ImmutableRecordError(
            "Consent records are appended one at a time, each chained to the one "
            "before it (policy.consent.record_consent)."
        )

    def withdraw(self, reason="", at=None):
        """Mark the records of this queryset that are not withdrawn yet withdrawn ``at``
        (now) for ``reason``; those already withdrawn stay as they were. Returns how
        many were withdrawn."""
        at = at or timezone.now()
        count = 0
        with transaction.atomic():
            # The head's lock first: withdrawals and appends queue behind one another.
            ConsentLedgerHead.lock()
            for record in self.filter(withdrawn_at__isnull=True).order_by("sequence"):
                record.withdrawn_at, record.withdrawal_reason = at, reason
                count += models.QuerySet.update(
                    ConsentRecord.objects.filter(
                        pk=record.pk, withdrawn_at__isnull=True
                    ),
                    withdrawn_at=at,
                    withdrawal_reason=reason,
                    withdrawal_hash=chain.withdrawal_hash(record),
                )
            if count:
                ConsentLedgerHead.objects.filter(pk=ConsentLedgerHead.PK).update(
                    withdrawals=F("withdrawals") + count
                )
        return count

    def pseudonymise_person(self, user, pseudonym):
        """The one pseudonymisation of ``user`` in the ledger: on every record of theirs
        the e-mail becomes ``pseudonym`` and the network and browser the consent came
        from are erased (with their hash). What was agreed, when, and its hash stay, so
        the chain still proves the consent and its withdrawal. Records already
        pseudonymised stay as they are. Returns how many were changed."""
        return self._pseudonymise(ConsentRecord.objects.filter(user=user), pseudonym)

    def pseudonymise_address(self, address, pseudonym):
        """The same for a person the ledger knows only by the address they consented
        with, without an account (the person an applicant represents)."""
        rows = ConsentRecord.objects.filter(user__isnull=True, email__iexact=address)
        return self._pseudonymise(rows, pseudonym)

    @staticmethod
    def _pseudonymise(rows, pseudonym):
        if not chain.is_pseudonym(pseudonym):
            raise ValueError(f"{pseudonym!r} is not a pseudonym")
        rows = rows.exclude(email__iendswith=f"@{chain.PSEUDONYM_DOMAIN}")
        return models.QuerySet.update(
            rows, email=pseudonym, user_agent="", network=None, evidence_hash=""
        )


class ConsentRecord(models.Model):
    """One consent a person gave, against the exact edition and text they were shown.

    Append-only evidence: made only by ``policy.consent.record_consent``, each row
    chained to the row before it by its hash (``policy.chain``); changed only to record
    a withdrawal, once, and to replace the person by their pseudonym, once; never
    deleted. The database refuses anything else (triggers of migration 0013), and
    ``manage.py verify_consent_ledger`` finds a row changed, removed or inserted behind
    its back. Accounts are anonymised, never deleted: an account with consents cannot be
    deleted (``PROTECT``)."""

    POLICY_ACCEPTANCE = "policy_acceptance"
    PERSONAL_DATA_PROCESSING = "personal_data_processing"
    # an approved proposal named in a technology request's results (one per application)
    PUBLICATION_IN_RESULTS = "publication_in_results"
    PURPOSES = [
        (POLICY_ACCEPTANCE, _("acceptance of the privacy policy")),
        (PERSONAL_DATA_PROCESSING, _("consent to the processing of personal data")),
        (
            PUBLICATION_IN_RESULTS,
            _("consent to be named in the results of a technology request"),
        ),
    ]
    # the two consents of a registration and of a renewal
    POLICY_PURPOSES = (POLICY_ACCEPTANCE, PERSONAL_DATA_PROCESSING)
    WITHDRAWAL_FIELDS = ("withdrawn_at", "withdrawal_reason", "withdrawal_hash")

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
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
    # NULL on the rows made before it existed (chain format 1), set on every new one
    language = models.CharField(
        _("language of the text shown"),
        max_length=8,
        null=True,
        blank=True,
        editable=False,
        choices=settings.LANGUAGES,
        help_text=_(
            "The language of the edition's text the person read and agreed to; its "
            "hash is that text's own."
        ),
    )
    purpose = models.CharField(_("purpose"), max_length=32, choices=PURPOSES)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    network = models.CharField(
        _("IP network"),
        max_length=49,
        null=True,
        blank=True,
        help_text=_(
            "The network the consent came from (a /24 or /48), never the address."
        ),
    )
    user_agent = models.TextField(_("browser (user agent)"), blank=True)
    form_name = models.CharField(_("form"), max_length=100)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    # the chain (policy.chain)
    sequence = models.PositiveBigIntegerField(
        _("ledger row"), unique=True, editable=False
    )
    person_digest = models.CharField(
        _("person (keyed digest)"), max_length=64, editable=False
    )
    previous_hash = models.CharField(
        _("hash of the previous row"), max_length=64, editable=False
    )
    record_hash = models.CharField(_("record hash"), max_length=64, editable=False)
    evidence_hash = models.CharField(
        _("hash of the network and browser"), max_length=64, blank=True, editable=False
    )
    withdrawal_hash = models.CharField(
        _("hash of the withdrawal"), max_length=64, blank=True, editable=False
    )

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["email", "purpose"])]
        # Django's own updates and related lookups go through the guarded queryset too
        base_manager_name = "objects"

    def __str__(self):
        return f"{self.email} — {self.get_purpose_display()} ({self.edition})"

    def save(self, *args, **kwargs):
        """A new record is appended to the chain; an existing one never changes here."""
        if not self._state.adding:
            raise ImmutableRecordError(
                "A consent record is evidence: only withdraw_consents and "
                "pseudonymise_consents change it, once each."
            )
        with transaction.atomic():
            head = ConsentLedgerHead.claim_next_row()
            self.sequence = head.length
            self.previous_hash = head.last_hash
            if not self.language:
                self.language = self.edition.language_code
            self.person_digest = chain.person_digest(self.user_id, self.email)
            self.record_hash = chain.record_hash(self, self.edition.number)
            self.evidence_hash = chain.evidence_hash(self)
            self.withdrawal_hash = chain.withdrawal_hash(self)
            super().save(*args, **kwargs)
            ConsentLedgerHead.objects.filter(pk=head.pk).update(
                last_hash=self.record_hash
            )

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("A consent record is evidence and is never deleted.")

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_pseudonymised(self):
        return chain.is_pseudonym(self.email)

    @property
    def shown_language(self):
        """The language of the text the person was shown: as recorded, or for a row
        made before the ledger recorded it, the language of its edition's page (each
        language's edition is its own row)."""
        return self.language or self.edition.language_code


class ConsentLedgerHead(models.Model):
    """The end of the consent ledger, in one row: how many records it holds, the hash of
    the last, and how many withdrawals it has recorded. Appending a record takes this
    row's lock first, so that two consents at once never claim the same place; and the
    check of the ledger compares the rows with it (a last row removed, a row added
    behind the ledger's back, a withdrawal undone)."""

    PK = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=PK)
    length = models.PositiveBigIntegerField(_("records"), default=0)
    last_hash = models.CharField(
        _("hash of the last record"), max_length=64, default=chain.GENESIS
    )
    withdrawals = models.PositiveBigIntegerField(_("withdrawals"), default=0)

    class Meta:
        verbose_name = _("end of the consent ledger")
        verbose_name_plural = _("end of the consent ledger")

    def __str__(self):
        return f"{self.length} · {self.last_hash[:12]}"

    @classmethod
    def lock(cls):
        """Within the caller's transaction: take the head's lock (an UPDATE that changes
        nothing: PostgreSQL locks the row, SQLite takes its write lock)."""
        if not cls.objects.filter(pk=cls.PK).update(length=F("length")):
            cls.start()

    @classmethod
    def claim_next_row(cls):
        """Within the caller's transaction: lengthen the ledger by one and return the
        head as it now is (``length`` is the new row's number, ``last_hash`` the
        previous row's hash). The UPDATE comes first, so the row is locked before it is
        read (PostgreSQL) and the write lock taken at once (SQLite)."""
        if not cls.objects.filter(pk=cls.PK).update(length=F("length") + 1):
            cls.start()
            cls.objects.filter(pk=cls.PK).update(length=F("length") + 1)
        return cls.objects.get(pk=cls.PK)

    @classmethod
    def start(cls):
        """The head of a ledger that has none (a database emptied outside the
        migrations, as the test suite's flush does): from the rows there are."""
        last = ConsentRecord.objects.order_by("-sequence").first()
        cls.objects.get_or_create(
            pk=cls.PK,
            defaults={
                "length": last.sequence if last else 0,
                "last_hash": last.record_hash if last else chain.GENESIS,
                "withdrawals": ConsentRecord.objects.filter(
                    withdrawn_at__isnull=False
                ).count(),
            },
        )


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
