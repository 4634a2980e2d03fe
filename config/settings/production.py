"""Settings for a real deployment: HTTPS only, secure cookies, hashed static files.

Refuses to start without a real SECRET_KEY. ``manage.py check --deploy`` reports no warnings
when the environment of the README's production section is set.
"""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403

DEBUG = False


def is_real_secret(key):
    """Long, varied and not one of the development placeholders."""
    placeholder = key.startswith(("dev-", "test-", "django-insecure"))
    return len(key) >= 50 and len(set(key)) >= 5 and not placeholder


if not is_real_secret(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50+ characters) in production. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

SESSION_COOKIE_SECURE = SECURE_COOKIES  # noqa: F405
CSRF_COOKIE_SECURE = SECURE_COOKIES  # noqa: F405
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
