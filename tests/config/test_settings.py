"""Configuration: security headers, and production settings that refuse to run unsafely."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


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
