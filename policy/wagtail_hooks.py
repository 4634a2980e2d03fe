"""Admin registers of the policy app: frozen editions, read-only."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import PolicyEdition


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
