"""The audit log's words for what the shared pieces record, and the admin's own styles."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def export_log_actions(actions):
    actions.register_action("opi.export", _("Export"), _("List exported"))


@hooks.register("insert_global_admin_css")
def admin_css():
    """The admin on a phone: headings wrap instead of widening the page."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_js():
    """What the portal mends in Wagtail's own admin screens (static/js/admin.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin.js"))
