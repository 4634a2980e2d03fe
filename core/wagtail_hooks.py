"""The audit log's words for what the shared pieces record."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def export_log_actions(actions):
    actions.register_action("opi.export", _("Export"), _("List exported"))
