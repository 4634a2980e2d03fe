"""Admin of the policy app: frozen editions, consents and notices (read-only), and the
visitor statistics report."""

from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from accounts import roles
from policy.models import ConsentRecord, EditionNotice, PolicyEdition
from privacy.models.incidents import BreachIncident

# The heading of each filter in wagtail-modeladmin's lists; its own catalogue has no
# Russian or Kazakh for it, so the portal's catalogue carries it.
FILTER_HEADING = gettext_noop("By %(filter_title)s")


def admin_column(label):
    """Names a computed column of a register (wagtail-modeladmin reads short_description)."""

    def name(method):
        method.short_description = label
        return method

    return name


class ReadOnlyPermissionHelper(PermissionHelper):
    """Records that are evidence: staff may look, nobody may add, change or delete."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


@modeladmin_register
class PolicyEditionAdmin(ModelAdmin):
    model = PolicyEdition
    menu_label = _("Policy editions")
    menu_icon = "doc-full"
    menu_order = 250
    add_to_settings_menu = False
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    inspect_view_fields = [
        "number",
        "page",
        "title",
        "document_code",
        "effective_from",
        "published_at",
        "requires_renewed_consent",
        "change_summary",
        "text_sha256",
        "consent_statement_sha256",
        "revision",
    ]
    list_display = (
        "number",
        "title",
        "effective_from",
        "renewed_consent",
        "text_hash",
    )
    list_filter = ("requires_renewed_consent", "effective_from")
    search_fields = ("title", "document_code", "change_summary")

    @admin_column(_("requires renewed consent"))
    def renewed_consent(self, edition):
        return edition.get_requires_renewed_consent_display()

    @admin_column(_("SHA-256 of the text"))
    def text_hash(self, edition):
        # The first 12 hex digits identify an edition; the inspect view shows all 64.
        return f"{edition.text_sha256[:12]}…"


class EditionFilter(SimpleListFilter):
    """Filter consents by the edition they were given to (newest editions first)."""

    title = _("policy edition")
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        editions = PolicyEdition.objects.select_related("page__locale").order_by(
            "page__locale__language_code", "-number"
        )
        return [
            (str(edition.pk), f"{edition} [{edition.page.locale.language_code}]")
            for edition in editions
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(edition_id=self.value())
        return queryset


@modeladmin_register
class ConsentRecordAdmin(ModelAdmin):
    """The consent ledger: searchable, filterable, exportable, never editable."""

    model = ConsentRecord
    menu_label = _("Consent records")
    menu_icon = "tick-inverse"
    menu_order = 260
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("email", "purpose", "edition", "given_at", "withdrawn")
    list_filter = ("purpose", EditionFilter, "withdrawn_at", "given_at")
    search_fields = ("email",)
    list_export = (
        "email",
        "user",
        "purpose",
        "edition",
        "text_sha256",
        "given_at",
        "ip_address",
        "user_agent",
        "form_name",
        "withdrawn_at",
        "withdrawal_reason",
    )
    export_filename = "consent-records"
    inspect_view_fields = list_export

    @admin_column(_("withdrawn"))
    def withdrawn(self, record):
        return record.withdrawn_at or "—"


@modeladmin_register
class EditionNoticeAdmin(ModelAdmin):
    """Who was told about which edition, and whether the e-mail went out."""

    model = EditionNotice
    menu_label = _("Edition notices")
    menu_icon = "mail"
    menu_order = 270
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("email", "edition", "status", "queued_at", "sent_at")
    list_filter = ("status", EditionFilter, "queued_at")
    search_fields = ("email",)
    list_export = (
        "email",
        "user",
        "edition",
        "status",
        "error",
        "queued_at",
        "sent_at",
    )
    export_filename = "edition-notices"
    inspect_view_fields = list_export


def may_see_visits(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=roles.EDITORS).exists()
    )


def visits_report(request):
    """Visitor statistics: views and unique visitors per day, the top pages, as charts
    with tables and CSV. No IP address is stored; visitors are daily keyed hashes."""

    from django.core.exceptions import PermissionDenied
    from django.http import Http404
    from django.shortcuts import render

    from privacy.visit_report import per_day, top_pages

    if not may_see_visits(request.user):
        raise PermissionDenied
    charts = per_day()
    top_chart, top_rows = top_pages()
    charts.append(top_chart)
    wanted = request.GET.get("export")
    if wanted:
        chart = next((c for c in charts if c.slug == wanted), None)
        if chart is None:
            raise Http404
        return chart.csv_response()
    return render(
        request,
        "policy/admin/visits_report.html",
        {"charts": charts, "top_rows": top_rows, "title": _("Visitors")},
    )


class VisitsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_visits(request.user)


@hooks.register("register_admin_urls")
def visits_urls():
    return [path("reports/visitors/", visits_report, name="visits_report")]


@hooks.register("register_reports_menu_item")
def visits_menu_item():
    return VisitsMenuItem(
        _("Visitors"), reverse("visits_report"), icon_name="view", order=60
    )


# --- incidents of loss or disclosure (administrators) -------------------------------------


class IncidentStatusPanel(Panel):
    """How long ago the incident was found against its one-working-day notice deadline,
    who has been told, and the actions: notify the applicants, export for the authority."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "policy/admin/incident_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["incident"] = self.instance
            if self.instance.pk:
                context["notices"] = self.instance.notices.order_by("email")
            return context


class BreachIncidentViewSet(SnippetViewSet):
    model = BreachIncident
    icon = "warning"
    menu_label = _("Incidents")
    menu_order = 280
    add_to_admin_menu = True
    list_display = ["__str__", Column("deadline_display", label=_("notices"))]
    inspect_view_enabled = True
    panels = [IncidentStatusPanel(heading=_("Notices")), *BreachIncident.panels]


register_snippet(BreachIncidentViewSet)


def administrator_only(request):
    from django.core.exceptions import PermissionDenied

    if not request.user.is_superuser:
        raise PermissionDenied


def incident_notify(request, pk):
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect, render

    from privacy.breaches import notify_affected

    administrator_only(request)
    incident = get_object_or_404(BreachIncident, pk=pk)
    edit = reverse("wagtailsnippets_policy_breachincident:edit", args=[pk])
    if request.method == "POST":
        count = notify_affected(incident, request.user)
        messages.success(request, _("%(count)s notices queued.") % {"count": count})
        return redirect(edit)
    return render(
        request,
        "policy/admin/incident_notify.html",
        {
            "incident": incident,
            "back": edit,
            "title": _("Notify the affected applicants"),
        },
    )


def incident_authority_export(request, pk, spreadsheet_format):
    from django.shortcuts import get_object_or_404
    from wagtail.log_actions import log

    from privacy.breaches import authority_export, responsible_contact

    administrator_only(request)
    incident = get_object_or_404(BreachIncident, pk=pk)
    log(
        instance=incident,
        action="opi.export",
        user=request.user,
        data={"what": "authority notice", "format": spreadsheet_format},
    )
    return authority_export(incident, responsible_contact(request), spreadsheet_format)


@hooks.register("register_admin_urls")
def incident_urls():
    return [
        path("incidents/<int:pk>/notify/", incident_notify, name="incident_notify"),
        path(
            "incidents/<int:pk>/authority.<str:spreadsheet_format>",
            incident_authority_export,
            name="incident_authority_export",
        ),
    ]


@hooks.register("after_create_snippet")
def incident_recorded_by(request, instance):
    if isinstance(instance, BreachIncident) and instance.recorded_by_id is None:
        BreachIncident.objects.filter(pk=instance.pk).update(recorded_by=request.user)


@hooks.register("register_log_actions")
def incident_log_actions(actions):
    actions.register_action(
        "opi.breach.notify", _("Notify"), _("Affected applicants notified")
    )
