"""Admin of the policy app: frozen editions, consents and notices (read-only), and the
visitor statistics report."""

from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from accounts import roles

from .models import ConsentRecord, EditionNotice, PolicyEdition

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
    import csv

    from django.core.exceptions import PermissionDenied
    from django.http import Http404, HttpResponse
    from django.shortcuts import render

    from .visit_report import per_day, top_pages

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
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{chart.slug}.csv"'
        response.write("\ufeff")
        csv.writer(response).writerows(chart.csv_rows())
        return response
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
