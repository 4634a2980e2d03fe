"""Technology requests: the problems the group's companies want solved, published by
editors under a "Technology requests" index (three languages, the editors' approval
workflow like any page), each open for proposals between two dates.

A request never holds a person's contacts: its page shows the OPI Center's, from the
portal settings. Applications made to a request point at the request in the default
language (``original``), so that the register counts one request once whatever language
the applicant read it in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from home.generation import without_restricted
from home.models import KnownRestrictionsPage
from submissions.models.applications import Subsidiary
from submissions.technology_requests.approval import RequestPermissionTester
from submissions.technology_requests.blocks import QuestionsBlock
from submissions.technology_requests.choices import RequestStatus, TechnologyArea
from submissions.technology_requests.forms import RequestFilterForm
from submissions.technology_requests.results import published_proposals

__all__ = ["TechnologyRequestIndexPage", "TechnologyRequestPage"]


class TechnologyRequestIndexPage(KnownRestrictionsPage):
    """/requests/: the technology requests, open ones first, with filters."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["submissions.TechnologyRequestPage"]
    max_count = 1

    class Meta:
        verbose_name = _("technology requests index page")

    def requests(self):
        """The live, public requests below this index, those still open first (closing
        soonest first), then the closed ones (closed last first)."""
        today = timezone.localdate()
        return (
            without_restricted(TechnologyRequestPage.objects.child_of(self).live())
            .select_related("subsidiary")
            .annotate(
                closed=models.Case(
                    models.When(closing_on__lt=today, then=models.Value(1)),
                    default=models.Value(0),
                    output_field=models.IntegerField(),
                )
            )
            .order_by("closed", "closing_on", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = RequestFilterForm(request.GET or None)
        requests = form.filter(self.requests())
        items = Paginator(requests, settings.INDEX_ITEMS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(
            filters=form,
            items=items,
            query_param=form.query_string(),
            filtered=form.is_bound and form.has_filters(),
        )
        return context


class TechnologyRequestPage(KnownRestrictionsPage):
    """One technology request: the problem, where, the conditions, what a solution must
    show, the dates, the request's own questions, and its results once published."""

    summary = models.TextField(
        _("short description"),
        max_length=600,
        help_text=_("Shown in the list of requests and in search results."),
    )
    problem = RichTextField(_("the problem"))
    subsidiary = models.ForeignKey(
        Subsidiary,
        verbose_name=_("subsidiary"),
        on_delete=models.PROTECT,
        related_name="technology_requests",
    )
    asset = models.CharField(
        _("asset"),
        max_length=255,
        blank=True,
        help_text=_("The field, plant or facility where the solution would work."),
    )
    area = models.CharField(
        _("technology area"), max_length=20, choices=TechnologyArea.choices
    )
    conditions = RichTextField(_("conditions and constraints"), blank=True)
    solution_requirements = RichTextField(_("what a solution must show"))
    open_from = models.DateField(_("open for proposals from"))
    closing_on = models.DateField(
        _("closing date"),
        help_text=_("The last day a proposal can be submitted (Astana time)."),
    )
    questions = StreamField(
        QuestionsBlock(),
        verbose_name=_("the request's own questions"),
        blank=True,
        help_text=_(
            "Asked in the application form in addition to its own questions. A file "
            "question asks for an attachment in its category."
        ),
    )
    results = RichTextField(
        _("results"),
        blank=True,
        help_text=_(
            "Published when the request is decided. The applicants to the request are "
            "told by e-mail the first time results are published; approved proposals "
            "are listed only with their applicant's consent."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("subsidiary"),
                FieldPanel("asset"),
                FieldPanel("area"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("problem"),
        FieldPanel("conditions"),
        FieldPanel("solution_requirements"),
        FieldRowPanel(
            [FieldPanel("open_from"), FieldPanel("closing_on")],
            heading=_("Dates"),
        ),
        FieldPanel("questions"),
        FieldPanel("results"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("asset"),
        index.SearchField("conditions"),
        index.SearchField("solution_requirements"),
        index.FilterField("closing_on"),
    ]

    parent_page_types = ["submissions.TechnologyRequestIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("technology request")
        verbose_name_plural = _("technology requests")

    def permissions_for_user(self, user):
        return RequestPermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.open_from and self.closing_on and self.closing_on < self.open_from:
            raise ValidationError(
                {
                    "closing_on": _(
                        "The closing date cannot come before the opening date."
                    )
                }
            )

    @property
    def status(self):
        if self.results_published:
            return RequestStatus.RESULTS
        today = timezone.localdate()
        if today < self.open_from:
            return RequestStatus.UPCOMING
        if today > self.closing_on:
            return RequestStatus.CLOSED
        return RequestStatus.OPEN

    @property
    def status_label(self):
        return RequestStatus(self.status).label

    @property
    def is_open(self):
        return self.status == RequestStatus.OPEN

    @property
    def results_published(self):
        return bool(self.results and self.results.strip())

    @property
    def original(self):
        """This request in the default language (where applications point)."""
        return self.in_language(Locale.get_default())

    def in_language(self, locale=None):
        """This request as written in ``locale`` (the active language's by default), or
        itself when it has no such translation."""
        locale = locale or Locale.get_active()
        if self.locale_id == locale.pk:
            return self
        return self.get_translation_or_none(locale) or self

    def file_questions(self):
        return [block for block in self.questions if block.block_type == "file"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["proposals"] = (
            published_proposals(self.original) if self.results_published else []
        )
        return context
