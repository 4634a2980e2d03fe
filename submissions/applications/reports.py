"""Figures for the reviewers' report on the pipeline, and the charts that show them.

Each chart is a list of rows (label and one value per series) drawn as horizontal bars in
server-side SVG, with the same rows as a table for screen readers and as CSV.
"""

import csv
import statistics
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from submissions.applications.models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
)
from submissions.registrations.models import RegistrationRequest

OUTCOMES = [
    ("approved", _("approved")),
    ("rejected", _("rejected")),
    ("withdrawn", _("withdrawn")),
    ("open", _("under review")),
]
STAGE_TASKS = [
    ("screeningtask", _("Screening")),
    ("expertassessmenttask", _("Expert assessment")),
    ("decisiontask", _("Decision")),
]
PALETTE = ["#1a6b33", "#b42318", "#6b6b6b", "#0a5a8c"]
SINGLE = "#0a5a8c"


def csv_download(filename, rows):
    """``rows`` (the first one the headings) as a CSV download named ``filename``.csv,
    UTF-8 with a BOM so that spreadsheets read Cyrillic right: every export of the
    portal's own answers this way."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    csv.writer(response).writerows(rows)
    return response


class Chart:
    """Rows of (label, [values]) for ``series``; ``unit`` says what a value counts."""

    def __init__(self, slug, title, series, rows, unit=""):
        self.slug = slug
        self.title = title
        self.series = series
        self.rows = rows
        self.unit = unit

    @property
    def total_max(self):
        return max((sum(values) for _label, values in self.rows), default=0) or 1

    def colour(self, serie):
        return SINGLE if len(self.series) == 1 else PALETTE[serie % len(PALETTE)]

    def svg(self, width=640, bar=22, gap=8, label_width=220):
        """Geometry of the bars: one group per row, one rectangle per series."""
        scale = (width - label_width - 60) / self.total_max
        groups = []
        for index, (label, values) in enumerate(self.rows):
            y = index * (bar + gap)
            x = label_width
            segments = []
            for serie, value in enumerate(values):
                length = value * scale
                if value:
                    segments.append(
                        {
                            "x": round(x, 1),
                            "width": round(max(length, 1), 1),
                            "colour": self.colour(serie),
                            "value": value,
                            "serie": self.series[serie],
                        }
                    )
                x += length
            groups.append(
                {
                    "y": y,
                    "text_y": round(y + bar * 0.7, 1),
                    "label": label,
                    "segments": segments,
                    "total": round(sum(values), 1),
                    "total_x": round(x + 6, 1),
                }
            )
        return {
            "width": width,
            "height": max(len(self.rows), 1) * (bar + gap),
            "bar": bar,
            "label_width": label_width,
            "groups": groups,
            "legend": [(name, self.colour(i)) for i, name in enumerate(self.series)],
        }

    def csv_response(self):
        return csv_download(self.slug, self.csv_rows())

    def csv_rows(self):
        yield [str(_("Row")), *[str(name) for name in self.series]]
        for label, values in self.rows:
            yield [str(label), *values]


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


def reached(task_model):
    """How many applications have ever reached the task ``task_model``."""
    return (
        TaskState.objects.filter(
            task__content_type__model=task_model,
            workflow_state__base_content_type__model="application",
        )
        .values("workflow_state__object_id")
        .distinct()
        .count()
    )


def funnel():
    submitted = Application.objects.exclude(submitted_at=None).count()
    rows = [(_("Submitted"), [submitted])]
    rows += [(label, [reached(model)]) for model, label in STAGE_TASKS]
    rows.append(
        (
            _("Approved for pilot testing"),
            [Application.objects.filter(status=ApplicationStatus.APPROVED).count()],
        )
    )
    return Chart("funnel", _("From submission to approval"), [_("applications")], rows)


def median_days_per_stage():
    rows = []
    for model, label in STAGE_TASKS:
        spans = [
            (finished - started).total_seconds() / 86400
            for started, finished in TaskState.objects.filter(
                task__content_type__model=model,
                workflow_state__base_content_type__model="application",
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
