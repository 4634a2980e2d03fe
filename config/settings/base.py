"""Settings shared by every environment of the OPI Center portal.

All configuration that comes from the environment is read here (see the README's table);
``dev``, ``test`` and ``production`` only choose defaults and switch features on or off.
"""

import datetime
import shutil
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# --- Configuration read from the environment ------------------------------------------------

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"
).rstrip("/")
if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the default SQLite file lives there
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
EMAIL_URL = env_str("EMAIL_URL", "console:")
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "OPI Center <noreply@opi-center.example.kz>"
)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")

# --- Applications ---------------------------------------------------------------------------

INSTALLED_APPS = [
    "accounts",
    "home",
    "policy",
    "submissions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail_modeladmin",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.PortalUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "captcha",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "policy.middleware.RenewedConsentMiddleware",
    "policy.visits.VisitStatisticsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"  # the applicant dashboard
LOGOUT_REDIRECT_URL = "/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # hashes made before Argon2
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: 5 failed logins for one account from one address lock both out
    # for 30 minutes. Inactive users are let through to the login form, which tells an
    # applicant who has not yet confirmed their e-mail what to do.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.AllowAllUsersModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = (
    "username"  # the login forms (ours and the admin's) call it so
)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# Applicants confirm their e-mail address within this many days of registering.
EMAIL_VERIFICATION_DAYS = 3
REGISTRATION_FILE_MAX_BYTES = 10 * 1024 * 1024
# Files of an application: each, and all of one application together.
APPLICATION_FILE_MAX_BYTES = env_int("APPLICATION_FILE_MAX_BYTES", 25 * 1024 * 1024)
APPLICATION_TOTAL_MAX_BYTES = env_int("APPLICATION_TOTAL_MAX_BYTES", 200 * 1024 * 1024)
# Review deadlines, in working days: an application in a stage for longer than this is
# shown to reviewers as waiting too long; an expert's assessment is due this long after
# the assessment began.
REVIEW_STAGE_WORKING_DAYS = env_int("REVIEW_STAGE_WORKING_DAYS", 5)
ASSESSMENT_WORKING_DAYS = env_int("ASSESSMENT_WORKING_DAYS", 10)
# Archives (ZIP and the office formats): how far they may expand, in total and per entry.
ARCHIVE_MAX_UNCOMPRESSED_BYTES = env_int(
    "ARCHIVE_MAX_UNCOMPRESSED_BYTES", 500 * 1024 * 1024
)
ARCHIVE_MAX_RATIO = env_int("ARCHIVE_MAX_RATIO", 100)
# ClamAV's daemon socket; empty means no antivirus (the admin's home says so).
CLAMD_SOCKET = env_str("CLAMD_SOCKET", "")
# Data-subject requests are due this many working days after they arrive; a reasoned
# refusal within DATA_REQUEST_REFUSAL_WORKING_DAYS.
DATA_REQUEST_WORKING_DAYS = {
    "withdraw_consent": 1,
    "block": 1,
    "correct": 1,
    "delete": 1,
    "export": 3,
}
DATA_REQUEST_REFUSAL_WORKING_DAYS = 3
# Retention periods (policy 8): `manage.py enforce_retention` applies them daily.
RETENTION = {
    "draft_days": env_int("RETENTION_DRAFT_DAYS", 365),
    "rejected_years": env_int("RETENTION_REJECTED_YEARS", 5),
    "unconfirmed_days": env_int("RETENTION_UNCONFIRMED_DAYS", 30),
}
# Count page views and unique visitors (keyed daily hashes, never an IP address).
VISIT_STATISTICS = env_bool("VISIT_STATISTICS", True)
# The person an applicant represents answers the consent request within this many days.
REPRESENTED_CONSENT_DAYS = 7

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- E-mail -----------------------------------------------------------------------------------

globals().update(dj_email_url.parse(EMAIL_URL))

# --- Languages ------------------------------------------------------------------------------

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Almaty")

# --- Static and media -----------------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Applicants' files: outside MEDIA_ROOT, no URL, served only by permission-checked views.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security headers (the values that do not depend on HTTPS) -----------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Public pages: scripts and styles from our own origin only, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin ships inline styles and scripts and previews pages in a frame of its own.
ADMIN_CSP_RELAXATIONS = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-ancestors": ["'self'"],
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "OPI Center"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_PASSWORD_RESET_ENABLED = True

# --- Portal ---------------------------------------------------------------------------------

PORTAL_NAME = _("OPI Center")
SEARCH_RESULTS_PER_PAGE = 10
INDEX_ITEMS_PER_PAGE = 10

# The spoken alternative of the captcha needs flite (Debian package "flite"); without it
# the audio link is simply not offered.
CAPTCHA_FLITE_PATH = shutil.which("flite")
CAPTCHA_IMAGE_SIZE = (140, 48)
CAPTCHA_FONT_SIZE = 32

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Every page save and background task is logged at INFO; the audit log keeps them.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# No Gravatar: it would send a hash of every staff e-mail to a third party, and the portal
# has no internet at run time anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
