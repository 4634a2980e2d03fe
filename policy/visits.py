"""Visitor statistics (policy 13.2): page views and unique visitors per day and page.

The IP address is only ever held in memory: it becomes an HMAC keyed with a secret of the
day (``VisitKey``); the secrets of earlier days are deleted, so a stored hash cannot be tied
back to an address, even by someone with the database. Bots (by user agent), the admin,
technical URLs and anything but a successful GET of a page are not counted.
"""

import hashlib
import hmac
import logging
import re
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .consent import client_ip
from .models import DailyVisitor, PageVisits, VisitKey

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


def record_visit(path, ip_address):
    day = timezone.localdate()
    path = path[:255]
    if not PageVisits.objects.filter(day=day, path=path).update(views=F("views") + 1):
        try:
            with transaction.atomic():
                PageVisits.objects.create(day=day, path=path, views=1)
        except IntegrityError:
            PageVisits.objects.filter(day=day, path=path).update(views=F("views") + 1)
    if ip_address:
        DailyVisitor.objects.get_or_create(
            day=day, path=path, visitor=visitor_hash(ip_address, day)
        )


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
