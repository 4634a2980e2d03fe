"""The record of e-mails the portal sent, for administrators (read-only, wagtail-modeladmin)."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin

from accounts.models import SentEmail
from core.registers import ReadOnlyPermissionHelper, RegisterIndexView


class SentEmailAdmin(ModelAdmin):
    """Every e-mail the portal wrote: to whom, what, about which application, when."""

    model = SentEmail
    menu_label = _("E-mails sent")
    menu_icon = "mail"
    menu_order = 275
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = RegisterIndexView
    inspect_view_enabled = True
    list_display = ("recipient", "subject", "kind", "reference", "optional", "sent_at")
    list_filter = ("kind", "optional", "sent_at")
    search_fields = ("recipient", "subject", "reference")
    list_export = ("recipient", "subject", "kind", "reference", "optional", "sent_at")
    export_filename = "emails-sent"
