"""Shared pieces of the admin's registers: read-only panels and permission helpers for
records that are evidence, exports written by the one spreadsheet writer and recorded in
the audit log, the action menu of moderated snippets reduced to their workflows, and the
viewset of records about people, whose every view asks the model's permission policy."""

from functools import wraps

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern, reverse
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.permissions import policy_registry
from wagtail.snippets.action_menu import WorkflowMenuItem
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.views.snippets import (
    WorkflowActionView as SnippetWorkflowActionView,
)
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

from core.spreadsheets import spreadsheet_response


class ReadOnlyPanel(FieldPanel):
    """A field reviewers read but never change; yes/no shown in words."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return super().format_value_for_display(value)


def read_only(name):
    return ReadOnlyPanel(name)


class LoggedExportMixin:
    """Exports of a register (Wagtail's snippet lists and wagtail-modeladmin's alike):
    the same columns as ``list_export``, written by the one spreadsheet writer, and
    recorded in the audit log: who exported what, with which filters, how many rows."""

    def exportable(self, queryset):
        """The rows an export may hold (a register leaves out blocked applicants)."""
        return queryset

    def as_spreadsheet(self, queryset, spreadsheet_format):
        queryset = self.exportable(queryset)
        log(
            instance=self.request.user,
            action="opi.export",
            user=self.request.user,
            data={
                "what": str(self.model._meta.verbose_name_plural),
                "query": self.request.GET.urlencode()[:500],
                "rows": queryset.count(),
                "format": spreadsheet_format,
            },
        )
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, spreadsheet_format)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return spreadsheet_response(
            self.get_filename(), headings, rows, spreadsheet_format
        )


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


# The heading of each filter in wagtail-modeladmin's lists; its own catalogue has no
# Russian or Kazakh for it, so the portal's catalogue carries it.
FILTER_HEADING = gettext_noop("By %(filter_title)s")

# What a reviewer may do with a moderated submission is its workflow's actions; the panels
# are read-only, so saving, publishing, unpublishing or cancelling the workflow by hand
# would only muddle its history.
MENU_ITEMS_OUTSIDE_THE_WORKFLOW = {
    "action-save",
    "action-publish",
    "action-unpublish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
}


def keep_only_workflow_actions(menu_items, context):
    """Reduce a snippet's action menu (``construct_snippet_action_menu``) in place to its
    workflow's actions, approval first and called by the task's own name: reviewers
    approve, they do not publish (Wagtail says "… and Publish" on a final task)."""
    menu_items[:] = [
        item for item in menu_items if item.name not in MENU_ITEMS_OUTSIDE_THE_WORKFLOW
    ]
    instance = context.get("instance")
    task = getattr(instance, "current_workflow_task", None)
    if task is None:
        return
    user = context["request"].user
    # Wagtail made one menu item per action of the task, in the task's order (two may
    # share a name: "Approve" and "Approve with comment")
    workflow_items = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    for item, (_name, label, _modal) in zip(
        workflow_items, task.get_actions(instance, user), strict=False
    ):
        item.label = label
    menu_items.sort(key=lambda item: item.name != "approve")  # the main button


class RegisterIndexView(LoggedExportMixin, ModelAdminIndexView):
    """wagtail-modeladmin's list, with its exports written and logged like every other."""

    def get_search_results(self, request, queryset, search_term):
        # What staff type is searched as text; control characters are dropped, a NUL
        # above all, which PostgreSQL refuses in any text (a 500 before). Wagtail's own
        # searches refuse it in their search form.
        search_term = "".join(c for c in search_term if c >= " " or c == "\t")
        return super().get_search_results(request, queryset, search_term)


class WorkflowActionEditView(SnippetEditView):
    """A moderated snippet's edit view (the reviewer's dossier) in which a workflow action
    (approve, request changes, …) keeps the reviewer on the dossier and says what happened
    in the portal's words: the task's ``done_messages`` for that action, instead of
    Wagtail's "… updated"."""

    acted_task = None  # the task a workflow action of this request was taken on

    def workflow_action_action(self):
        self.acted_task = self.object.current_workflow_task
        return super().workflow_action_action()

    # Wagtail's save_action() answers every action with these three (and the JSON answer
    # and the after-edit hooks stay Wagtail's own)
    def get_success_message(self):
        if self.acted_task is None:
            return super().get_success_message()
        return getattr(self.acted_task, "done_messages", {}).get(self.workflow_action)

    def get_success_buttons(self):
        return [] if self.acted_task is not None else super().get_success_buttons()

    def get_success_url(self):
        if self.acted_task is None:
            return super().get_success_url()
        return self.url_after_workflow_action()

    def url_after_workflow_action(self):
        """Back to this dossier while the person may still change it; else its
        read-only view, else the register."""
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))
        return self.get_inspect_url_after_action(self.object)

    def get_inspect_url_after_action(self, instance):
        if self.inspect_url_name and self.user_has_any_permission({"view", "change"}):
            return reverse(self.inspect_url_name, args=(quote(instance.pk),))
        return reverse(self.index_url_name)


# --- records about people: every view asks the model's permission policy -------------------

# Seeing a record at all: what any of a viewset's views of one record needs.
SEEING = ("view", "change")


def records_seen(user, model):
    """The records of ``model`` that ``user`` may see, as its permission policy says."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, SEEING
    )


def ask_policy_first(view, model, list_url_name):
    """``view`` (any view of one record, its pk in the URL) behind the model's permission
    policy: a record the user may not see is not found; one they may not open for a
    reason the policy gives (a blocked person) sends them back to the list with it."""

    @wraps(view)
    def gate(request, *args, **kwargs):
        user = request.user
        instance = model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
        if instance is None or not user.is_authenticated:
            return view(request, *args, **kwargs)  # not found, or off to the login
        policy = policy_registry.get_by_type(model)
        if not policy.user_has_any_permission_for_instance(user, SEEING, instance):
            refusal = getattr(policy, "refusal", lambda user, instance: None)
            reason = refusal(user, instance)
            if reason is None:
                raise Http404
            messages.error(request, reason)
            return redirect(reverse(list_url_name))
        if hasattr(policy, "opened"):
            policy.opened(request, instance)
        return view(request, *args, **kwargs)

    return gate


class CountedInWords(WagtailPaginator):
    """A register's count in words: "12 заявок", "12 өтінім" by the model's ``counted``
    (Wagtail's own puts the plural name after any number but 1: "12 заявки")."""

    @cached_property
    def items_count_label(self):
        counted = getattr(self.model, "counted", None)
        return counted(self.count) if counted else super().items_count_label


class PolicyCheckedIndexView(SnippetIndexView):
    """A register listing only what the policy lets the user see; a search never finds
    what the policy keeps out of searches (a blocked person by their name or e-mail)."""

    paginator_class = CountedInWords

    def get_base_queryset(self):
        return records_seen(self.request.user, self.model)

    def search_queryset(self, queryset):
        policy = self.permission_policy
        if self.is_searching and hasattr(policy, "searchable"):
            queryset = policy.searchable(self.request.user, queryset)
        return super().search_queryset(queryset)


class PolicyCheckedChooseView(ChooseView):
    def get_object_list(self):
        return records_seen(self.request.user, self.model_class)


class PolicyCheckedChooseResultsView(ChooseResultsView):
    def get_object_list(self):
        return records_seen(self.request.user, self.model_class)


class PolicyCheckedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return records_seen(self.request.user, self.model_class).get(pk=pk)


class PolicyCheckedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return records_seen(self.request.user, self.model_class).filter(pk__in=pks)


class PolicyCheckedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PolicyCheckedChooseView
    choose_results_view_class = PolicyCheckedChooseResultsView
    chosen_view_class = PolicyCheckedChosenView
    chosen_multiple_view_class = PolicyCheckedChosenMultipleView


class WorkflowActionDoneView(SnippetWorkflowActionView):
    """A workflow action taken from outside the dossier (the home page's "Awaiting your
    review"): once done, the reviewer lands on the dossier with the task's own message
    (``done_messages``), as after an action taken on the dossier itself."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db(fields=["status"])
        if self.task_state.status == self.task_state.STATUS_IN_PROGRESS:
            return response  # not done: the form's errors, shown again
        message = getattr(self.task, "done_messages", {}).get(self.action_name)
        if message:
            messages.success(request, message)
        dossier = reverse(self.redirect_url_name, args=(quote(self.object.pk),))
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(
                request, {"step": "success", "redirect": dossier}
            )
        return redirect(dossier)


class PersonalDataViewSet(SnippetViewSet):
    """The admin of records about people (registrations, applications, data requests,
    incidents): the list, the chooser and every view of one record (edit, inspect,
    history, revisions and their comparison, usage, workflow history, lock, delete…) ask
    the permission policy registered for the model, so they all give the same answer."""

    index_view_class = PolicyCheckedIndexView
    chooser_viewset_class = PolicyCheckedChooserViewSet
    workflow_action_view_class = WorkflowActionDoneView

    def get_urlpatterns(self):
        list_url_name = self.get_url_name("list")
        return [
            URLPattern(
                pattern.pattern,
                ask_policy_first(pattern.callback, self.model, list_url_name),
                pattern.default_args,
                pattern.name,
            )
            if "pk" in pattern.pattern.converters or "(?P<pk>" in str(pattern.pattern)
            else pattern
            for pattern in super().get_urlpatterns()
        ]


class PolicyCheckedBulkActionMixin:
    """A bulk action on records about people: the selected ids the policy does not let
    the user see are dropped before anything is listed, refused or done."""

    def get_actionable_objects(self):
        objects, refused = super().get_actionable_objects()
        selected = objects + refused["items_with_no_access"]
        seen = set(
            records_seen(self.request.user, self.model)
            .filter(pk__in=[item.pk for item in selected])
            .values_list("pk", flat=True)
        )
        return [item for item in objects if item.pk in seen], {
            "items_with_no_access": [
                item for item in refused["items_with_no_access"] if item.pk in seen
            ]
        }


def no_bulk_delete_of(*models):
    """Wagtail's "Delete" bulk action for ``models`` (records about people, which are
    evidence and are never deleted in bulk): every record the user may see is listed as
    refused, none is deleted. Register it with ``order=1`` so it replaces Wagtail's."""

    class NoBulkDelete(PolicyCheckedBulkActionMixin, DeleteBulkAction):
        @classproperty
        def models(cls):
            return list(models)

        def check_perm(self, obj):
            return False

    return NoBulkDelete
