"""Configuration: security headers, and production settings that refuse to run unsafely."""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import free_port, missing_tool
from tests.helpers import ROOT, run_manage

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "ALLOWED_HOSTS": "opi.example.kz",
    "CSRF_TRUSTED_ORIGINS": "https://opi.example.kz",
}


class TestProductionSettings:
    def test_refuses_to_start_without_a_secret_key(self):
        result = run_manage("check", **PRODUCTION_ENV)
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr

    def test_refuses_a_development_secret_key(self):
        result = run_manage(
            "check",
            SECRET_KEY="dev-only-secret-key-never-used-in-production",
            **PRODUCTION_ENV,
        )
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr

    def test_deploy_checks_report_no_warnings(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            SECRET_KEY=secrets.token_urlsafe(64),
            **PRODUCTION_ENV,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout


@pytest.mark.django_db
class TestSecurityHeaders:
    def test_public_pages_get_a_strict_policy(self, client, home_page):
        response = client.get("/")
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"

    def test_admin_gets_what_wagtail_needs(self, client):
        policy = client.get("/admin/login/")["Content-Security-Policy"]
        assert "'unsafe-inline'" in policy
        assert "frame-ancestors 'self'" in policy
        assert "'none'" not in policy.split("frame-ancestors")[1].split(";")[0]

    def test_public_templates_have_no_inline_script_or_style(self, client, home_page):
        html = client.get("/").content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert "<style" not in html and " style=" not in html
        assert re.findall(r"\son[a-z]+=", html) == []  # no inline event handlers


PRODUCTION_HEADER_CHECK = """
from django.test import Client
client = Client(HTTP_HOST="opi.example.kz")
response = client.get("/accounts/login/", secure=True)
h = response.headers
print("STATUS", response.status_code)
for name in ("Strict-Transport-Security", "Content-Security-Policy",
             "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
             "Permissions-Policy", "Cache-Control"):
    print("HEADER", name, "=", h.get(name, ""))
cookie = response.cookies.get("csrftoken")
print("CSRF", cookie["secure"], cookie["httponly"], cookie["samesite"])
from django.conf import settings
print("SESSION", settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
      settings.SESSION_COOKIE_SAMESITE)
"""


def test_production_responses_carry_every_security_header(tmp_path, migrated_database):
    """The headers the Mozilla Observatory rules ask for, under the production settings
    (on a copy of the session's migrated database, tests/conftest.py)."""
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": migrated_database,
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "ERROR",
    }
    assert run_manage("collectstatic", "--noinput", **env).returncode == 0
    result = run_manage("shell", "-c", PRODUCTION_HEADER_CHECK, **env)
    out = result.stdout
    assert "STATUS 200" in out, out + result.stderr
    headers = dict(
        line.removeprefix("HEADER ").split(" = ", 1)
        for line in out.splitlines()
        if line.startswith("HEADER ")
    )
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert "includeSubDomains" in hsts
    csp = headers["Content-Security-Policy"]
    for directive in (
        "object-src 'none'",
        "base-uri",
        "frame-ancestors",
        "default-src",
    ):
        assert directive in csp, csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "strict-origin", "no-referrer")
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "CSRF True True Lax" in out
    assert "SESSION True True Lax" in out


REDIS_CHECK = """
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import cache
print("BACKEND", settings.CACHES["default"]["BACKEND"])
print("SESSIONS", settings.SESSION_ENGINE)
print("AXES", settings.AXES_HANDLER)
cache.set("written-by-the-portal", "yes", 60)
session = SessionStore()
session["reviewer"] = 7
session.create()
print("KEY", session.session_key)
"""

REDIS_READ_BACK = """
import sys
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
key = sys.stdin.read().strip()
print("CACHE", cache.get("written-by-the-portal"))
with connection.execute_wrapper(lambda *a: (_ for _ in ()).throw(AssertionError("SQL"))):
    print("SESSION", SessionStore(session_key=key).get("reviewer"))
print("IN DATABASE", Session.objects.filter(session_key=key).exists())
"""


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if not server:
        missing_tool("redis-server (Debian package redis-server) is not installed")
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def test_with_redis_url_every_process_shares_the_cache_and_sessions(
    migrated_database, redis_url
):
    """Two processes (two app servers): what one writes, the other reads from Redis;
    sessions are also written through to the database (a copy of the session's migrated
    database, tests/conftest.py)."""
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": migrated_database,
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "ERROR",
    }
    first = run_manage("shell", "-c", REDIS_CHECK, **env)
    assert "BACKEND django.core.cache.backends.redis.RedisCache" in first.stdout, (
        first.stdout + first.stderr
    )
    assert "SESSIONS django.contrib.sessions.backends.cached_db" in first.stdout
    assert "AXES axes.handlers.cache.AxesCacheHandler" in first.stdout
    key = re.search(r"KEY (\w+)", first.stdout).group(1)
    second = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", REDIS_READ_BACK],
        cwd=ROOT,
        env={**os.environ, **env},
        input=key,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "CACHE yes" in second.stdout, second.stdout + second.stderr
    assert "SESSION 7" in second.stdout  # from Redis, without a query
    assert "IN DATABASE True" in second.stdout
