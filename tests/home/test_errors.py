"""Errors that tell the truth: only a database that cannot be reached answers 503 with
Retry-After ("try again shortly"); a query that goes wrong, and every other bug, answers
500 with the portal's page and is logged at ERROR with its traceback."""

import logging
import sqlite3

import psycopg
import pytest
from django.db import OperationalError, ProgrammingError, connection, connections
from django.db.utils import DatabaseErrorWrapper

from home.views import lost_database_connection
from tests.conftest import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.home.error_urls")]


def django_error_from(driver_call):
    """The exception Django raises for what ``driver_call`` raises (wrapped the way the
    database backend wraps it: the driver's error is the cause)."""
    with pytest.raises(Exception) as raised, DatabaseErrorWrapper(connection):
        driver_call()
    return raised.value


def refused_postgresql():
    psycopg.connect(f"host=127.0.0.1 port={free_port()} dbname=opi connect_timeout=3")


def missing_sqlite_file():
    sqlite3.connect("file:/nonexistent/opi/db.sqlite3?mode=rw", uri=True)


def sqlite_syntax_error():
    sqlite3.connect(":memory:").execute("SELEC 1")


def sqlite_full_text_syntax_error():
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    database.execute("SELECT * FROM t WHERE t MATCH ?", ['"unclosed'])


class TestWhatCountsAsALostConnection:
    @pytest.mark.parametrize("call", [refused_postgresql, missing_sqlite_file])
    def test_a_database_that_cannot_be_reached(self, call):
        assert lost_database_connection(django_error_from(call))

    @pytest.mark.parametrize(
        "sqlstate_error",
        [
            psycopg.errors.AdminShutdown,  # the server is shutting down
            psycopg.errors.CannotConnectNow,  # starting up, in recovery
            psycopg.errors.ConnectionFailure,  # class 08
            psycopg.errors.TooManyConnections,
        ],
    )
    def test_postgresql_going_away(self, sqlstate_error):
        try:
            raise OperationalError("lost") from sqlstate_error("lost")
        except OperationalError as error:
            assert lost_database_connection(error)

    @pytest.mark.parametrize(
        "call", [sqlite_syntax_error, sqlite_full_text_syntax_error]
    )
    def test_a_query_the_database_refuses_is_no_outage(self, call):
        assert not lost_database_connection(django_error_from(call))

    @pytest.mark.parametrize(
        "sqlstate_error",
        [
            psycopg.errors.QueryCanceled,  # statement timeout
            psycopg.errors.LockNotAvailable,
            psycopg.errors.DeadlockDetected,
            psycopg.errors.SyntaxError,
        ],
    )
    def test_postgresql_query_errors_are_no_outage(self, sqlstate_error):
        try:
            raise OperationalError("query") from sqlstate_error("query")
        except OperationalError as error:
            assert not lost_database_connection(error)

    def test_an_error_without_a_driver_cause_is_no_outage(self):
        assert not lost_database_connection(OperationalError("something"))
        assert not lost_database_connection(KeyError("x"))
        assert not lost_database_connection(None)


@pytest.fixture
def visitor(client):
    client.raise_request_exception = False
    return client


def request_errors(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "django.request" and record.levelno == logging.ERROR
    ]


class TestTheAnswer:
    def test_a_failing_query_is_a_500_logged_as_an_error(self, visitor, caplog):
        response = visitor.get("/fail/query/")
        assert response.status_code == 500
        assert "Retry-After" not in response
        assert "Что-то пошло не так" in response.content.decode()
        [record] = request_errors(caplog)
        assert record.exc_info[0] in (OperationalError, ProgrammingError)

    def test_a_bug_is_a_500_logged_as_an_error(self, visitor, caplog):
        response = visitor.get("/fail/bug/")
        assert response.status_code == 500
        [record] = request_errors(caplog)
        assert record.exc_info[0] is KeyError

    @pytest.mark.parametrize("url", ["/fail/postgresql/", "/fail/sqlite/"])
    def test_an_unreachable_database_is_a_503_to_retry(self, visitor, caplog, url):
        response = visitor.get(url)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "Портал временно недоступен" in response.content.decode()
        assert request_errors(caplog)  # still an error for whoever is on duty


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL server to cut off"
)
def test_a_connection_the_server_cut_off_is_an_outage():
    """A second connection to the test database, ended by the server (as a restart or a
    failover ends it): what Django raises on its next query counts as lost."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        with pytest.raises(OperationalError) as raised, other.cursor() as cursor:
            cursor.execute("SELECT 1")
        assert lost_database_connection(raised.value)
    finally:
        other.close()
