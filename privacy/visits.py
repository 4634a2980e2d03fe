"""Visitor statistics (policy 13.2): page views and unique visitors per day and page.

The IP address is only ever held in memory: it becomes an HMAC keyed with a secret of the
day (``VisitKey``); the secrets of earlier days are deleted, so a stored hash cannot be tied
back to an address, even by someone with the database. Bots (by user agent), the admin,
technical URLs and anything but a successful GET of a page are not counted.
"""

import atexit
import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.http import client_ip
from privacy.models.visits import DailyVisitor, PageVisits, VisitKey

logger = logging.getLogger(__name__)

NOT_COUNTED = re.compile(
    r"^/(?:admin|static|media|documents|captcha|health|files|i18n|cookies|"
    r"robots\.txt|sitemap\.xml|favicon)"
)
BOTS = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python-requests|httpx|headless|monitor|"
    r"preview|scan",
    re.IGNORECASE,
)


# This process's copy of today's secret (day, secret): one database query a day, not one
# a page view; it is replaced, so forgotten, when the day changes.
_today = None


def key_of_the_day(day):
    """Today's secret; the first request of a day makes it and forgets the others."""
    global _today
    if _today is not None and _today[0] == day:
        return _today[1]
    key = VisitKey.objects.filter(day=day).first()
    if key is None:
        try:
            with transaction.atomic():
                key = VisitKey.objects.create(day=day, secret=secrets.token_hex(32))
        except IntegrityError:  # another process made it just now
            key = VisitKey.objects.get(day=day)
        VisitKey.objects.exclude(day=day).delete()
    _today = (day, key.secret)
    return key.secret


def visitor_hash(ip_address, day):
    secret = key_of_the_day(day).encode()
    return hmac.new(secret, ip_address.encode(), hashlib.sha256).hexdigest()[:32]


def counted(request, response):
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not NOT_COUNTED.match(request.path_info)
        and not BOTS.search(request.META.get("HTTP_USER_AGENT", ""))
        and bool(request.META.get("HTTP_USER_AGENT"))
    )


def add_views(day, path, views):
    if not PageVisits.objects.filter(day=day, path=path).update(
        views=F("views") + views
    ):
        try:
            with transaction.atomic():
                PageVisits.objects.create(day=day, path=path, views=views)
        except IntegrityError:  # another process made the row just now
            PageVisits.objects.filter(day=day, path=path).update(
                views=F("views") + views
            )


class VisitBuffer:
    """This process's visits not yet written: views per (day, path) and the day's visitor
    hashes. Written together every ``VISIT_FLUSH_SECONDS`` (0: at once), so a page view
    costs no query; a process killed outright loses at most that many seconds of counts."""

    def __init__(self):
        self.lock = threading.Lock()
        self.views = Counter()
        self.visitors = set()
        self.since = time.monotonic()

    def add(self, day, path, visitor):
        with self.lock:
            self.views[day, path] += 1
            if visitor:
                self.visitors.add((day, path, visitor))
            due = time.monotonic() - self.since >= settings.VISIT_FLUSH_SECONDS
        if due:
            self.flush()

    def flush(self):
        with self.lock:
            views, visitors = self.views, self.visitors
            self.views, self.visitors = Counter(), set()
            self.since = time.monotonic()
        for (day, path), count in views.items():
            add_views(day, path, count)
        DailyVisitor.objects.bulk_create(
            [DailyVisitor(day=d, path=p, visitor=v) for d, p, v in visitors],
            ignore_conflicts=True,
        )


buffer = VisitBuffer()
atexit.register(lambda: buffer.views and buffer.flush())


def record_visit(path, ip_address):
    day = timezone.localdate()
    visitor = visitor_hash(ip_address, day) if ip_address else ""
    buffer.add(day, path[:255], visitor)


class VisitStatisticsMiddleware:
    """Counts each page view after the page is made (setting VISIT_STATISTICS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.VISIT_STATISTICS and counted(request, response):
            try:
                record_visit(request.path_info, client_ip(request))
            except Exception:  # statistics never break a page; the log says why
                logger.exception("Visit of %s not counted", request.path_info)
        return response
