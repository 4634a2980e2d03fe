"""Bulk actions on the register of applications: give experts access to several
applications at once (each one recorded as a disclosure), and export the selected rows.
Each asks the access policy of every selected application: a blocked applicant's are
listed as refused and left alone."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from accounts.roles import EXPERTS, REVIEWERS, members_of
from core.registers import PolicyCheckedBulkActionMixin
from core.spreadsheets import spreadsheet_response
from submissions.applications.review import ExpertsField, assign_experts
from submissions.applications.viewsets import PERSONAL_COLUMNS, ApplicationViewSet
from submissions.models.applications import Application
from submissions.permissions import (
    application_policy,
    is_application_reviewer,
    sees_applicant_details,
    visible_applications,
)


class ApplicationBulkAction(PolicyCheckedBulkActionMixin, SnippetBulkAction):
    models = [Application]

    def check_perm(self, obj):
        user = self.request.user
        return (
            is_application_reviewer(user)
            and application_policy.may_open(user, obj)
            and application_policy.processing_refusal(obj) is None
        )

    def get_all_objects_in_listing_query(self, parent_id):
        return visible_applications(self.request.user).values_list("pk", flat=True)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


class BulkExpertsForm(forms.Form):
    experts = ExpertsField(  # each named with their open assessments
        label=_("Experts to give access to the selected applications"),
        queryset=members_of(EXPERTS),
        widget=forms.CheckboxSelectMultiple,
    )


class AssignExpertsBulkAction(ApplicationBulkAction):
    display_name = _("Assign experts")
    action_type = "assign_experts"
    aria_label = _("Assign experts to the selected applications")
    template_name = "submissions/admin/bulk_assign_experts.html"
    form_class = BulkExpertsForm
    action_priority = 20

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "experts": [e.pk for e in self.cleaned_form.cleaned_data["experts"]],
        }

    @classmethod
    def execute_action(cls, objects, experts=(), user=None, **kwargs):
        for application in objects:
            current = set(application.experts.values_list("pk", flat=True))
            assign_experts(application, sorted(current | set(experts)), user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Experts assigned to %(count)d application.",
            "Experts assigned to %(count)d applications.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class BulkReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Responsible reviewer"),
        queryset=members_of(REVIEWERS),
        empty_label=_("— nobody —"),
        required=False,
    )


class AssignReviewerBulkAction(ApplicationBulkAction):
    display_name = _("Assign a reviewer")
    action_type = "assign_reviewer"
    aria_label = _("Assign a responsible reviewer to the selected applications")
    template_name = "submissions/admin/bulk_assign_reviewer.html"
    form_class = BulkReviewerForm
    action_priority = 10

    def get_execution_context(self):
        reviewer = self.cleaned_form.cleaned_data["reviewer"]
        return {**super().get_execution_context(), "reviewer": reviewer}

    @classmethod
    def execute_action(cls, objects, reviewer=None, user=None, **kwargs):
        Application.objects.filter(pk__in=[a.pk for a in objects]).update(
            reviewer=reviewer
        )
        for application in objects:
            log(
                instance=application,
                action="opi.application.assign_reviewer",
                user=user,
                data={"reviewer": reviewer.email if reviewer else None},
            )
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The reviewer is set on %(count)d application.",
            "The reviewer is set on %(count)d applications.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class ExportSelectedBulkAction(ApplicationBulkAction):
    display_name = _("Export selected")
    action_type = "export_selected"
    aria_label = _("Export the selected applications as CSV")
    template_name = "submissions/admin/bulk_export.html"
    action_priority = 30

    def check_perm(self, obj):
        return application_policy.may_open(self.request.user, obj)

    def prepare_action(self, objects, objects_without_access):
        """Answer with the CSV at once: the same columns as the register's export, none
        with personal data for an expert."""

        fields = [
            name
            for name in ApplicationViewSet.list_export
            if sees_applicant_details(self.request.user) or name not in PERSONAL_COLUMNS
        ]
        headings = ApplicationViewSet.export_headings
        rows = [
            [
                str(
                    headings.get(name) or Application._meta.get_field(name).verbose_name
                )
                for name in fields
            ]
        ]
        rows += [
            [str(getattr(application, name) or "") for name in fields]
            for application in objects
            if not application.applicant_blocked  # blocked: left out of every export
        ]
        log(
            instance=self.request.user,
            action="opi.export",
            user=self.request.user,
            data={"what": "applications (selected)", "rows": len(rows) - 1},
        )
        return spreadsheet_response("applications", rows[0], rows[1:])
