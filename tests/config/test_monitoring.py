"""Error monitoring and logs a team on duty can use, without personal data: a Sentry event
of a failing request keeps the exception's type, stack and URL pattern and loses every
e-mail, IIN, phone number, IP address and name the request, the user, the local
variables, the message and the breadcrumbs held; with LOG_FORMAT=json every request
writes one JSON line carrying the id returned in X-Request-ID, and so does an error."""

import io
import json
import logging
import re
import subprocess
import sys
import urllib.parse
import uuid

import pytest
import sentry_sdk
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from sentry_sdk.transport import Transport

from config.monitoring import init_sentry, scrub_text
from config.request_log import JsonFormatter, RequestIdFilter
from tests.config.monitoring_urls import PERSONAL
from tests.factories import ApplicantFactory
from tests.helpers import ROOT, run_manage

pytestmark = pytest.mark.django_db

DSN = "https://public@glitchtip.opi.example.kz/1"


class MemoryTransport(Transport):
    """Keeps every envelope instead of sending it."""

    envelopes = []

    def capture_envelope(self, envelope):
        MemoryTransport.envelopes.append(envelope)


def serialized(envelopes):
    out = io.BytesIO()
    for envelope in envelopes:
        envelope.serialize_into(out)
    return out.getvalue().decode("utf-8")


def spellings(value):
    """``value`` as it may appear in a serialized event: as is, JSON-escaped, URL-encoded
    (a query string, a form body)."""
    return {
        value,
        json.dumps(value)[1:-1],
        urllib.parse.quote(value),
        urllib.parse.quote_plus(value),
        value.replace(" ", ""),
    }


@pytest.fixture
def sentry(settings):
    settings.ROOT_URLCONF = "tests.config.monitoring_urls"
    MemoryTransport.envelopes = []
    init_sentry(DSN, environment="test", release="opi@test", transport=MemoryTransport)
    yield MemoryTransport.envelopes
    sentry_sdk.get_client().close()
    sentry_sdk.init(default_integrations=False)  # the patches stay, inert


def wsgi_request(method, path, *, query="", body="", headers=None):
    """A request through the WSGI application itself, as gunicorn hands it over (the
    test client skips the WSGI handler, where Sentry reads the request)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": PERSONAL["ip"],
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body.encode())),
        "wsgi.input": io.BytesIO(body.encode()),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        **(headers or {}),
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    # As the test client does: the test's transaction keeps its connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        body_out = b"".join(WSGIHandler()(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body_out


def failing_request(client_session=None):
    query = urllib.parse.urlencode(
        {"email": PERSONAL["email"], "iin": PERSONAL["iin"], "who": PERSONAL["name"]}
    )
    body = urllib.parse.urlencode(
        {
            "email": PERSONAL["email"],
            "phone": PERSONAL["phone"],
            "name": PERSONAL["name"],
        }
    )
    cookie = f"sessionid={client_session}; contact={PERSONAL['email']}"
    return wsgi_request(
        "POST",
        f"/fail/pii/{PERSONAL['reference']}/",
        query=query,
        body=body,
        headers={
            "HTTP_COOKIE": cookie,
            "HTTP_AUTHORIZATION": f"Basic {PERSONAL['email']}",
            "HTTP_X_FORWARDED_FOR": PERSONAL["ip"],
            "HTTP_USER_AGENT": f"Mozilla/5.0 ({PERSONAL['name']})",
            "HTTP_REFERER": f"http://testserver/?email={PERSONAL['email']}",
        },
    )


class TestSentryEvents:
    def test_an_error_event_holds_no_personal_data(self, sentry, client):
        applicant = ApplicantFactory(email="applicant.pii@example.kz")
        client.force_login(applicant)
        status, headers, _body = failing_request(client.cookies["sessionid"].value)
        assert status == 500
        sentry_sdk.flush()
        payload = serialized(sentry)
        assert '"type":"ValueError"' in payload.replace(" ", "")
        assert "/fail/pii/{reference}/" in payload
        assert headers["X-Request-ID"] in payload  # the same id as the logs'
        leaked = [
            (what, spelling)
            for what, value in {
                **PERSONAL,
                "applicant": applicant.email,
                "session": client.cookies["sessionid"].value,
            }.items()
            for spelling in spellings(value)
            if spelling in payload
        ]
        assert leaked == []
        assert "203.0.113" not in payload
        assert "Иванов" not in payload and "\\u0418\\u0432\\u0430" not in payload

    def test_a_log_error_event_loses_its_arguments(self, sentry):
        logging.getLogger("opi.test").error(
            "Notice to %s failed", PERSONAL["email"], extra={"who": PERSONAL["name"]}
        )
        sentry_sdk.flush()
        payload = serialized(sentry)
        assert "Notice to %s failed" in payload
        assert not any(s in payload for s in spellings(PERSONAL["email"]))
        assert "Иванов" not in payload and "\\u0418" not in payload

    def test_no_event_without_a_dsn(self):
        result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.test")
        assert result.returncode == 0
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django, sentry_sdk; django.setup(); "
                "print(sentry_sdk.get_client().is_active())",
            ],
            cwd=ROOT,
            env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert probe.stdout.strip().splitlines()[-1] == "False"

    def test_a_dsn_switches_it_on(self):
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django, sentry_sdk; django.setup(); "
                "o = sentry_sdk.get_client().options; "
                "print(sentry_sdk.get_client().is_active(), "
                "o['data_collection']['user_info'], o['event_scrubber'] is not None, "
                "o['traces_sample_rate'], o['environment'], o['release'])",
            ],
            cwd=ROOT,
            env={
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "PATH": "/usr/bin",
                "SENTRY_DSN": DSN,
                "SENTRY_ENVIRONMENT": "staging",
                "SENTRY_RELEASE": "opi@1.2.3",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (
            probe.stdout.strip().splitlines()[-1]
            == "True False True 0.0 staging opi@1.2.3"
        )


class TestScrubbing:
    @pytest.mark.parametrize(
        "text",
        [
            "write to ivanov@example.kz",
            "IIN 900203000002",
            "BIN 940 740 000 911",
            "call +7 (701) 234-56-78",
            "call 8 701 234 56 78",
            "from 203.0.113.77",
            "from 2001:db8::7",
            "from 2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "/accounts/reset/MTI/c4x2ab-1f2e3d4c5b6a7980a1b2c3d4e5f6/",
        ],
    )
    def test_identifiers_are_filtered(self, text):
        scrubbed = scrub_text(text)
        assert "[Filtered]" in scrubbed
        assert not re.search(r"\d{3}", scrubbed.replace("2001", ""))

    def test_sql_and_networks_survive(self):
        sql = (
            'SELECT "accounts_user"."id" FROM "accounts_user" WHERE email = %s LIMIT 21'
        )
        assert scrub_text(sql) == sql
        assert scrub_text("network=10.1.2.0/24") == "network=10.1.2.0/24"


@pytest.fixture
def json_log(settings):
    """The console handler as LOG_FORMAT=json builds it, writing into a buffer."""
    settings.ROOT_URLCONF = "tests.config.monitoring_urls"
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    request_logger = logging.getLogger("opi.request")
    level = request_logger.level
    request_logger.setLevel(logging.INFO)
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    root.removeHandler(handler)
    request_logger.setLevel(level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "opi.request"]


class TestJsonLogs:
    def test_one_line_per_request_with_the_id_of_the_response(self, client, json_log):
        response = client.get("/robots.txt")
        [line] = request_lines(json_log())
        assert line["request_id"] == response["X-Request-ID"]
        uuid.UUID(line["request_id"])
        assert line["method"] == "GET"
        assert line["route"] == "/robots.txt"
        assert line["status"] == 200
        assert isinstance(line["duration_ms"], float)
        assert {"timestamp", "level", "message"} <= set(line)

    def test_the_proxys_request_id_is_kept_when_sane(self, client, json_log):
        response = client.get("/robots.txt", headers={"X-Request-ID": "nginx-4f2a9c1e"})
        assert response["X-Request-ID"] == "nginx-4f2a9c1e"
        assert request_lines(json_log())[0]["request_id"] == "nginx-4f2a9c1e"

    @pytest.mark.parametrize(
        "incoming",
        ["x" * 65, "short", "a b c d e f g h", "<script>1234</script>", "é" * 10],
    )
    def test_an_insane_request_id_is_replaced(self, client, json_log, incoming):
        response = client.get("/robots.txt", headers={"X-Request-ID": incoming})
        uuid.UUID(response["X-Request-ID"])

    def test_the_path_of_a_link_with_a_token_is_not_logged(self, client, json_log):
        token = "c4x2ab-1f2e3d4c5b6a7980a1b2c3d4"
        client.get(f"/accounts/verify/{token}/")
        lines = json_log()
        assert request_lines(lines)[0]["route"] == "/accounts/verify/<str:token>/"
        assert token not in json.dumps(lines)

    def test_an_error_logs_with_the_same_request_id(self, client, json_log):
        client.raise_request_exception = False
        response = client.post(
            f"/fail/pii/{PERSONAL['reference']}/",
            {"email": PERSONAL["email"]},
            REMOTE_ADDR=PERSONAL["ip"],
        )
        assert response.status_code == 500
        lines = json_log()
        [error] = [line for line in lines if line["logger"] == "django.request"]
        assert error["level"] == "ERROR"
        assert error["request_id"] == response["X-Request-ID"]
        assert "ValueError" in error["exception"]
        assert error["message"] == "Internal Server Error: /fail/pii/<str:reference>/"
        [line] = request_lines(lines)
        assert line["status"] == 500 and line["request_id"] == error["request_id"]
        everything = json.dumps(lines, ensure_ascii=False)
        assert PERSONAL["email"] not in everything
        assert PERSONAL["ip"] not in everything
        assert PERSONAL["reference"] not in json.dumps(request_lines(lines))

    def test_log_format_json_is_what_the_settings_build(self):
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django, logging; django.setup(); "
                "h = logging.getLogger().handlers[0]; "
                "print(type(h.formatter).__name__, "
                "logging.getLogger('opi.request').getEffectiveLevel())",
            ],
            cwd=ROOT,
            env={
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "PATH": "/usr/bin",
                "LOG_FORMAT": "json",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert probe.stdout.strip().splitlines()[-1] == "JsonFormatter 20"

    def test_an_unknown_log_format_is_refused(self):
        result = run_manage("check", LOG_FORMAT="xml")
        assert result.returncode != 0
        assert "LOG_FORMAT must be one of text, json" in result.stderr
