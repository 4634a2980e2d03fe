"""A URL map for the error-page tests: the portal's own, plus views that fail the way a
database fails (a query the database refuses, a database that cannot be reached)."""

import sqlite3

import psycopg
from django.db import connection
from django.db.utils import DatabaseErrorWrapper
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns
from tests.conftest import free_port


def failing_query(request):
    """A query the database refuses: a syntax error on SQLite (an OperationalError
    there), a statement timeout on PostgreSQL (an OperationalError there too)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL statement_timeout = 1")
            cursor.execute("SELECT pg_sleep(1)")
        else:
            cursor.execute("SELEC 1")
    return HttpResponse("unreachable")


def unreachable_postgresql(request):
    """What Django raises when PostgreSQL does not answer: its OperationalError over
    psycopg's "connection failed"."""
    with DatabaseErrorWrapper(connection):
        psycopg.connect(
            f"host=127.0.0.1 port={free_port()} dbname=opi user=opi connect_timeout=3"
        )
    return HttpResponse("unreachable")


def missing_sqlite_file(request):
    """What Django raises when SQLite's file cannot be opened."""
    with DatabaseErrorWrapper(connection):
        sqlite3.connect("file:/nonexistent/opi/db.sqlite3?mode=rw", uri=True)
    return HttpResponse("unreachable")


def plain_bug(request):
    raise KeyError("a bug")


urlpatterns = [
    path("fail/query/", failing_query),
    path("fail/postgresql/", unreachable_postgresql),
    path("fail/sqlite/", missing_sqlite_file),
    path("fail/bug/", plain_bug),
    *portal_urlpatterns,
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
