"""Visitor statistics: views and unique visitors are counted, bots and the admin are not,
and no IP address is stored in any form (the database is scanned for it)."""

import datetime
import hashlib

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from privacy import visits
from privacy.models.visits import DailyVisitor, PageVisits, VisitKey
from privacy.visit_report import per_day
from tests.factories import UserFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def new_process(monkeypatch):
    """Each test starts like a fresh process: no secret of the day held in memory."""
    monkeypatch.setattr(visits, "_today", None)


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130"
ADDRESSES = ["203.0.113.77", "198.51.100.23"]


def visit(path, address, agent=BROWSER):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent).get(path)


def every_stored_text():
    """Every value in every table of the database, as text."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names
            for row in cursor.fetchall():
                values.extend(str(value) for value in row if value is not None)
    return "\n".join(values)


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


@override_settings(VISIT_STATISTICS=True)
def test_yesterdays_key_is_forgotten(home_page):
    VisitKey.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=1), secret="old"
    )
    visit("/", ADDRESSES[0])
    assert list(VisitKey.objects.values_list("day", flat=True)) == [
        timezone.localdate()
    ]


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
