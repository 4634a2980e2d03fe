"""The admin's home, per role: reviewers see the pipeline (counts by status, what waits
too long, changes asked and not answered); experts their assessments with due dates;
editors the policy editions in approval. Wagtail's own "awaiting your review" panel shows
only what the access policy lets the person see (no blocked person, who awaits nothing),
the newest 20; experts do not get it at all: it names the applicant. Every panel counts,
orders and limits in the database: the same queries with 3 open applications or 100,000
(README "The reviewers' admin with 100,000 applications")."""

import copy
import datetime
import functools
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    prefetch_related_objects,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.admin_url_finder import AdminURLFinder, finder_classes
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import (
    Page,
    Revision,
    Task,
    TaskState,
    WorkflowState,
    WorkflowTask,
)
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_workflow_enabled_models

from accounts.roles import EDITORS, POLICY_APPROVERS, is_staff
from core.working_days import add_working_days, is_working_day, working_days_between
from policy.models import PolicyPage
from submissions.models.applications import (
    OPEN_STATUSES,
    Application,
    ApplicationStatus,
    ExpertAssessment,
)
from submissions.models.registrations import RegistrationRequest
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


def last_day_too_long(today, limit):
    """The latest date from which more than ``limit`` working days have passed by
    ``today`` (``working_days_between(day, today) > limit`` for it and every day before)."""
    day, passed = today, 0
    while passed <= limit:
        if is_working_day(day):
            passed += 1
        day -= datetime.timedelta(days=1)
    return day


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def by_object_id(queryset, path="object_id"):
    """The rows of ``queryset`` a workflow state (or a task state's, ``path``) is about:
    ``object_id`` is text, the key an integer."""
    return queryset.filter(pk=Cast(OuterRef(path), IntegerField())).order_by()


def current_tasks(workflow_status, statuses):
    """The task states current in an application's workflow whose status is
    ``workflow_status``, of applications whose status is one of ``statuses``. Each row
    is checked by its keys, so a query that takes the first few in the order of an index
    on the task states (migration 0019) reads only those."""
    return TaskState.objects.filter(
        Exists(
            WorkflowState.objects.filter(
                Exists(by_object_id(Application.objects.filter(status__in=statuses))),
                current_task_state=OuterRef("pk"),
                status=workflow_status,
                base_content_type=ContentType.objects.get_for_model(Application),
            )
        )
    )


PIPELINE_ROWS = 20


class ReviewerPipelinePanel(Component):
    """Counts by status, then the oldest ``PIPELINE_ROWS`` waiting too long in a stage and
    the oldest requests for changes unanswered: counted, ordered and limited in the
    database, whatever the number of open applications."""

    name = "opi_reviewer_pipeline"
    template_name = "submissions/admin/home_reviewer_pipeline.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = dict(
            Application.objects.filter(status__in=OPEN_STATUSES)
            .values_list("status")
            .annotate(n=Count("*"))  # the index on the status alone suffices
            .order_by()
        )
        labels = dict(ApplicationStatus.choices)
        context["counts"] = [(s, labels[s], counts.get(s, 0)) for s in OPEN_STATUSES]
        today = timezone.localdate()
        limit = settings.REVIEW_STAGE_WORKING_DAYS
        in_a_stage = [
            s for s in OPEN_STATUSES if s != ApplicationStatus.CHANGES_REQUESTED
        ]
        # the current task of a workflow in progress is in progress; of one waiting for
        # changes, the task that asked for them (waiting from when it asked)
        stale = (
            current_tasks(WorkflowState.STATUS_IN_PROGRESS, in_a_stage)
            .filter(
                status=TaskState.STATUS_IN_PROGRESS,
                started_at__lt=start_of_day(
                    last_day_too_long(today, limit) + datetime.timedelta(days=1)
                ),
            )
            .order_by("started_at", "pk")
            .values_list("workflow_state__object_id", "started_at")
        )[:PIPELINE_ROWS]
        unanswered = (
            current_tasks(
                WorkflowState.STATUS_NEEDS_CHANGES,
                [ApplicationStatus.CHANGES_REQUESTED],
            )
            .filter(status=TaskState.STATUS_REJECTED, finished_at__isnull=False)
            .order_by("finished_at", "pk")
            .values_list("workflow_state__object_id", "finished_at")
        )[:PIPELINE_ROWS]
        stale, unanswered = list(stale), list(unanswered)
        applications = Application.objects.select_related(
            "applicant__applicant_profile"
        ).in_bulk([int(pk) for pk, _since in stale + unanswered])

        def rows(found):
            return [
                (
                    applications[int(pk)],
                    since,
                    working_days_between(timezone.localdate(since), today),
                )
                for pk, since in found
                if int(pk) in applications
            ]

        context["stale"] = rows(stale)
        context["unanswered"] = rows(unanswered)
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


AWAITING_ROWS = 20
# the views each row of "Awaiting your review" links to
ROW_VIEWS = ("workflow_action", "workflow_preview", "revisions_compare")
NOT_STARTED = "Not started"  # Wagtail's own message, translated in its catalogue


def openable_states(states, user):
    """``states`` less those of submissions ``user`` may not open (a blocked applicant's),
    asking each kind of submission's permission policy in the database, row by row (so
    that the newest few are found in the order of an index, migration 0019); pages (the
    policy in approval) stay as the workflow gives them."""
    snippets = [
        (ContentType.objects.get_for_model(model, for_concrete_model=False), model)
        for model in get_workflow_enabled_models()
    ]
    allowed = ~Q(base_content_type__in=[t for t, _m in snippets])
    for content_type, model in snippets:
        openable = policy_registry.get_by_type(model).openable(user)
        allowed |= Q(base_content_type=content_type) & Exists(by_object_id(openable))
    return TaskState.objects.filter(
        Exists(states.filter(pk=OuterRef("pk")).order_by()),
        Exists(WorkflowState.objects.filter(allowed, pk=OuterRef("workflow_state_id"))),
    )


def with_task_statuses(states):
    """Give each state's workflow state what ``all_tasks_with_status`` would, in two
    queries for all of them instead of one each."""
    workflow_tasks = defaultdict(list)
    for link in (
        WorkflowTask.objects.filter(
            workflow_id__in={s.workflow_state.workflow_id for s in states}
        )
        .select_related("task")
        .order_by("sort_order")
    ):
        workflow_tasks[link.workflow_id].append(link.task)
    latest = {}
    for workflow_state_id, task_id, status in (
        TaskState.objects.filter(
            workflow_state__in={s.workflow_state_id for s in states}
        )
        .order_by("started_at", "pk")
        .values_list("workflow_state_id", "task_id", "status")
    ):
        latest[(workflow_state_id, task_id)] = status
    labels = dict(TaskState.STATUS_CHOICES)
    for state in states:
        tasks = []
        for task in workflow_tasks[state.workflow_state.workflow_id]:
            task = copy.copy(task)
            task.status = latest.get((state.workflow_state_id, task.pk))
            task.status_display = labels.get(task.status) or gettext(NOT_STARTED)
            tasks.append(task)
        state.workflow_state.all_tasks_with_status = lambda tasks=tasks: tasks


class ListedRowsURLFinder(AdminURLFinder):
    """Edit links for the rows of "Awaiting your review": the records listed are ones the
    person may open (the rows were chosen so), so only the permission to change such
    records is asked, once per kind, not a query per row."""

    def __init__(self, user, listed):
        super().__init__(user)
        self.listed = listed

    def get_edit_url(self, instance):
        if (type(instance), instance.pk) not in self.listed:
            return super().get_edit_url(instance)
        finder_class = finder_classes.get(instance)
        policy = policy_registry.get(instance)
        if finder_class is None or not policy.user_has_any_permission(
            self.user, ["change"]
        ):
            return None
        return finder_class(self.user).construct_edit_url(instance)


def ask_once_per_task(task):
    """Whether the person reviews the task is asked once, not once per row
    (``ExpertAssessmentTask.is_reviewer`` queries the groups)."""
    if callable(getattr(task, "is_reviewer", None)):
        task.is_reviewer = functools.cache(task.is_reviewer)
    return task


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review": the newest ``AWAITING_ROWS`` tasks the person may
    act on, asking each submission's permission policy (one the person may not open, a
    blocked applicant's, is not listed); pages (the policy in approval) stay as the
    workflow gives them. Wagtail's own panel lists every task with a few queries each;
    this one filters and limits in the database and loads what the rows show in a fixed
    number of queries."""

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = Component.get_context_data(self, parent_context)
        context.update(
            states=[], request=request, csrf_token=parent_context["csrf_token"]
        )
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context
        user = request.user
        # what TaskState.objects.reviewable_by does, keeping the tasks: each asks once
        # whether the person reviews it, whichever rows are shown
        tasks = {
            task.pk: ask_once_per_task(task)
            for task in Task.objects.filter(active=True).specific()
        }
        reviewable = TaskState.objects.none()
        for task in tasks.values():
            reviewable = reviewable | task.get_task_states_user_can_moderate(user=user)
        states = list(
            openable_states(reviewable, user)
            .select_related(
                "revision",
                "revision__user",
                "workflow_state",
                "workflow_state__workflow",
            )
            .order_by("-started_at", "-pk")[:AWAITING_ROWS]
        )
        # for the rows shown only (as an annotation it would be worked out for every
        # task before the newest were chosen)
        previous = dict(
            TaskState.objects.filter(pk__in=[s.pk for s in states])
            .annotate(
                previous_revision_id=Revision.objects.previous_revision_id_subquery()
            )
            .values_list("pk", "previous_revision_id")
        )
        for state in states:
            state.previous_revision_id = previous[state.pk]
        prefetch_related_objects(
            states,
            "revision__content_object",
            "revision__content_object__latest_revision",
        )
        objects = defaultdict(list)
        for state in states:
            state.task = tasks[state.task_id]
            obj = state.revision.content_object
            if obj is not None:
                objects[type(obj)].append(obj)
        prefetch_related_objects(objects[Application], "applicant__applicant_profile")
        prefetch_related_objects(objects[RegistrationRequest], "profile")
        with_task_statuses(states)
        for state in states:
            obj = state.revision.content_object
            if obj is None:
                continue  # the object is gone (Wagtail skips these too)
            url_name = (
                (lambda name: f"wagtailadmin_pages:{name}")
                if isinstance(obj, Page)
                else obj.snippet_viewset.get_url_name
            )
            action_url, preview_url, compare_url = map(url_name, ROW_VIEWS)
            context["states"].append(
                {
                    "obj": obj,
                    "revision": state.revision,
                    "previous_revision_id": state.previous_revision_id,
                    "live_revision_id": obj.live_revision_id,
                    "task_state": state,
                    "actions": state.task.specific.get_actions(obj, user),
                    "workflow_tasks": state.workflow_state.all_tasks_with_status(),
                    "workflow_action_url_name": action_url,
                    "workflow_preview_url_name": preview_url
                    if getattr(obj, "is_previewable", False)
                    else None,
                    "revisions_compare_url_name": compare_url,
                }
            )
        context["admin_url_finder"] = ListedRowsURLFinder(
            user,
            {
                (type(state["obj"]), state["obj"].pk)
                for state in context["states"]
                if not isinstance(state["obj"], Page)
            },
        )
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
