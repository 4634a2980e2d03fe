"""The visitor statistics report: views and unique visitors per day, the top pages."""

import datetime

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from core.charts import Chart
from privacy.models.visits import DailyVisitor, PageVisits

DAYS = 30


def days_back(count=DAYS):
    today = timezone.localdate()
    return [today - datetime.timedelta(days=n) for n in range(count - 1, -1, -1)]


def per_day():
    days = days_back()
    views = dict(
        PageVisits.objects.filter(day__gte=days[0])
        .values_list("day")
        .annotate(n=Sum("views"))
    )
    visitors = dict(
        DailyVisitor.objects.filter(day__gte=days[0])
        .values_list("day")
        .annotate(n=Count("visitor", distinct=True))
    )
    return [
        Chart(
            "views",
            _("Page views per day"),
            [_("views")],
            [(day.strftime("%d.%m"), [views.get(day, 0)]) for day in days],
        ),
        Chart(
            "visitors",
            _("Unique visitors per day"),
            [_("visitors")],
            [(day.strftime("%d.%m"), [visitors.get(day, 0)]) for day in days],
        ),
    ]


def top_pages(limit=15):
    since = days_back()[0]
    views = (
        PageVisits.objects.filter(day__gte=since)
        .values_list("path")
        .annotate(n=Sum("views"))
        .order_by("-n")[:limit]
    )
    visitors = dict(
        DailyVisitor.objects.filter(day__gte=since, path__in=[p for p, _n in views])
        .values_list("path")
        .annotate(n=Count("visitor"))
    )
    return Chart(
        "top-pages",
        _("Top pages, last 30 days (views)"),
        [_("views")],
        [(path, [n]) for path, n in views],
    ), [(path, n, visitors.get(path, 0)) for path, n in views]


def may_see_visits(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=roles.EDITORS).exists()
    )
