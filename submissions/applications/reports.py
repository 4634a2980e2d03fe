"""Figures for the reviewers' report on the pipeline, and the charts that show them.

Each chart is a list of rows (label and one value per series) drawn as horizontal bars in
server-side SVG, with the same rows as a table for screen readers and as CSV.
"""

import datetime
from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Task, TaskState

from core.charts import Chart
from submissions.applications.review import REVIEW_STAGES
from submissions.models.applications import (
    OPEN_STATUSES,
    Application,
    ApplicationKind,
    ApplicationStatus,
    Subsidiary,
)
from submissions.models.registrations import RegistrationRequest

OUTCOMES = [
    ("approved", _("approved")),
    ("rejected", _("rejected")),
    ("withdrawn", pgettext_lazy("application", "withdrawn")),
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


def month_bounds(months):
    """The local midnights starting each of ``months`` and the one after the last."""
    year, month = months[-1]
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return [
        timezone.make_aware(datetime.datetime(y, m, 1)) for y, m in [*months, after]
    ]


def per_month(field, months):
    """A filtered count per month of ``months`` (``m0``, ``m1``…) by the local month of
    ``field``: the same on SQLite and PostgreSQL, and no function applied to each row."""
    bounds = month_bounds(months)
    return {
        f"m{i}": Count(
            "pk",
            filter=Q(**{f"{field}__gte": bounds[i], f"{field}__lt": bounds[i + 1]}),
        )
        for i in range(len(months))
    }


def application_counts(months=None):
    """The applications counted once for the charts that count them: one pass in the
    database, grouped by status, kind and subsidiary, with the submitted ones and those
    submitted in each of ``months``. A row per group (at most statuses × kinds ×
    subsidiaries), whatever the number of applications."""
    months = months or months_back()
    rows = (
        Application.objects.order_by()
        .values("status", "kind", "subsidiary")
        .annotate(
            n=Count("pk"),
            submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
            **per_month("submitted_at", months),
        )
    )
    return {"months": months, "rows": list(rows)}


def outcome_of(status):
    if status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED):
        return status
    if status == ApplicationStatus.WITHDRAWN:
        return "withdrawn"
    return "open"


def per_month_by_outcome(counts=None):
    counts = counts or application_counts()
    months = counts["months"]
    outcomes = defaultdict(Counter)
    for row in counts["rows"]:
        for i, month in enumerate(months):
            outcomes[month][outcome_of(row["status"])] += row[f"m{i}"]
    return Chart(
        "per-month",
        _("Applications per month by outcome"),
        [label for _key, label in OUTCOMES],
        [
            (
                f"{month:02d}.{year}",
                [outcomes[(year, month)][key] for key, _l in OUTCOMES],
            )
            for year, month in months
        ],
    )


def stage_tasks():
    """[(label, ids of the tasks of that stage)] for the review's stages, in order."""
    tasks = defaultdict(list)
    for pk, type_id in Task.objects.values_list("pk", "content_type"):
        tasks[type_id].append(pk)
    return [
        (label, tasks[ContentType.objects.get_for_model(model).pk])
        for model, label in REVIEW_STAGES
    ]


def funnel(counts=None, stages=None):
    counts = counts or application_counts()
    stages = stages or stage_tasks()
    submitted = sum(row["submitted"] for row in counts["rows"])
    approved = sum(
        row["n"]
        for row in counts["rows"]
        if row["status"] == ApplicationStatus.APPROVED
    )
    rows = [(_("Submitted"), [submitted])]
    # how many applications reached each stage: its tasks are the applications' own, and
    # an application has one review workflow from its first submission (resubmitting
    # resumes it), so these are the workflows with a task of the stage (read in the order
    # of an index, migration 0019)
    rows += [
        (
            label,
            [
                TaskState.objects.filter(task__in=task_ids)
                .order_by()
                .values("workflow_state")
                .distinct()
                .count()
            ],
        )
        for label, task_ids in stages
    ]
    rows.append((_("Approved for pilot testing"), [approved]))
    return Chart("funnel", _("From submission to approval"), [_("applications")], rows)


class JulianDay(Func):
    function = "julianday"
    output_field = FloatField()


def days_taken():
    """The days from ``started_at`` to ``finished_at`` of a task state, in the database."""
    # as the index on it is made (migration 0019): on PostgreSQL an interval
    if connection.vendor == "sqlite":
        return JulianDay("finished_at") - JulianDay("started_at")
    return ExpressionWrapper(
        F("finished_at") - F("started_at"), output_field=DurationField()
    )


def median_days(task_ids):
    """The median days of the finished task states of ``task_ids``, or None: the middle
    one or two, found along an index in the database, never loaded."""
    spans = (
        TaskState.objects.filter(task__in=task_ids, finished_at__isnull=False)
        .order_by()
        .annotate(days=days_taken())
    )
    n = spans.count()
    middle = [  # asked even when there is none: as many queries whatever the data
        d.total_seconds() / 86400 if isinstance(d, datetime.timedelta) else d
        for d in spans.order_by("days").values_list("days", flat=True)[
            max(n - 1, 0) // 2 : n // 2 + 1
        ]
    ]
    return sum(middle) / len(middle) if middle else None


def median_days_per_stage(stages=None):
    rows = []
    for label, task_ids in stages or stage_tasks():
        median = median_days(task_ids)
        rows.append((label, [round(median, 1) if median is not None else 0]))
    return Chart(
        "median-days", _("Median days per stage"), [_("days")], rows, unit="days"
    )


def by_kind(counts=None):
    counts = counts or application_counts()
    kinds = Counter()
    for row in counts["rows"]:
        kinds[row["kind"]] += row["submitted"]
    return Chart(
        "by-kind",
        _("Applications by kind"),
        [_("applications")],
        [(label, [kinds[value]]) for value, label in ApplicationKind.choices],
    )


def by_subsidiary(counts=None, limit=10):
    counts = counts or application_counts()
    per_subsidiary = Counter()
    for row in counts["rows"]:
        per_subsidiary[row["subsidiary"]] += row["submitted"]
    names = dict(Subsidiary.objects.order_by().values_list("pk", "name_ru"))  # a few
    per_name = Counter()
    for pk, n in per_subsidiary.items():
        if n:
            per_name[names.get(pk)] += n
    rows = sorted(per_name.items(), key=lambda item: (-item[1], item[0] or ""))
    return Chart(
        "by-subsidiary",
        _("Applications by subsidiary or asset"),
        [_("applications")],
        [(name or _("not in the list"), [n]) for name, n in rows[:limit]],
    )


def by_request():
    """Per technology request, and a row for the free proposals: the applications
    submitted, under review (or sent back for changes), approved and rejected, counted
    in one query grouped by request (applications point at the request in the default
    language, so a request is one row whatever language its applicants read)."""
    rows = (
        Application.objects.filter(submitted_at__isnull=False)
        .order_by()
        .values("technology_request", "technology_request__title")
        .annotate(
            submitted=Count("pk"),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            approved=Count("pk", filter=Q(status=ApplicationStatus.APPROVED)),
            rejected=Count("pk", filter=Q(status=ApplicationStatus.REJECTED)),
        )
    )
    figures = ("submitted", "open", "approved", "rejected")
    requests, free = [], [0] * len(figures)
    for row in rows:
        if row["technology_request"] is None:
            free = [row[name] for name in figures]
        else:
            requests.append(
                (row["technology_request__title"], [row[name] for name in figures])
            )
    requests.sort(key=lambda item: item[0])
    return Chart(
        "by-request",
        _("Applications by technology request"),
        [_("Submitted"), _("under review"), _("approved"), _("rejected")],
        [*requests, (_("Free proposals (no request)"), free)],
        table_only=True,
    )


def registrations_per_month():
    months = months_back()
    counts = RegistrationRequest.objects.order_by().aggregate(
        **per_month("submitted_at", months)
    )
    return Chart(
        "registrations",
        _("Registrations per month"),
        [_("registrations")],
        [
            (f"{month:02d}.{year}", [counts[f"m{i}"]])
            for i, (year, month) in enumerate(months)
        ],
    )


def all_charts():
    """Every chart, in a fixed number of queries: the applications are counted once."""
    counts = application_counts()
    stages = stage_tasks()
    return [
        per_month_by_outcome(counts),
        funnel(counts, stages),
        median_days_per_stage(stages),
        by_kind(counts),
        by_subsidiary(counts),
        by_request(),
        registrations_per_month(),
    ]


REPORT_CACHE_SECONDS = 120


def cached_charts():
    """The charts and when they were computed: everything is counted in the database,
    in a fixed number of queries, but over every application, so the figures are reused
    for two minutes."""
    key = "submissions:pipeline-report"
    cached = cache.get(key)
    if cached is None:
        cached = (all_charts(), timezone.now())
        cache.set(key, cached, REPORT_CACHE_SECONDS)
    return cached
