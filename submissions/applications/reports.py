"""Figures for the reviewers' report on the pipeline, and the charts that show them.

Each chart is a list of rows (label and one value per series) drawn as horizontal bars in
server-side SVG, with the same rows as a table for screen readers and as CSV.
"""

import statistics
from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from core.charts import Chart
from submissions.applications.review import REVIEW_STAGES
from submissions.models.applications import (
    Application,
    ApplicationKind,
    ApplicationStatus,
)
from submissions.models.registrations import RegistrationRequest

OUTCOMES = [
    ("approved", _("approved")),
    ("rejected", _("rejected")),
    ("withdrawn", _("withdrawn")),
    ("open", _("under review")),
]


def months_back(count=12):
    today = timezone.localdate().replace(day=1)
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def outcome_of(status):
    if status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED):
        return status
    if status == ApplicationStatus.WITHDRAWN:
        return "withdrawn"
    return "open"


def per_month_by_outcome():
    counts = defaultdict(Counter)
    rows = (
        Application.objects.exclude(submitted_at=None)
        .annotate(month=TruncMonth("submitted_at"))
        .values_list("month", "status")
        .annotate(n=Count("pk"))
    )
    for month, status, n in rows:
        local = timezone.localtime(month) if timezone.is_aware(month) else month
        counts[(local.year, local.month)][outcome_of(status)] += n
    return Chart(
        "per-month",
        _("Applications per month by outcome"),
        [label for _key, label in OUTCOMES],
        [
            (
                f"{month:02d}.{year}",
                [counts[(year, month)][key] for key, _l in OUTCOMES],
            )
            for year, month in months_back()
        ],
    )


def application_type():
    return ContentType.objects.get_for_model(Application)


def reached(task_model):
    """How many applications have ever reached the task ``task_model``."""
    return (
        TaskState.objects.filter(
            task__content_type=ContentType.objects.get_for_model(task_model),
            workflow_state__base_content_type=application_type(),
        )
        .values("workflow_state__object_id")
        .distinct()
        .count()
    )


def funnel():
    submitted = Application.objects.exclude(submitted_at=None).count()
    rows = [(_("Submitted"), [submitted])]
    rows += [(label, [reached(model)]) for model, label in REVIEW_STAGES]
    rows.append(
        (
            _("Approved for pilot testing"),
            [Application.objects.filter(status=ApplicationStatus.APPROVED).count()],
        )
    )
    return Chart("funnel", _("From submission to approval"), [_("applications")], rows)


def median_days_per_stage():
    rows = []
    for model, label in REVIEW_STAGES:
        spans = [
            (finished - started).total_seconds() / 86400
            for started, finished in TaskState.objects.filter(
                task__content_type=ContentType.objects.get_for_model(model),
                workflow_state__base_content_type=application_type(),
                finished_at__isnull=False,
            ).values_list("started_at", "finished_at")
        ]
        rows.append((label, [round(statistics.median(spans), 1) if spans else 0]))
    return Chart(
        "median-days", _("Median days per stage"), [_("days")], rows, unit="days"
    )


def by_kind():
    counts = dict(
        Application.objects.exclude(submitted_at=None)
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return Chart(
        "by-kind",
        _("Applications by kind"),
        [_("applications")],
        [(label, [counts.get(value, 0)]) for value, label in ApplicationKind.choices],
    )


def by_subsidiary(limit=10):
    rows = (
        Application.objects.exclude(submitted_at=None)
        .values_list("subsidiary__name_ru")
        .annotate(n=Count("pk"))
        .order_by("-n")[:limit]
    )
    return Chart(
        "by-subsidiary",
        _("Applications by subsidiary or asset"),
        [_("applications")],
        [(name or _("not in the list"), [n]) for name, n in rows],
    )


def registrations_per_month():
    counts = Counter()
    for month, n in (
        RegistrationRequest.objects.annotate(month=TruncMonth("submitted_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
    ):
        local = timezone.localtime(month) if timezone.is_aware(month) else month
        counts[(local.year, local.month)] += n
    return Chart(
        "registrations",
        _("Registrations per month"),
        [_("registrations")],
        [
            (f"{month:02d}.{year}", [counts[(year, month)]])
            for year, month in months_back()
        ],
    )


def all_charts():
    return [
        per_month_by_outcome(),
        funnel(),
        median_days_per_stage(),
        by_kind(),
        by_subsidiary(),
        registrations_per_month(),
    ]


REPORT_CACHE_SECONDS = 120


def cached_charts():
    """The charts and when they were computed: counting 100,000 applications takes about
    half a second, so the figures are reused for two minutes."""
    key = "submissions:pipeline-report"
    cached = cache.get(key)
    if cached is None:
        cached = (all_charts(), timezone.now())
        cache.set(key, cached, REPORT_CACHE_SECONDS)
    return cached
