"""The admin's home, per role: reviewers see the pipeline (counts by status, what waits
too long, changes asked and not answered); experts their assessments with due dates;
editors the policy editions in approval. Wagtail's own "awaiting your review" panel shows
only what the access policy lets the person see (no blocked person, who awaits nothing);
experts do not get it at all: it names the applicant."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry

from accounts.roles import EDITORS, POLICY_APPROVERS, is_staff
from core.working_days import add_working_days, working_days_between
from policy.models import PolicyPage
from submissions.models.applications import (
    OPEN_STATUSES,
    Application,
    ApplicationStatus,
    ExpertAssessment,
)
from submissions.permissions import is_application_reviewer, is_expert
from submissions.uploads import scanner


def current_task_started(applications):
    """{application pk: when its current task began} for ``applications``, in one query."""
    states = TaskState.objects.filter(
        status__in=[TaskState.STATUS_IN_PROGRESS, TaskState.STATUS_REJECTED],
        workflow_state__status__in=["in_progress", "needs_changes"],
        workflow_state__base_content_type__model="application",
        workflow_state__object_id__in=[str(a.pk) for a in applications],
    ).values_list("workflow_state__object_id", "started_at", "finished_at", "status")
    started = {}
    for object_id, began, finished, status in states:
        # a request for changes waits from when it was made
        moment = finished if status == TaskState.STATUS_REJECTED else began
        started[int(object_id)] = max(started.get(int(object_id), moment), moment)
    return started


class ReviewerPipelinePanel(Component):
    name = "opi_reviewer_pipeline"
    template_name = "submissions/admin/home_reviewer_pipeline.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = dict(
            Application.objects.filter(status__in=OPEN_STATUSES)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        labels = dict(ApplicationStatus.choices)
        context["counts"] = [(s, labels[s], counts.get(s, 0)) for s in OPEN_STATUSES]
        today = timezone.localdate()
        limit = settings.REVIEW_STAGE_WORKING_DAYS
        waiting = list(
            Application.objects.filter(status__in=OPEN_STATUSES).only(
                "pk", "reference", "title", "status"
            )
        )
        started = current_task_started(waiting)
        stale, unanswered = [], []
        for application in waiting:
            since = started.get(application.pk)
            if since is None:
                continue
            days = working_days_between(timezone.localdate(since), today)
            row = (application, since, days)
            if application.status == ApplicationStatus.CHANGES_REQUESTED:
                unanswered.append(row)
            elif days > limit:
                stale.append(row)
        context["stale"] = sorted(stale, key=lambda row: -row[2])[:20]
        context["unanswered"] = sorted(unanswered, key=lambda row: -row[2])[:20]
        context["limit"] = limit
        return context


class ExpertAssessmentsPanel(Component):
    name = "opi_expert_assessments"
    template_name = "submissions/admin/home_expert_assessments.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        assigned = list(
            Application.objects.filter(
                experts=self.user, status=ApplicationStatus.ASSESSMENT
            ).only("pk", "reference", "title")
        )
        started = current_task_started(assigned)
        done = set(
            ExpertAssessment.objects.filter(
                expert=self.user, application__in=assigned
            ).values_list("application_id", "task_state__started_at")
        )
        rows = []
        for application in assigned:
            since = started.get(application.pk)
            if (application.pk, since) in done:
                continue
            due = add_working_days(
                timezone.localdate(since), settings.ASSESSMENT_WORKING_DAYS
            )
            rows.append((application, due, due < timezone.localdate()))
        context["rows"] = sorted(rows, key=lambda row: row[1])
        return context


class PolicyInApprovalPanel(Component):
    name = "opi_policy_in_approval"
    template_name = "submissions/admin/home_policy_in_approval.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["pages"] = [
            page
            for page in PolicyPage.objects.all().select_related("locale")
            if page.workflow_in_progress
        ]
        return context


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review", asking each submission's permission policy: one
    the person may not open (a blocked applicant's) is not listed. Pages (the policy in
    approval) stay as the workflow gives them."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        pks_by_model = defaultdict(set)
        for state in context["states"]:
            if not isinstance(state["obj"], Page):
                pks_by_model[type(state["obj"])].add(state["obj"].pk)
        openable = {  # one query per kind of submission, not one per row
            (model, pk)
            for model, pks in pks_by_model.items()
            for pk in policy_registry.get_by_type(model)
            .openable(user)
            .filter(pk__in=pks)
            .values_list("pk", flat=True)
        }
        context["states"] = [
            state
            for state in context["states"]
            if isinstance(state["obj"], Page)
            or (type(state["obj"]), state["obj"].pk) in openable
        ]
        return context


class SystemStatusPanel(Component):
    """For administrators: whether uploads are scanned by an antivirus."""

    name = "opi_system_status"
    template_name = "submissions/admin/home_system_status.html"
    order = 40

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["antivirus"] = scanner().name
        return context


def home_panels(request, panels):
    """Give each role its panels (the hook ``construct_homepage_panels``)."""
    user = request.user
    awaiting = "workflow_objects_to_moderate"
    reviewer = is_application_reviewer(user)
    panels[:] = [
        AwaitingReviewPanel() if getattr(panel, "name", "") == awaiting else panel
        for panel in panels
        if reviewer or not is_expert(user) or getattr(panel, "name", "") != awaiting
    ]
    if user.is_superuser:
        panels.append(SystemStatusPanel())
    if reviewer:
        panels.append(ReviewerPipelinePanel())
    elif is_expert(user):
        panels.append(ExpertAssessmentsPanel(user))
    if is_staff(user) and (
        user.is_superuser
        or user.groups.filter(name__in=[EDITORS, POLICY_APPROVERS]).exists()
    ):
        panels.append(PolicyInApprovalPanel())
