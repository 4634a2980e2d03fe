"""What the submissions app adds to the admin: the "Applications" menu, the reviewers'
views on an application, the home panels per role, the pipeline report, the bulk actions
on the register, and the audit log's words for the review actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.registers import keep_only_workflow_actions, no_bulk_delete_of
from home.page_cache import VISITOR_KIND_HOOK
from policy.certificate import CERTIFICATE_ACCESS_HOOK
from submissions import home_panels
from submissions.applications import admin_views
from submissions.applications.bulk_actions import (
    AssignExpertsBulkAction,
    AssignReviewerBulkAction,
    ExportSelectedBulkAction,
)
from submissions.applications.rubric import rubric_policy
from submissions.applications.viewsets import PipelineReportMenuItem
from submissions.files import record_access
from submissions.models.access_log import AccessLog
from submissions.models.applications import Application, AssessmentCriterion
from submissions.models.registrations import RegistrationRequest
from submissions.next_step import visitor_kind
from submissions.permissions import (
    application_policy,
    can_see_consent_certificate,
    registration_policy,
)
from submissions.viewsets import SubmissionsGroup

# the access policy first: the viewsets registered next ask it
register_permission_policy(Application, application_policy, exact_class=True)
register_permission_policy(RegistrationRequest, registration_policy, exact_class=True)
register_permission_policy(AssessmentCriterion, rubric_policy, exact_class=True)
register_snippet(SubmissionsGroup)
# public pages kept for visitors with a session, per next step (home.page_cache)
hooks.register(VISITOR_KIND_HOOK, visitor_kind)


@hooks.register("construct_snippet_action_menu")
def submissions_act_through_their_workflows(menu_items, request, context):
    if context.get("model") in (RegistrationRequest, Application):
        keep_only_workflow_actions(menu_items, context)


@hooks.register("register_admin_urls")
def application_admin_urls():
    return [
        path(
            "applications/<int:pk>/message/",
            admin_views.message,
            name="application_admin_message",
        ),
        path(
            "reports/pipeline/",
            admin_views.pipeline_report,
            name="pipeline_report",
        ),
        path(
            "applicants/<int:user_id>/access/",
            admin_views.access_report,
            name="applicant_access_report",
        ),
        path(
            "applications/<int:pk>/experts/",
            admin_views.experts,
            name="application_admin_experts",
        ),
        path(
            "applications/<int:pk>/conclusion/",
            admin_views.conclusion,
            name="application_admin_conclusion",
        ),
        path(
            "applications/<int:pk>/assessment/",
            admin_views.assessment,
            name="application_assessment",
        ),
        path(
            "applications/<int:pk>/declaration/",
            admin_views.declaration,
            name="application_declaration",
        ),
    ]


@hooks.register("register_log_actions")
def application_log_actions(actions):
    actions.register_action(
        "opi.application.assign_experts", _("Assign experts"), _("Experts assigned")
    )
    actions.register_action(
        "opi.application.assess", _("Assess"), _("Expert assessment submitted")
    )
    actions.register_action(
        "opi.application.decline", _("Reject"), _("Application rejected")
    )
    actions.register_action(
        "opi.application.expert_no_conflict",
        _("Declare no conflict of interest"),
        _("Expert declared no conflict of interest"),
    )
    actions.register_action(
        "opi.application.expert_conflict",
        _("Declare a conflict of interest"),
        _("Expert declared a conflict of interest"),
    )
    actions.register_action(
        "opi.application.expert_declined",
        _("Decline the assignment"),
        _("Expert declined the assignment"),
    )
    actions.register_action(
        "opi.application.withdraw", _("Withdraw"), _("Withdrawn by the applicant")
    )
    actions.register_action(
        "opi.application.message", _("Message"), _("Message to or from the applicant")
    )
    actions.register_action("opi.application.note", _("Note"), _("Internal note"))
    actions.register_action(
        "opi.application.assign_reviewer",
        _("Assign a reviewer"),
        _("Responsible reviewer set"),
    )
    actions.register_action(
        "opi.application.conclusion", _("Conclusion"), _("Conclusion filed")
    )
    actions.register_action(
        "opi.application.file_removed",
        _("Remove a file"),
        _("File removed by the applicant"),
    )
    actions.register_action("opi.access.view", _("View"), _("Dossier opened"))
    actions.register_action("opi.access.download", _("Download"), _("File downloaded"))


@hooks.register("construct_homepage_panels")
def role_panels(request, panels):
    home_panels.home_panels(request, panels)


@hooks.register("register_reports_menu_item")
def pipeline_report_menu_item():
    return PipelineReportMenuItem(
        _("Applications: the pipeline"),
        reverse("pipeline_report"),
        icon_name="table",
        order=50,
    )


hooks.register("register_bulk_action", AssignReviewerBulkAction)
hooks.register("register_bulk_action", AssignExpertsBulkAction)
hooks.register("register_bulk_action", ExportSelectedBulkAction)
# after Wagtail's own (order 1): applicants' records are never deleted in bulk
hooks.register(
    "register_bulk_action", no_bulk_delete_of(Application, RegistrationRequest), order=1
)


@hooks.register(CERTIFICATE_ACCESS_HOOK)
def consent_certificate_per_the_access_policy(request, person):
    """The admin's consent certificate of ``person`` opens as the access policy says;
    each opening by staff is in the person's access log."""
    allowed = can_see_consent_certificate(request.user, person)
    if allowed and request.user.pk != person.pk:
        record_access(
            request,
            person,
            AccessLog.VIEW,
            str(_("consent certificate")),
            applicant_id=person.pk,
        )
    return allowed
