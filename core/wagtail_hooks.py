"""The audit log's words for what the shared pieces record, and the admin's own styles."""

import copy

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def export_log_actions(actions):
    actions.register_action("opi.export", _("Export"), _("List exported"))


# Wagtail's own default workflow; each app declares the names of its own (WORKFLOW_NAMES)
gettext_noop("Moderators approval")
WORKFLOW_LOG_ACTIONS = ("start", "approve", "reject", "resume", "cancel")


def names_in_words(data):
    """A workflow log entry's data with the workflow's and tasks' names translated.

    Wagtail records the names a migration gave them (in English) and puts them as they
    are into "'Application review' started. Next step 'Screening'"."""
    data = copy.deepcopy(data)
    workflow = data.get("workflow") if isinstance(data, dict) else None
    if isinstance(workflow, dict):
        for part in (workflow, workflow.get("next"), workflow.get("task")):
            if isinstance(part, dict) and part.get("title"):
                part["title"] = gettext(part["title"])
    return data


@hooks.register("register_log_actions", order=100)  # after Wagtail's own (order 0)
def workflow_names_in_words(actions):
    for name in WORKFLOW_LOG_ACTIONS:
        action = f"wagtail.workflow.{name}"
        wagtails = type(actions.formatters[action])

        def format_message(self, log_entry, wagtails=wagtails):
            entry = copy.copy(log_entry)
            entry.data = names_in_words(log_entry.data)
            return wagtails.format_message(self, entry)

        actions.formatters[action] = type(
            f"{wagtails.__name__}InWords",
            (wagtails,),
            {"format_message": format_message},
        )()


@hooks.register("insert_global_admin_css")
def admin_css():
    """The admin on a phone: headings wrap instead of widening the page."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_js():
    """What the portal mends in Wagtail's own admin screens (static/js/admin.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin.js"))
