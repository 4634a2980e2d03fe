"""What the privacy app adds to the admin: the "Data protection" menu (data-subject
requests for reviewers, incidents for administrators), the visitor statistics report,
the incidents' actions, lifting a block, the audit log's words for data protection, and
its section of the applicant's dashboard."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.registers import keep_only_workflow_actions, no_bulk_delete_of
from home.page_frame import frame_for
from privacy import admin_views
from privacy.models.data_requests import DataSubjectRequest
from privacy.models.incidents import BreachIncident
from privacy.pages import DataRequestFormPage
from privacy.viewsets import DataProtectionGroup, VisitsMenuItem
from submissions.dashboard import DASHBOARD_SECTIONS_HOOK
from submissions.permissions import PersonalDataPolicy

# the access policy first: the viewsets registered next ask it (data requests: reviewers,
# the requester blocked or not; incidents: administrators)
register_permission_policy(
    DataSubjectRequest,
    PersonalDataPolicy(DataSubjectRequest, profile_path="requester__applicant_profile"),
    exact_class=True,
)
register_permission_policy(
    BreachIncident, PersonalDataPolicy(BreachIncident), exact_class=True
)
register_snippet(DataProtectionGroup)
# after Wagtail's own (order 1): requests and incidents are evidence, never bulk-deleted
hooks.register(
    "register_bulk_action",
    no_bulk_delete_of(DataSubjectRequest, BreachIncident),
    order=1,
)


@hooks.register("construct_snippet_action_menu")
def data_requests_act_through_their_workflow(menu_items, request, context):
    if context.get("model") is DataSubjectRequest:
        keep_only_workflow_actions(menu_items, context)


@hooks.register("register_admin_urls")
def privacy_admin_urls():
    return [
        path("reports/visitors/", admin_views.visits_report, name="visits_report"),
        path(
            "incidents/<int:pk>/notify/",
            admin_views.incident_notify,
            name="incident_notify",
        ),
        path(
            "incidents/<int:pk>/authority-notice/",
            admin_views.incident_authority_notice,
            name="incident_authority_notice",
        ),
        path(
            "incidents/<int:pk>/authority.<str:spreadsheet_format>",
            admin_views.incident_authority_export,
            name="incident_authority_export",
        ),
        path(
            "applicants/<int:user_id>/unblock/",
            admin_views.unblock,
            name="applicant_unblock",
        ),
    ]


@hooks.register("register_reports_menu_item")
def visits_menu_item():
    return VisitsMenuItem(
        _("Visitors"), reverse("visits_report"), icon_name="view", order=60
    )


@hooks.register("after_create_snippet")
def incident_recorded_by(request, instance):
    if isinstance(instance, BreachIncident) and instance.recorded_by_id is None:
        BreachIncident.objects.filter(pk=instance.pk).update(recorded_by=request.user)


@hooks.register("register_log_actions")
def data_protection_log_actions(actions):
    actions.register_action(
        "opi.data_request.refuse", _("Refuse"), _("Data request refused with reasons")
    )
    actions.register_action(
        "opi.anonymise", _("Anonymise"), _("Person replaced by a pseudonym")
    )
    actions.register_action("opi.block", _("Block"), _("Personal data blocked"))
    actions.register_action("opi.unblock", _("Lift the block"), _("Block lifted"))
    actions.register_action(
        "opi.retention", _("Retention"), _("Deleted or anonymised after its period")
    )

    actions.register_action(
        "opi.breach.notify", _("Notify"), _("Affected applicants notified")
    )
    actions.register_action(
        "opi.breach.authority_notified",
        _("Authority notified"),
        _("Notice to the authority recorded"),
    )


@hooks.register(DASHBOARD_SECTIONS_HOOK)
def data_requests_dashboard_section(request):
    """The applicant's requests about their data, their export, and the request form."""
    return render_to_string(
        "privacy/includes/dashboard_section.html",
        {
            "data_requests": request.user.data_requests.order_by("-submitted_at"),
            "latest_export": request.user.data_exports.first(),
            "data_request_page": frame_for(request).form_page(DataRequestFormPage),
        },
        request=request,
    )
