"""Visitor statistics (policy 13.2): page views and unique visitors per day and page.

The IP address is only ever held in memory: it becomes an HMAC keyed with a secret of the
day. That secret never reaches the database where the hashes are: it lives in the shared
cache (Redis in production; each process's memory without ``REDIS_URL``), made there with
``cache.add`` so that every process uses the same one, and expiring at the next local
midnight; each process keeps its copy in memory until that midnight only, and forgets it
then whether or not anyone visits. A stored hash therefore cannot be tied back to an
address, even by someone with the whole database. Bots (by user agent), the admin,
technical URLs and anything but a successful GET of a page are not counted.
"""

import atexit
import datetime
import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.http import client_ip
from privacy.models.visits import DailyVisitor, PageVisits

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

CACHE_KEY = "privacy:visit-key:{day}"


def cache_key(day):
    """Where the shared cache holds the secret of ``day``."""
    return CACHE_KEY.format(day=day.isoformat())


def next_midnight(now):
    """The first moment of the local day after the one ``now`` falls on."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def seconds_until_midnight(now):
    """Whole seconds from ``now`` to the next local midnight, at least one (a cache
    timeout of 0 would mean "do not store")."""
    return max(1, int((next_midnight(now) - now).total_seconds()))


class HeldKey:
    """This process's copy of the day's secret, held until the day's midnight: a timer
    forgets it then, and a copy read after its midnight (a timer that could not run, a
    process forked holding it) is forgotten instead of used."""

    def __init__(self):
        self.lock = threading.Lock()
        self.day = None
        self.secret = None
        self.until = None  # the midnight that ends it
        self.timer = None

    def get(self, day, now):
        with self.lock:
            if self.secret is not None and (self.day != day or now >= self.until):
                self._forget()
            return self.secret

    def hold(self, day, secret, now):
        with self.lock:
            self._forget()
            self.day, self.secret, self.until = day, secret, next_midnight(now)
            self.timer = threading.Timer(seconds_until_midnight(now), self.forget)
            self.timer.daemon = True
            self.timer.start()

    def forget(self):
        with self.lock:
            self._forget()

    def _forget(self):
        if self.timer is not None and self.timer is not threading.current_thread():
            self.timer.cancel()
        self.day = self.secret = self.until = self.timer = None


held = HeldKey()
# A process forked from one holding the key starts without it (and without its timer).
os.register_at_fork(after_in_child=lambda: held.__init__())


def key_of_the_day(now=None):
    """The secret of the local day of ``now`` (default: now): this process's copy, else
    the shared cache's, else a new one that the cache keeps until midnight (the first
    process to add it wins; the others read the winner's)."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    secret = held.get(day, now)
    if secret is not None:
        return secret
    key = cache_key(day)
    for _attempt in range(3):
        secret = secrets.token_hex(32)
        if cache.add(key, secret, seconds_until_midnight(now)):
            break
        stored = cache.get(key)
        if stored is not None:  # None only if it expired between the add and the get
            secret = stored
            break
    held.hold(day, secret, now)
    return secret


def visitor_hash(ip_address, now=None):
    """The visitor's keyed hash for the day of ``now``."""
    secret = key_of_the_day(now).encode()
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
    now = timezone.now()
    visitor = visitor_hash(ip_address, now) if ip_address else ""
    buffer.add(timezone.localdate(now), path[:255], visitor)


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
