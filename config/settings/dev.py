"""Settings for a developer's machine: DEBUG on, e-mails to the console, plain HTTP."""

from config.settings.base import *  # noqa: F403
from config.settings.environment import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-never-used-in-production"  # noqa: F405
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
