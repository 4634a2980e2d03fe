"""The record of e-mails the portal sent, for administrators (read-only)."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from policy.wagtail_hooks import ReadOnlyPermissionHelper

from .models import SentEmail


@modeladmin_register
class SentEmailAdmin(ModelAdmin):
    """Every e-mail the portal wrote: to whom, what, about which application, when."""

    model = SentEmail
    menu_label = _("E-mails sent")
    menu_icon = "mail"
    menu_order = 275
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("recipient", "subject", "kind", "reference", "optional", "sent_at")
    list_filter = ("kind", "optional", "sent_at")
    search_fields = ("recipient", "subject", "reference")
    list_export = ("recipient", "subject", "kind", "reference", "optional", "sent_at")
    export_filename = "emails-sent"
