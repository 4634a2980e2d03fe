"""Settings for the test suite: fast hasher, in-memory e-mail, plain static storage."""

import os

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Files of their own for each process of a parallel run (pytest-xdist names its workers
# gw0, gw1, ...): a test that sweeps orphan files must not see another one's.
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private" / TEST_WORKER  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / TEST_WORKER  # noqa: F405
CAPTCHA_TEST_MODE = (
    True  # the captcha accepts "PASSED"; an empty answer is still refused
)

# Page-view counting adds its writes to every page; the query-count tests measure the
# pages themselves, and the statistics tests switch it on.
VISIT_STATISTICS = False
VISIT_FLUSH_SECONDS = 0  # counts are written with the page view they count
# Pages are made afresh in every test (the page-cache tests switch it on and clear it).
PAGE_CACHE_SECONDS = 0
