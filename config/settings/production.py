"""Settings for a real deployment: HTTPS only, secure cookies, hashed static files.

Refuses to start without a real SECRET_KEY. ``manage.py check --deploy`` reports no warnings
when the environment of the README's production section is set.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

if not SECRET_KEY or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")) or len(  # noqa: F405
    set(SECRET_KEY)  # noqa: F405
) < 5 or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50+ characters) in production. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if BEHIND_TLS_PROXY:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
