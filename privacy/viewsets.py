"""The admin of data protection: the reviewers' register of data-subject requests,
the administrators' incidents, and the menu item of the visitor statistics."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.registers import (
    LoggedExportMixin,
    PersonalDataViewSet,
    PolicyCheckedIndexView,
    WorkflowActionEditView,
    read_only,
)
from privacy.models.data_requests import DataSubjectRequest
from privacy.models.incidents import BreachIncident
from privacy.visit_report import may_see_visits
from submissions.models.registrations import without_blocked_applicants


class DataRequestFilterSet(WagtailFilterSet):
    class Meta:
        model = DataSubjectRequest
        fields = ["status", "kind"]


class DataRequestIndexView(LoggedExportMixin, PolicyCheckedIndexView):
    """The register of data requests; its exports are recorded like every other and
    leave out a blocked requester's."""

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("requester__applicant_profile")
        )

    def exportable(self, queryset):
        return without_blocked_applicants(queryset, "requester__applicant_profile")


class DataSubjectRequestViewSet(PersonalDataViewSet):
    """The reviewers' register of requests about personal data; the overdue stand out."""

    model = DataSubjectRequest
    edit_view_class = WorkflowActionEditView
    index_view_class = DataRequestIndexView
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


class VisitsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_visits(request.user)


class IncidentStatusPanel(Panel):
    """How long ago the incident was found against its one-working-day notice deadline,
    who has been told, the authority's notice (its deadline until it is recorded, then
    when, how, by whom, its number), and the actions: notify the applicants, export for
    the authority, record the authority's notice."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "privacy/admin/incident_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["incident"] = self.instance
            if self.instance.pk:
                context["notices"] = self.instance.notices.order_by("email")
            return context


class BreachIncidentViewSet(PersonalDataViewSet):
    model = BreachIncident
    icon = "warning"
    menu_label = _("Incidents")
    menu_order = 280
    add_to_admin_menu = True
    list_display = [
        "__str__",
        Column("deadline_display", label=_("notices")),
        Column("authority_notice_display", label=_("notice to the authority")),
    ]
    inspect_view_enabled = True
    panels = [IncidentStatusPanel(heading=_("Notices")), *BreachIncident.panels]


class DataProtectionGroup(SnippetViewSetGroup):
    items = (DataSubjectRequestViewSet, BreachIncidentViewSet)
    menu_icon = "lock"
    menu_label = _("Data protection")
    menu_name = "data-protection"
    menu_order = 210
