"""The reviewers' admin: registers of registrations and applications (moderated snippets
with read-only panels), the subsidiaries editors keep, reviewers' views on an application,
and the audit log's words for the review actions."""

import django_filters
from django import forms
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from privacy.models.data_requests import DataSubjectRequest
from submissions import home_panels as admin_panels
from submissions.access_log import AccessLog
from submissions.applications import admin_views
from submissions.applications.apply import answers_by_step
from submissions.applications.bulk_actions import (
    AssignExpertsBulkAction,
    AssignReviewerBulkAction,
    ExportSelectedBulkAction,
)
from submissions.applications.models import Application, Subsidiary
from submissions.files import record_access
from submissions.panels import (
    ApplicationDossierPanel,
    RegistrationCheckPanel,
    dossier_context,
)
from submissions.permissions import (
    is_application_reviewer,
    sees_applicant_details,
    visible_applications,
)
from submissions.registrations.models import (
    PersonType,
    RegistrationRequest,
    VerificationStatus,
)


class ReadOnlyPanel(FieldPanel):
    """A field reviewers read but never change; yes/no shown in words."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return super().format_value_for_display(value)


def read_only(name):
    return ReadOnlyPanel(name)


class LoggedExportMixin:
    """Exports of a register go to the audit log: who exported what, with which filters,
    how many rows."""

    blocked_filter = None  # the lookup of a blocked applicant, for exports

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.blocked_filter:
            queryset = queryset.exclude(**{self.blocked_filter: False})
        log(
            instance=self.request.user,
            action="opi.export",
            user=self.request.user,
            data={
                "what": str(self.model._meta.verbose_name_plural),
                "query": self.request.GET.urlencode()[:500],
                "rows": queryset.count(),
                "format": spreadsheet_format,
            },
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class RegistrationIndexView(LoggedExportMixin, SnippetIndexView):
    blocked_filter = "profile__blocked_at__isnull"


class RegistrationFilterSet(WagtailFilterSet):
    verification = django_filters.ChoiceFilter(
        label=_("Verification"),
        field_name="profile__status",
        choices=VerificationStatus.choices,
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("submitted at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = RegistrationRequest
        fields = ["verification", "person_type", "is_resident", "submitted_at"]


class RegistrationViewSet(SnippetViewSet):
    model = RegistrationRequest
    index_view_class = RegistrationIndexView
    icon = "user"
    menu_label = _("Registrations")
    list_display = [
        "__str__",
        "person_type",
        "bin_iin",
        Column("profile__status", label=_("Verification"), accessor="verification"),
        "submitted_at",
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["full_name", "email", "bin_iin", "organization"]
    list_export = [
        "email",
        "full_name",
        "person_type",
        "organization",
        "is_resident",
        "country",
        "bin_iin",
        "position",
        "phone",
        "submitted_at",
    ]
    export_filename = "registrations"

    def get_queryset(self, request):
        return RegistrationRequest.objects.select_related("profile")

    panels = [
        RegistrationCheckPanel(heading=_("Check")),
        MultiFieldPanel(
            [
                FieldRowPanel([read_only("person_type"), read_only("email")]),
                read_only("full_name"),
                read_only("organization"),
                FieldRowPanel(
                    [
                        read_only("is_resident"),
                        read_only("country"),
                        read_only("bin_iin"),
                    ]
                ),
                FieldRowPanel([read_only("position"), read_only("phone")]),
            ],
            heading=_("Applicant"),
        ),
        MultiFieldPanel(
            [
                read_only("via_representative"),
                read_only("representative_name"),
                read_only("represented_email"),
                read_only("power_of_attorney_name"),
                read_only("registration_certificate_name"),
            ],
            heading=_("Representative and documents"),
        ),
    ]


class ApplicationFilterSet(WagtailFilterSet):
    assigned_to_me = django_filters.BooleanFilter(
        label=_("Assigned to me"),
        method="filter_assigned_to_me",
        widget=forms.CheckboxInput,
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

    class Meta:
        model = Application
        fields = [
            "status",
            "kind",
            "subsidiary",
            "person_type",
            "is_resident",
            "submitted_at",
            "assigned_to_me",
        ]

    def filter_assigned_to_me(self, queryset, name, value):
        """The reviewer's own applications, or the expert's."""
        if not value:
            return queryset
        user = self.request.user
        return queryset.filter(Q(reviewer=user) | Q(experts=user)).distinct()


# Columns and export fields with the applicant's personal data: reviewers only.
PERSONAL_COLUMNS = {"applicant_name", "applicant_email"}


class ApplicationIndexView(LoggedExportMixin, SnippetIndexView):
    blocked_filter = "applicant__applicant_profile__blocked_at__isnull"

    """The register of applications: what the user may see (all submitted ones for
    reviewers, their assigned ones for experts), and for experts no personal data in
    the columns or the export."""

    def get_base_queryset(self):
        return (
            visible_applications(self.request.user)
            .select_related("applicant__applicant_profile", "subsidiary", "reviewer")
            .prefetch_related("experts")
        )

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


class ApplicationInspectView(SnippetInspectView):
    """The one-screen dossier: the answers by step and everything around them, with who
    did what and when; printable for the committee. Only for those who may see the
    application, and each opening is in the access log."""

    template_name = "submissions/admin/application_inspect.html"

    def get_object(self, queryset=None):
        application = super().get_object(queryset)
        visible = visible_applications(self.request.user)
        if not visible.filter(pk=application.pk).exists():
            raise Http404
        return application

    def get(self, request, *args, **kwargs):
        record_access(request, self.object, AccessLog.VIEW, str(self.object))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context.update(dossier_context(application, self.request.user))
        context["answers"] = answers_by_step(application)
        context["history"] = (
            ModelLogEntry.objects.for_instance(application)
            .select_related("user")
            .order_by("timestamp")
            if sees_applicant_details(self.request.user)
            else []
        )
        return context


class ApplicationViewSet(SnippetViewSet):
    model = Application
    icon = "doc-full-inverse"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    list_display = [
        "reference",
        "title",
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
        "status",
        "organization_name",
        "applicant_name",
        "applicant_email",
        "experts_display",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {
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


class DataRequestFilterSet(WagtailFilterSet):
    class Meta:
        model = DataSubjectRequest
        fields = ["status", "kind"]


class DataSubjectRequestViewSet(SnippetViewSet):
    """The reviewers' register of requests about personal data; the overdue stand out."""

    model = DataSubjectRequest
    icon = "lock"
    menu_label = _("Data requests")
    list_display = [
        "__str__",
        "kind",
        "status",
        "submitted_at",
        Column("due_display", label=_("due by"), sort_key="due_date"),
    ]
    filterset_class = DataRequestFilterSet
    search_fields = ["email", "details"]
    list_export = [
        "email",
        "kind",
        "purpose",
        "status",
        "submitted_at",
        "due_date",
        "answered_at",
    ]
    export_filename = "data-requests"
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([read_only("kind"), read_only("email")]),
                read_only("purpose"),
                read_only("details"),
                FieldRowPanel([read_only("submitted_at"), read_only("due_date")]),
                read_only("status"),
                read_only("answer"),
            ],
            heading=_("The request"),
        ),
    ]


class SubsidiaryViewSet(SnippetViewSet):
    model = Subsidiary
    icon = "site"
    menu_label = _("Subsidiaries and assets")
    list_display = ["name_ru", "name_kk", "name_en", "is_active", "sort_order"]


class SubmissionsGroup(SnippetViewSetGroup):
    items = (
        ApplicationViewSet,
        RegistrationViewSet,
        DataSubjectRequestViewSet,
        SubsidiaryViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Applications")
    menu_name = "submissions"
    menu_order = 200


register_snippet(SubmissionsGroup)

# What a reviewer may do with a registration is the workflow's actions (approve, request
# changes); the panels are read-only, so saving, publishing, unpublishing or cancelling
# the workflow by hand would only muddle its history.
REGISTRATION_MENU_ITEMS_REMOVED = {
    "action-save",
    "action-publish",
    "action-unpublish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
}


@hooks.register("construct_snippet_action_menu")
def registration_actions_are_the_workflows(menu_items, request, context):
    if context.get("model") in (RegistrationRequest, Application, DataSubjectRequest):
        menu_items[:] = [
            item
            for item in menu_items
            if item.name not in REGISTRATION_MENU_ITEMS_REMOVED
        ]


@hooks.register("register_admin_urls")
def application_admin_urls():
    return [
        path(
            "applications/<int:pk>/message/",
            admin_views.message,
            name="application_admin_message",
        ),
        path(
            "reports/pipeline/",
            admin_views.pipeline_report,
            name="pipeline_report",
        ),
        path(
            "applicants/<int:user_id>/unblock/",
            admin_views.unblock,
            name="applicant_unblock",
        ),
        path(
            "applicants/<int:user_id>/access/",
            admin_views.access_report,
            name="applicant_access_report",
        ),
        path(
            "applications/<int:pk>/experts/",
            admin_views.experts,
            name="application_admin_experts",
        ),
        path(
            "applications/<int:pk>/conclusion/",
            admin_views.conclusion,
            name="application_admin_conclusion",
        ),
    ]


@hooks.register("register_log_actions")
def application_log_actions(actions):
    actions.register_action(
        "opi.application.assign_experts", _("Assign experts"), _("Experts assigned")
    )
    actions.register_action(
        "opi.application.assess", _("Assess"), _("Expert assessment submitted")
    )
    actions.register_action(
        "opi.application.decline", _("Reject"), _("Application rejected")
    )
    actions.register_action(
        "opi.application.withdraw", _("Withdraw"), _("Withdrawn by the applicant")
    )
    actions.register_action(
        "opi.application.message", _("Message"), _("Message to or from the applicant")
    )
    actions.register_action("opi.application.note", _("Note"), _("Internal note"))
    actions.register_action(
        "opi.application.assign_reviewer",
        _("Assign a reviewer"),
        _("Responsible reviewer set"),
    )
    actions.register_action(
        "opi.application.conclusion", _("Conclusion"), _("Conclusion filed")
    )
    actions.register_action("opi.access.view", _("View"), _("Dossier opened"))
    actions.register_action("opi.access.download", _("Download"), _("File downloaded"))
    actions.register_action("opi.export", _("Export"), _("List exported"))
    actions.register_action(
        "opi.data_request.refuse", _("Refuse"), _("Data request refused with reasons")
    )
    actions.register_action(
        "opi.anonymise", _("Anonymise"), _("Person replaced by a pseudonym")
    )
    actions.register_action("opi.block", _("Block"), _("Personal data blocked"))
    actions.register_action("opi.unblock", _("Lift the block"), _("Block lifted"))
    actions.register_action(
        "opi.retention", _("Retention"), _("Deleted or anonymised after its period")
    )


@hooks.register("construct_homepage_panels")
def role_panels(request, panels):
    admin_panels.home_panels(request, panels)


class PipelineReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_application_reviewer(request.user)


@hooks.register("register_reports_menu_item")
def pipeline_report_menu_item():
    return PipelineReportMenuItem(
        _("Applications: the pipeline"),
        reverse("pipeline_report"),
        icon_name="table",
        order=50,
    )


hooks.register("register_bulk_action", AssignReviewerBulkAction)
hooks.register("register_bulk_action", AssignExpertsBulkAction)
hooks.register("register_bulk_action", ExportSelectedBulkAction)
