"""Visitor statistics: views and unique visitors are counted, bots and the admin are not,
no IP address is stored in any form (the database is scanned for it), the statistics
cannot be reversed with everything the database holds, and the key of a day is gone
from the shared cache and from the process at midnight."""

import datetime
import hashlib
import hmac
import ipaddress
import re
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from privacy import visits
from privacy.models.visits import DailyVisitor, PageVisits
from privacy.visit_report import per_day
from tests.factories import UserFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def new_process():
    """Each test starts like a fresh process on a fresh cache: no secret of the day."""
    visits.held.forget()
    cache.clear()
    yield
    visits.held.forget()


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130"
ADDRESSES = ["203.0.113.77", "198.51.100.23"]


def visit(path, address, agent=BROWSER):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent).get(path)


def every_stored_text():
    """Every value in every table of the database, as text."""
    return "\n".join(str(value) for value in every_row())


@override_settings(VISIT_STATISTICS=True)
def test_views_and_unique_visitors_are_counted_without_storing_an_address(home_page):
    for _repeat in range(3):
        visit("/", ADDRESSES[0])
    visit("/", ADDRESSES[1])
    visit("/en/", ADDRESSES[1])
    visit("/", "192.0.2.9", agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    visit("/admin/login/", ADDRESSES[0])
    assert PageVisits.objects.get(path="/").views == 4
    assert PageVisits.objects.get(path="/en/").views == 1
    assert not PageVisits.objects.filter(path__startswith="/admin").exists()
    assert DailyVisitor.objects.filter(path="/").count() == 2
    views, visitors = per_day()
    assert views.rows[-1][1] == [5] and visitors.rows[-1][1] == [2]

    stored = every_stored_text()
    for address in [*ADDRESSES, "192.0.2.9"]:
        assert address not in stored
        for digest in (hashlib.sha256, hashlib.md5, hashlib.sha1):
            assert digest(address.encode()).hexdigest()[:16] not in stored


# --- reversing the statistics with the database ---------------------------------------

NETWORK = ipaddress.ip_network("172.20.0.0/16")  # where the test's visitors come from
VISITORS = ["172.20.113.77", "172.20.4.23", "172.20.250.1"]
OUTSIDER = "198.51.100.23"
# A run of 16 or more characters of the alphabets keys are written in (hex, base64,
# URL-safe)...
TOKEN = re.compile(r"[A-Za-z0-9_+/=-]{16,}")
# ...looks like a secret unless it is made of words: a migration's or a permission's
# name (snake_case), a model's (lowercase or CamelCase).
WORDS = re.compile(r"[a-z]+|[a-z0-9]+(?:_[a-z0-9]+)+|[A-Za-z][a-z]+(?:[A-Z][a-z]+)+")


def every_row():
    """Every value in every table of the database, as stored."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names
            for row in cursor.fetchall():
                values.extend(value for value in row if value is not None)
    return values


def candidate_keys(values):
    """(every value whole and every token in it, the tokens that look like secrets)."""
    everything, secret_looking = set(), set()
    for value in values:
        if isinstance(value, bytes | memoryview):
            everything.add(bytes(value))
            value = bytes(value).hex()
        text = str(value)
        everything.add(text.encode())
        for token in TOKEN.findall(text):
            everything.add(token.encode())
            if not WORDS.fullmatch(token):
                secret_looking.add(token.encode())
    return everything, secret_looking


def hashes_under(key, addresses):
    """The visitor hashes ``key`` would give ``addresses`` (as the portal makes them)."""
    base = hmac.new(key, digestmod=hashlib.sha256)
    for address in addresses:
        digest = base.copy()
        digest.update(address)
        yield digest.hexdigest()[:32]


def reversed_visitors(stored_hashes, keys, secret_looking):
    """The visitors found: the actual visitors' addresses tried with every value and
    token the database holds as the key (the portal's HMAC and plain hashes of key and
    address), and every address of the /16 with every secret-looking token."""
    found = set()
    actual = [address.encode() for address in [*VISITORS, OUTSIDER]]
    for key in keys:
        for address, digest in zip(actual, hashes_under(key, actual), strict=True):
            made = [
                digest,
                hashlib.sha256(key + address).hexdigest(),
                hashlib.sha256(address + key).hexdigest(),
                hmac.new(address, key, hashlib.sha256).hexdigest(),
            ]
            if any(m[:32] in stored_hashes for m in made):
                found.add(address.decode())
    network = [str(ip).encode() for ip in NETWORK]
    for key in secret_looking:
        for address, digest in zip(network, hashes_under(key, network), strict=True):
            if digest in stored_hashes:
                found.add(address.decode())
    return found


@override_settings(VISIT_STATISTICS=True, VISIT_FLUSH_SECONDS=0)
def test_the_statistics_cannot_be_reversed_with_everything_the_database_holds(
    home_page,
):
    for address in [*VISITORS, OUTSIDER]:
        visit("/", address)
        visit("/en/", address)
    stored_hashes = set(DailyVisitor.objects.values_list("visitor", flat=True))
    assert len(stored_hashes) == len(VISITORS) + 1  # the day's visitors, counted

    values = every_row()
    keys, secret_looking = candidate_keys(values)
    assert stored_hashes <= {str(value) for value in values}  # the hashes are there
    assert {h.encode() for h in stored_hashes} <= secret_looking  # and tried as keys
    assert reversed_visitors(stored_hashes, keys, secret_looking) == set()

    # The same attack with the key of the day (held in the cache, not the database)
    # finds every visitor: the test would see a key that reached the database.
    today = visits.key_of_the_day().encode()
    assert today not in keys
    assert reversed_visitors(stored_hashes, set(), {today}) == set(VISITORS)
    assert reversed_visitors(stored_hashes, {today}, set()) == {*VISITORS, OUTSIDER}


# --- the key of a day ends at midnight ---------------------------------------------------


class Clock:
    """The portal's and the cache's time, moved by the test."""

    def __init__(self, monkeypatch, at):
        self.at = at
        monkeypatch.setattr(timezone, "now", lambda: self.at)
        monkeypatch.setattr(time, "time", lambda: self.at.timestamp())

    def move(self, **delta):
        self.at += datetime.timedelta(**delta)


def local(day, hour, minute=0, second=0):
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute, second))
    )


def test_the_key_of_a_day_is_shared_by_every_process_and_kept_in_no_table(db):
    first = visits.key_of_the_day()
    visits.held.forget()  # another process: nothing in its memory
    assert visits.key_of_the_day() == first  # it reads the one key of the day
    assert cache.get(visits.cache_key(timezone.localdate())) == first
    assert first not in "\n".join(str(value) for value in every_row())


def test_the_key_of_a_day_is_gone_from_cache_and_process_at_midnight(db, monkeypatch):
    day = datetime.date(2026, 3, 20)
    clock = Clock(monkeypatch, local(day, 23, 59, 50))
    evening = visits.key_of_the_day()
    hashed = visits.visitor_hash(VISITORS[0])
    assert cache.get(visits.cache_key(day)) == evening
    clock.move(seconds=9)  # 23:59:59: still the same day, the same key
    assert visits.key_of_the_day() == evening
    assert visits.visitor_hash(VISITORS[0]) == hashed

    clock.move(seconds=2)  # 00:00:01, and nobody has visited
    assert cache.get(visits.cache_key(day)) is None  # expired in the shared cache
    assert visits.held.get(day, timezone.now()) is None  # and in the process
    assert visits.held.secret is None

    morning = visits.key_of_the_day()
    assert morning != evening
    assert visits.visitor_hash(VISITORS[0]) != hashed
    assert cache.get(visits.cache_key(day + datetime.timedelta(days=1))) == morning
    assert cache.get(visits.cache_key(day)) is None


def test_a_process_forgets_the_key_at_midnight_without_a_visit(db, monkeypatch):
    monkeypatch.setattr(visits, "seconds_until_midnight", lambda now: 0.2)
    visits.key_of_the_day()
    assert visits.held.secret is not None
    timer = visits.held.timer
    timer.join(timeout=5)
    assert not timer.is_alive()
    assert visits.held.secret is None and visits.held.day is None


@override_settings(VISIT_STATISTICS=True)
def test_the_report_shows_charts_tables_and_csv(home_page, superuser):
    visit("/", ADDRESSES[0])
    client = Client()
    verified_login(client, superuser)
    html = client.get(reverse("visits_report")).content.decode()
    assert "<svg" in html and "Уникальные посетители по дням" in html
    csv = client.get(reverse("visits_report") + "?export=top-pages")
    assert "/,1" in b"".join(csv.streaming_content).decode("utf-8-sig")
    applicant = UserFactory(email="someone@example.kz")
    other = Client()
    other.force_login(applicant)
    assert other.get(reverse("visits_report")).status_code == 302
