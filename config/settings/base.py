"""Settings shared by every environment of the OPI Center portal.

All configuration that comes from the environment is read here (see the README's table);
``dev``, ``test`` and ``production`` only choose defaults and switch features on or off.
"""

import datetime
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.settings.environment import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# --- Configuration read from the environment ------------------------------------------------

SECRET_KEY = env_str("SECRET_KEY", "")
# The key of the keyed digests that stand for a person or an address where the portal must
# recognise the same one again without holding it (core.network.keyed_digest): the consent
# ledger's chain, login attempts. Unlike SECRET_KEY it is never rotated (the ledger's hashes
# depend on it); empty means SECRET_KEY's value is used.
DIGEST_KEY = env_str("DIGEST_KEY", "")
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
# Cookies only over HTTPS in production; switched off only for loopback load tests and the
# benchmark, which speak plain HTTP to gunicorn.
SECURE_COOKIES = env_bool("SECURE_COOKIES", True)
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
# "json": one JSON object per log line, with the request id, and one line per request
# (config.request_log); "text": the messages as they are.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("text", "json"))
# Error monitoring: a self-hosted Sentry or GlitchTip in Kazakhstan (README "Monitoring");
# empty DSN: none. Events lose personal data before they leave (config.monitoring).
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_RELEASE = env_str("SENTRY_RELEASE", "")
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0)
# Staff (anyone who may enter the admin) are logged out after this many minutes without a
# request; everyone's login ends this many hours after it began, active or not.
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)
# The shared cache of several app servers (sessions, login lockouts, cached pages). Empty:
# each process keeps its own in memory, which is right for one process only.
REDIS_URL = env_str("REDIS_URL", "")
# Background tasks: "immediate" runs them in the request (development, tests); "database"
# queues them in the database for `manage.py run_worker` (production).
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
# S3-compatible object storage for every uploaded file; empty bucket: the local disk.
S3_BUCKET = env_str("S3_BUCKET", "")
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL", "")
S3_REGION = env_str("S3_REGION", "")
S3_ACCESS_KEY_ID = env_str("S3_ACCESS_KEY_ID", "")
S3_SECRET_ACCESS_KEY = env_str("S3_SECRET_ACCESS_KEY", "")
# Seconds an anonymous visitor's copy of a public page is kept in the shared cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# A caching reverse proxy (nginx, Varnish) that Wagtail tells of every page published.
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL", "")
# OpenSearch or Elasticsearch for the full-text search (README "Search"), e.g.
# https://user:pass@opensearch.internal:9200/opi; several servers comma-separated. Empty:
# the database searches.
SEARCH_URLS = env_list("SEARCH_URL", [])

# --- Applications ---------------------------------------------------------------------------

INSTALLED_APPS = [
    "core",
    "home",
    "accounts",
    "policy",
    "submissions",
    "privacy",
    "demo",
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# messages worded in the language of the view that gives them (core/messages.py)
MESSAGE_STORAGE = "core.messages.WordedWhenGiven"

MIDDLEWARE = [
    # Outermost: the request id covers every log line of the request, and its one line
    # tells the status that the client got.
    "config.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Counted before the page cache, so pages served from it are counted too.
    "privacy.visits.VisitStatisticsMiddleware",
    "home.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # In the request's language: the site, settings and menus every page shows.
    "home.page_frame.PageFrameMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SingleLazyUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Both after the messages: they tell the person why they were sent elsewhere.
    "accounts.middleware.SessionPolicyMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "accounts.middleware.AdminViewsByRoleMiddleware",
    "policy.middleware.RenewedConsentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost: public pages for visitors with a session, once every gate above let
    # the request through (home.page_cache).
    "home.page_cache.SessionPageCacheMiddleware",
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
AUTH_PASSWORD_VALIDATORS = [  # Django's rules in the portal's words (accounts/passwords.py)
    {"NAME": "accounts.passwords.UnlikeTheAccount"},
    {"NAME": "accounts.passwords.LongEnough", "OPTIONS": {"min_length": 10}},
    {"NAME": "accounts.passwords.NotCommon"},
    {"NAME": "accounts.passwords.NotOnlyDigits"},
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
# What axes keeps of a failed login (accounts.login_identity): a keyed digest of the
# normalised name typed, never the name, and the request's network, never its address.
# Its logs of every login and of every failure are off: the security log records logins.
AXES_USERNAME_CALLABLE = "accounts.login_identity.axes_username"
AXES_CLIENT_IP_CALLABLE = "accounts.login_identity.axes_network"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Two-factor authentication of staff (accounts.two_factor): the name authenticator apps
# show for the portal's entry.
OTP_TOTP_ISSUER = "OPI Center"
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
# How many members an archive (an office document included) may hold.
ARCHIVE_MAX_MEMBERS = env_int("ARCHIVE_MAX_MEMBERS", 10000)
# How many objects a PDF may hold: each is read for active content (about 0.1 ms).
PDF_MAX_OBJECTS = env_int("PDF_MAX_OBJECTS", 100000)
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
# The authorised body for personal-data protection is told of an incident within this
# many working days of its detection (the Rules of notification of a personal-data
# security breach, order of the Ministry of Digital Development no. 481/НҚ of 9 August
# 2024: one working day).
BREACH_AUTHORITY_NOTICE_WORKING_DAYS = 1
# Retention periods (policy 7.1, 8; README "Personal data"): `manage.py enforce_retention`
# applies them daily (privacy.retention).
RETENTION = {
    # a verified applicant is erased five years after their last activity (policy 7.1)
    "verified_years": env_int("RETENTION_VERIFIED_YEARS", 5),
    # an applicant whose registration was never approved, a year after their last activity
    "inactive_years": env_int("RETENTION_INACTIVE_YEARS", 1),
    "unconfirmed_days": env_int("RETENTION_UNCONFIRMED_DAYS", 30),
    "draft_days": env_int("RETENTION_DRAFT_DAYS", 365),
    "rejected_years": env_int("RETENTION_REJECTED_YEARS", 5),
    # records kept only to run the portal
    "task_result_days": env_int("RETENTION_TASK_RESULT_DAYS", 7),
    "login_attempt_days": env_int("RETENTION_LOGIN_ATTEMPT_DAYS", 30),
}
# Count page views and unique visitors (keyed daily hashes, never an IP address).
VISIT_STATISTICS = env_bool("VISIT_STATISTICS", True)
# Each process writes its counts every this many seconds (0: with every page view).
VISIT_FLUSH_SECONDS = env_int("VISIT_FLUSH_SECONDS", 10)
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
# Kazakh date and number formats, which Django lacks (config/formats/kk/formats.py)
FORMAT_MODULE_PATH = ["config.formats"]
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


def s3_storage(
    prefix, *, bucket, endpoint_url, region, access_key, secret_key, encrypt
):
    """A private S3-compatible storage under ``prefix``: no public ACL, and the portal never
    hands out the bucket's URLs. Page images and applicants' files are both read back
    through the application (public_media and the permission-checked file views)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "location": prefix,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": "AES256"} if encrypt else {},
        },
    }


if S3_BUCKET:

    def s3_storage_here(prefix):
        return s3_storage(
            prefix,
            bucket=S3_BUCKET,
            endpoint_url=S3_ENDPOINT_URL,
            region=S3_REGION,
            access_key=S3_ACCESS_KEY_ID,
            secret_key=S3_SECRET_ACCESS_KEY,
            encrypt=env_bool("S3_ENCRYPT", False),
        )

    STORAGES["default"] = s3_storage_here("media")
    # Page images' URLs point at the site itself (/media/…, home.views.public_media), not
    # at the bucket.
    STORAGES["default"]["OPTIONS"].update(
        custom_domain=WAGTAILADMIN_BASE_URL.split("://", 1)[-1],
        url_protocol=WAGTAILADMIN_BASE_URL.split("://", 1)[0] + ":",
        querystring_auth=False,
    )
    STORAGES["private"] = s3_storage_here("private")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security headers (the values that do not depend on HTTPS) -----------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No session cookie outlives the absolute lifetime of a login (accounts.session_policy).
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
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

# In the admin's language (the admin's home, its site summary, the page-delete check).
WAGTAIL_SITE_NAME = _("OPI Center")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# Documents only through Wagtail's /documents/<id>/<name>, which checks the privacy of their
# collection, never by a link to the file itself (nor a redirect to the bucket).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A private page or document sends the visitor to the portal's own login (two-factor, the
# lockouts), not to Wagtail's bare /_util/login/.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Staff choose the admin's language in their account. Wagtail has no Kazakh: in Kazakh,
# the portal's own admin screens are Kazakh and Wagtail's own words fall back to Russian
# (Django falls back to LANGUAGE_CODE for a string a language lacks).
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("en", "English"),
]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
# The admin's reset e-mail goes from a background task too, found by the normalised
# address (accounts.password_reset): the answer takes as long for any address.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.AdminPasswordResetForm"

# --- Search ---------------------------------------------------------------------------------

# The search (README "Search"). Without SEARCH_URL the database: Wagtail's database backend
# (home.search_backend); on PostgreSQL each object's words are stemmed in its locale's
# language, on SQLite they go to its FTS5 table as they are. PostgreSQL has no Kazakh
# configuration: Kazakh is kept as written ("simple": lower-cased, no stemming, no stop
# words), since the Russian stemmer cuts Kazakh endings as if they were Russian and its
# stop words are Kazakh words too ("он", ten). Objects without a locale (documents,
# images): Russian, which stems Latin words as English.
SEARCH_LANGUAGE_CONFIGS = {"ru": "russian", "kk": "simple", "en": "english"}
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "home.search_backend",
        "SEARCH_CONFIG": SEARCH_LANGUAGE_CONFIGS[LANGUAGE_CODE],
        "LANGUAGE_CONFIGS": SEARCH_LANGUAGE_CONFIGS,
    }
}
# Wagtail's backends for a search server; the scheme names one ("elasticsearch8+https://…"),
# plain http(s) is OpenSearch 3. They need their client library (README "Search").
SEARCH_SERVER_BACKENDS = (
    "opensearch3",
    "opensearch2",
    "elasticsearch9",
    "elasticsearch8",
    "elasticsearch7",
)
# One analyzer for every language on a search server (its mapping is one per model, not per
# locale): Russian stemming for Cyrillic words, English for Latin ones (each stemmer leaves
# the other script alone); a word with a letter of Kazakh's own (ә ғ қ ң ө ұ ү һ і) is kept
# as written.
SEARCH_SERVER_ANALYSIS = {
    "filter": {
        "kazakh_words": {
            "type": "keyword_marker",
            "keywords_pattern": ".*[әғқңөұүһі].*",
        },
        "russian_stemmer": {"type": "stemmer", "language": "russian"},
        "english_stemmer": {"type": "stemmer", "language": "english"},
    },
    "analyzer": {
        "default": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "kazakh_words",
                "russian_stemmer",
                "english_stemmer",
            ],
        }
    },
}


def search_server(urls):
    """Wagtail's search-server backend for the URLs of SEARCH_URL: the servers without the
    path; the path, the same on each, prefixes the names of the indexes ("opi" makes
    opi_wagtailcore_page, opi_wagtaildocs_document, …)."""
    parts = [urlsplit(url) for url in urls]
    schemes = [part.scheme.rpartition("+") for part in parts]
    kinds = {kind or SEARCH_SERVER_BACKENDS[0] for kind, _plus, _transport in schemes}
    paths = {part.path.strip("/") for part in parts}
    if (
        len(kinds) > 1
        or not kinds <= set(SEARCH_SERVER_BACKENDS)
        or len(paths) > 1
        or any(transport not in ("http", "https") for *_kind, transport in schemes)
        or not all(part.hostname for part in parts)
    ):
        raise ImproperlyConfigured(
            "SEARCH_URL must be http(s)://[user:password@]host:port/index (or "
            f"{'|'.join(SEARCH_SERVER_BACKENDS)}+https://…), the same kind and index "
            "for every server."
        )
    (path,) = paths
    return {
        "BACKEND": f"wagtail.search.backends.{kinds.pop()}",
        "URLS": [
            f"{transport}://{part.netloc}"
            for (*_kind, transport), part in zip(schemes, parts, strict=True)
        ],
        "INDEX_PREFIX": f"{path}_" if path else "",
        "INDEX_SETTINGS": {"settings": {"analysis": SEARCH_SERVER_ANALYSIS}},
    }


if SEARCH_URLS:
    WAGTAILSEARCH_BACKENDS = {"default": search_server(SEARCH_URLS)}

# --- Portal ---------------------------------------------------------------------------------

PORTAL_NAME = _("OPI Center")
SEARCH_RESULTS_PER_PAGE = 10
INDEX_ITEMS_PER_PAGE = 10

# The spoken alternative of the captcha needs flite (Debian package "flite"); without it
# the audio link is simply not offered.
CAPTCHA_FLITE_PATH = shutil.which("flite")
CAPTCHA_IMAGE_SIZE = (140, 48)
CAPTCHA_FONT_SIZE = 32

# --- Rate limits: no e-mail bombing (core.rate_limits) ---------------------------------------
# How many times in a window one e-mail address, and one network (a /24 or /48), may use
# each form that sends an e-mail or stores something: password reset, the confirmation link
# again, registration, a data request, a data export, the link to the person represented.
# A count of 0 switches that limit off. The counters live in the cache "rate_limits":
# Redis with REDIS_URL (shared by every app server), else a table of the database (shared
# by every process; made by core's migration). Keys are hashes of keyed digests of the
# address or network, never the address (privacy.inventory, "Rate-limit counters").
RATE_LIMITS = {
    "per_address": env_int("RATE_LIMIT_PER_ADDRESS", 3),
    "per_network": env_int("RATE_LIMIT_PER_NETWORK", 20),
    "window_minutes": env_int("RATE_LIMIT_WINDOW_MINUTES", 60),
}
RATELIMIT_USE_CACHE = "rate_limits"
RATELIMIT_CACHE_PREFIX = "rl:"
RATE_LIMIT_CACHE = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "opi",
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "core_rate_limit_counters",
        # A counter outlives its window by a minute at most; the database backend's
        # increment resets the expiry to this timeout, Redis keeps the window's.
        "TIMEOUT": RATE_LIMITS["window_minutes"] * 60 + 60,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)

TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# --- Cache ----------------------------------------------------------------------------------

if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "opi",
            "TIMEOUT": 300,
        }
    }
    # Sessions read from the shared cache and are written through to the database, so a
    # restart of Redis logs nobody out. Login lockouts live in the cache, shared by every
    # app server.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "opi",
        }
    }
CACHES["rate_limits"] = RATE_LIMIT_CACHE  # see "Rate limits" above

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.request_log.RequestIdFilter"}},
    "formatters": {
        "text": {"()": "config.request_log.TextFormatter"},
        "json": {"()": "config.request_log.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Every page save and background task is logged at INFO; the audit log keeps them.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # One line per request with JSON logs; plain text leaves it to the server's
        # access log (gunicorn's).
        "opi.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

if SENTRY_DSN:
    from config.monitoring import init_sentry

    init_sentry(
        SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=SENTRY_RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# No Gravatar: it would send a hash of every staff e-mail to a third party, and the portal
# has no internet at run time anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
