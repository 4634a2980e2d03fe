"""The portal's privacy policy page (issue 3 adds its frozen editions and the consent ledger)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import PolicyBodyBlock


class PolicyPage(Page):
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
