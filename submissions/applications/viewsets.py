"""The register of applications (reviewers see the submitted ones, experts their
assigned ones), the one-screen dossier, and the subsidiaries editors keep."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.active_filters import (
    ModelChoiceFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView
from wagtail.snippets.views.snippets import SnippetViewSet

from core.registers import (
    LoggedExportMixin,
    PersonalDataViewSet,
    PolicyCheckedIndexView,
    WorkflowActionEditView,
    read_only,
)
from submissions.applications.apply import answers_by_step
from submissions.applications.changes import marked_answers
from submissions.applications.panels import ApplicationDossierPanel, dossier_context
from submissions.files import record_access
from submissions.models.access_log import AccessLog
from submissions.models.applications import (
    Application,
    ApplicationStatus,
    AssessmentCriterion,
    Subsidiary,
)
from submissions.models.registrations import PersonType, without_blocked_applicants
from submissions.permissions import is_application_reviewer, sees_applicant_details
from submissions.technology_requests.pages import TechnologyRequestPage


class ChoiceOrNoneFilter(django_filters.ModelChoiceFilter):
    """A choice among records, or "none" (its ``null_label``)."""


class ChoiceOrNoneFilterAdapter(ModelChoiceFilterAdapter):
    """The applied filter's chip says "none" in words (Wagtail's would read "null")."""

    def get_active_filters(self):
        for active in super().get_active_filters():
            if self.value == self.filter.null_value:
                active = active._replace(value=str(self.filter.field.null_label))
            yield active


register_filter_adapter_class(ChoiceOrNoneFilter, ChoiceOrNoneFilterAdapter)


class ApplicationFilterSet(WagtailFilterSet):
    # unticked is the default (initial False), so an unfiltered list shows no filter applied
    assigned_to_me = django_filters.BooleanFilter(
        label=_("Assigned to me"),
        method="filter_assigned_to_me",
        widget=forms.CheckboxInput,
        initial=False,
    )
    person_type = django_filters.ChoiceFilter(
        label=_("person type"),
        field_name="applicant__applicant_profile__person_type",
        choices=PersonType.choices,
    )
    is_resident = django_filters.BooleanFilter(
        label=_("resident of Kazakhstan"),
        field_name="applicant__applicant_profile__is_resident",
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("submitted at"), widget=DateRangePickerWidget
    )
    technology_request = ChoiceOrNoneFilter(
        label=_("Technology request"),
        field_name="technology_request",
        queryset=lambda request: requests_with_applications(),
        null_label=_("No request (a free proposal)"),
    )

    class Meta:
        model = Application
        fields = [
            "status",
            "kind",
            "subsidiary",
            "person_type",
            "is_resident",
            "submitted_at",
            "technology_request",
            "assigned_to_me",
        ]

    def filter_assigned_to_me(self, queryset, name, value):
        """The reviewer's own applications, or the expert's."""
        if not value:
            return queryset
        user = self.request.user
        return queryset.filter(Q(reviewer=user) | Q(experts=user)).distinct()


def requests_with_applications():
    """The technology requests (in the default language, where applications point) that
    have a submitted application, for the register's filter: a choice never leads to
    nothing."""
    return TechnologyRequestPage.objects.filter(
        pk__in=Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .filter(technology_request__isnull=False)
        .values("technology_request")
    ).order_by("title")


# Columns and export fields with the applicant's personal data: reviewers only.
PERSONAL_COLUMNS = {"applicant_name", "applicant_email"}
# What an expert may search the register by: never an e-mail, a BIN/IIN or a name.
SEARCHABLE_BY_ANYONE = {"reference", "title"}


class ApplicationIndexView(LoggedExportMixin, PolicyCheckedIndexView):
    """The register of applications: what the user may see (all submitted ones for
    reviewers, their assigned ones for experts), and for experts no personal data in
    the columns or the export."""

    def exportable(self, queryset):
        return without_blocked_applicants(queryset, "applicant__applicant_profile")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "applicant__applicant_profile", "subsidiary", "technology_request"
            )
            # not joined: a search's rows are underestimated, and PostgreSQL would then
            # look the reviewer up among all users for each row found
            .prefetch_related("experts", "reviewer")
        )

    def get_inspect_url(self, instance):
        """Experts open an application on their own screen, never Wagtail's views."""
        if sees_applicant_details(self.request.user):
            return super().get_inspect_url(instance)
        return reverse("application_assessment", args=[instance.pk])

    @cached_property
    def columns(self):
        columns = super().columns
        if sees_applicant_details(self.request.user):
            return columns
        return [c for c in columns if getattr(c, "name", "") not in PERSONAL_COLUMNS]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not sees_applicant_details(request.user):
            self.list_export = [
                name for name in self.list_export if name not in PERSONAL_COLUMNS
            ]
            # nobody who may not see the person finds an application by them
            self.search_fields = [
                name for name in self.search_fields if name in SEARCHABLE_BY_ANYONE
            ]


class ApplicationInspectView(SnippetInspectView):
    """The one-screen dossier: the answers by step and everything around them, with who
    did what and when; printable for the committee. Only for those who may see the
    application, and each opening is in the access log."""

    template_name = "submissions/admin/application_inspect.html"

    def get(self, request, *args, **kwargs):
        record_access(request, self.object, AccessLog.VIEW, str(self.object))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context.update(dossier_context(application, self.request.user))
        context["answers"] = answers_by_step(application)
        context["marked_answers"] = marked_answers(application, context["changes"])
        context["history"] = (
            ModelLogEntry.objects.for_instance(application)
            .select_related("user")
            .order_by("timestamp")
            if sees_applicant_details(self.request.user)
            else []
        )
        return context


class ApplicationViewSet(PersonalDataViewSet):
    model = Application
    edit_view_class = WorkflowActionEditView
    icon = "doc-full-inverse"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    list_display = [
        "reference",
        Column("title_display", label=_("Proposal"), sort_key="title"),
        Column("technology_request", label=_("Technology request")),
        Column("organization_name", label=_("Organization")),
        Column("applicant_name", label=_("Applicant")),
        "status",
        Column("reviewer", label=_("Reviewer")),
        Column("experts_display", label=_("Experts")),
        "submitted_at",
        "updated_at",
    ]
    list_per_page = 50
    inspect_view_enabled = True
    # what anyone who may see the application may read (no personal data of the applicant)
    inspect_view_fields = [
        "reference",
        "status",
        "title",
        "kind",
        "summary",
        "problem",
        "subsidiary",
        "application_area",
        "trl",
        "applicability_criteria",
        "expected_value",
        "prior_tests",
        "reviews",
        "public_links",
        "permits",
        "lab_report",
        "ip_protection",
        "submitted_at",
        "decided_at",
    ]
    filterset_class = ApplicationFilterSet
    search_fields = [
        "reference",
        "title",
        "applicant__email",
        "applicant__applicant_profile__organization",
        "applicant__applicant_profile__bin_iin",
    ]
    list_export = [
        "reference",
        "title",
        "kind",
        "technology_request",
        "status",
        "organization_name",
        "applicant_name",
        "applicant_email",
        "experts_display",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {
        "technology_request": _("Technology request"),
        "organization_name": _("Organization"),
        "applicant_name": _("Applicant"),
        "applicant_email": _("E-mail"),
        "experts_display": _("Experts"),
    }
    export_filename = "applications"
    panels = [
        ApplicationDossierPanel(heading=_("Dossier")),
        MultiFieldPanel(
            [
                read_only("title"),
                read_only("kind"),
                read_only("summary"),
                read_only("problem"),
                FieldRowPanel([read_only("subsidiary"), read_only("application_area")]),
                read_only("trl"),
            ],
            heading=_("1. The proposal"),
        ),
        MultiFieldPanel(
            [read_only("applicability_criteria"), read_only("expected_value")],
            heading=_("2. Applicability and value"),
        ),
        MultiFieldPanel(
            [read_only("prior_tests"), read_only("reviews"), read_only("public_links")],
            heading=_("3. Prior tests"),
        ),
        MultiFieldPanel(
            [read_only("permits"), read_only("lab_report"), read_only("ip_protection")],
            heading=_("4. Permits and protection"),
        ),
    ]


class SubsidiaryViewSet(SnippetViewSet):
    model = Subsidiary
    icon = "site"
    menu_label = _("Subsidiaries and assets")
    list_display = ["name_ru", "name_kk", "name_en", "is_active", "sort_order"]


class AssessmentCriterionViewSet(SnippetViewSet):
    """The experts' rubric as editors word it: each criterion's name, what it assesses
    and what 1, 3 and 5 mean, in each language (the criteria are fixed:
    ``submissions.applications.rubric``)."""

    model = AssessmentCriterion
    icon = "list-ol"
    menu_label = _("Assessment criteria")
    list_display = ["name_ru", "name_kk", "name_en", "sort_order"]


class PipelineReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_application_reviewer(request.user)
