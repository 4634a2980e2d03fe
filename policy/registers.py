"""The policy's read-only registers (wagtail-modeladmin): frozen editions, the consent
ledger, the notices of new editions."""

from django.contrib.admin import SimpleListFilter
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin

from core.registers import ReadOnlyPermissionHelper, RegisterIndexView, admin_column
from policy.models import ConsentRecord, EditionNotice, PolicyEdition


class PolicyEditionAdmin(ModelAdmin):
    model = PolicyEdition
    menu_label = _("Policy editions")
    menu_icon = "doc-full"
    menu_order = 250
    add_to_settings_menu = False
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = RegisterIndexView
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


class ConsentRecordAdmin(ModelAdmin):
    """The consent ledger: searchable, filterable, exportable, never editable."""

    model = ConsentRecord
    menu_label = _("Consent records")
    menu_icon = "tick-inverse"
    menu_order = 260
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = RegisterIndexView
    inspect_view_enabled = True
    list_display = (
        "email",
        "purpose",
        "edition",
        "given_at",
        "withdrawn",
        "certificate",
    )
    list_filter = ("purpose", EditionFilter, "language", "withdrawn_at", "given_at")
    search_fields = ("email",)
    list_export = (
        "email",
        "user",
        "purpose",
        "edition",
        "language",
        "text_sha256",
        "given_at",
        "network",
        "user_agent",
        "form_name",
        "withdrawn_at",
        "withdrawal_reason",
        "sequence",
        "record_hash",
    )
    export_filename = "consent-records"
    inspect_view_fields = (*list_export, "previous_hash", "person_digest")

    @admin_column(_("withdrawn"))
    def withdrawn(self, record):
        return record.withdrawn_at or "—"

    @admin_column(_("certificate"))
    def certificate(self, record):
        """The person's consent certificate (a person represented by an applicant, who
        has no account, has none)."""
        if record.user_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("consent_certificate_admin", args=[record.user_id]),
            _("Consent certificate"),
        )


class EditionNoticeAdmin(ModelAdmin):
    """Who was told about which edition, and whether the e-mail went out."""

    model = EditionNotice
    menu_label = _("Edition notices")
    menu_icon = "mail"
    menu_order = 270
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = RegisterIndexView
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
