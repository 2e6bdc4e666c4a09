"""Settings of the Next2Met catalogue.

Every value that differs between deployments comes from an environment
variable; the defaults make `make run` work on a laptop with SQLite. With
DJANGO_DEBUG off, the project refuses to start without a real secret key and
at least one allowed host. docs/operators/configuration.md lists every variable.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_float(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name):
    """Read a secret from NAME or from the file named by NAME_FILE (Docker secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, "")


def weak_secret_key(key):
    """Why `key` is no real secret key, or "" if it is one (the rules of Django's check W009)."""
    if not key:
        return "DJANGO_SECRET_KEY is not set"
    if "change-me" in key or key.startswith("django-insecure-"):
        return "DJANGO_SECRET_KEY is still a placeholder"
    if len(key) < 50 or len(set(key)) < 5:
        return "DJANGO_SECRET_KEY is too short (at least 50 characters, at least 5 different)"
    return ""


# Core
DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not DEBUG and (problem := weak_secret_key(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"{problem}. Set it to a long random value, e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, "
        "or set DJANGO_DEBUG=true for local development."
    )
SECRET_KEY = SECRET_KEY or "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. Set it to the site's host names, separated by "
        "commas (e.g. catalogue.example.org), or set DJANGO_DEBUG=true for local development."
    )
# Origins (scheme and host) that may send forms, e.g. https://catalogue.example.org;
# needed when a proxy changes the Host or the scheme Django sees.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A refused form gets the site's page in the visitor's language, not Django's English one.
CSRF_FAILURE_VIEW = "next2met.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so `runserver` serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "import_export",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The outbox's mails; before next2met, whose admin replaces post_office's mail list.
    "post_office",
    "next2met",
    "measures",
    "partners",
]

MIDDLEWARE = [
    # Outermost: every answer gets X-Frame-Options, also the 400 for a Host that is not
    # allowed, which the first middleware to read the host raises before any other runs.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # First: the HTTPS redirect and HSTS come before anything else answers.
    "django.middleware.security.SecurityMiddleware",
    # Outside every middleware that may answer under /api/ before a view does (the 304,
    # the redirect to a slash, the page cache), so those answers carry CORS and licence.
    "next2met.middleware.OpenDataHeadersMiddleware",
    # Before whitenoise, so static files get the security headers too: an SVG or a
    # file opened directly is a document of its own.
    "next2met.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before everything else: static files need no session, locale or user.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from them), before CommonMiddleware
    # (which redirects and must see the language prefix).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After AuthenticationMiddleware (only anonymous visitors get cached pages) and
    # LocaleMiddleware (the language is part of the key); before the compression,
    # so a page is compressed once and stored compressed.
    "next2met.cache.PublicPageCacheMiddleware",
    # Inside the page cache, so stored pages keep their ETag and Last-Modified; after
    # AuthenticationMiddleware and LocaleMiddleware, whose user and language it reads.
    "next2met.conditional.ConditionalPageMiddleware",
    # Inside CsrfViewMiddleware and MessageMiddleware's reach: it must see whether
    # the answer uses a CSRF token or sets a cookie, and then leaves it uncompressed.
    "next2met.compression.PublicGZipMiddleware",
    # After AuthenticationMiddleware: it wraps request.user to add is_verified().
    "django_otp.middleware.OTPMiddleware",
    # After OTPMiddleware: it asks request.user.is_verified().
    "next2met.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the signed-in user on every historical version of a measure.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Its answers to OPTIONS and TRACE run no view; inside the middleware above, which
    # add their headers to them.
    "next2met.middleware.HttpMethodsMiddleware",
    # Turns a database outage raised by a view into the 503 page; below every
    # middleware that adds headers, so the 503 page carries them too.
    "next2met.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it turns the lockout flag that its backend
    # sets during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "next2met.urls"
WSGI_APPLICATION = "next2met.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: SQLite next to the code unless DATABASE_URL says otherwise. Connections
# are kept for a minute (about ten times the throughput of one per request) and
# checked before reuse, so a restarted database costs one error-free reconnect.
DATABASES = {
    # An empty DATABASE_URL counts as unset, like every other variable here.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database shows the 503 page within seconds instead of holding
    # a worker until gunicorn kills it. A value in DATABASE_URL's query string wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
    # PostgreSQL's JIT compiler pays off for long reports, not for a web page's short
    # queries: on the list's facet counts it spent more time compiling (up to about
    # 0.4 s) than running. Off unless DATABASE_JIT=true.
    if not env_bool("DATABASE_JIT", False):
        DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Authentication
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation
# English is the source language: every text is entered in English first, and a
# page falls back to it where a translation is missing. German is complete;
# Finnish, Polish and Spanish cover the public pages (the admin falls back to
# Django's own translations and English).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("fi", _("Finnish")),
    ("pl", _("Polish")),
    ("es", _("Spanish")),
]
# Compiled catalogues (.mo) are committed beside their .po files, so a fresh
# clone serves translated pages without gettext; `make messages` updates both.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Dates in each page's language come from the locale ({{ day|date:"DATE_FORMAT" }}), with
# English written the European way (next2met/formats/en/formats.py).
FORMAT_MODULE_PATH = ["next2met.formats"]
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

# Static files and uploads
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Manifest storage needs `collectstatic`; tests and debug runs use plain storage
        # so a fresh clone works without that step.
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Uploads: the largest image a measure may carry (measures/images.py checks it).
N2M_IMAGE_MAX_BYTES = env_int("N2M_IMAGE_MAX_BYTES", 5 * 1024 * 1024)
# The largest spreadsheet the measure import accepts (measures/admin/forms.py checks it).
N2M_IMPORT_MAX_BYTES = env_int("N2M_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# Requests: a body above this size (files not counted), or more fields or files than
# these, is refused with the 400 page as soon as it is read. Files above
# FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FILES", 20)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# Cache: Redis where REDIS_URL points at one. Short socket timeouts, so a dead Redis
# slows a request by seconds, not by minutes.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Without Redis, in production, the database: every gunicorn worker and app server
# must share the cache, since the content version that makes cached pages, API
# answers and feeds stale lives there (a cache per worker kept an archived measure
# public for minutes). `migrate` makes its table (next2met.apps). Debug runs (runserver,
# the tests) are one process and keep local memory, which costs no queries; `migrate`
# makes the table whatever the settings, since the same database may be served either way.
N2M_DATABASE_CACHE_TABLE = "n2m_cache"
if REDIS_URL:
    DEFAULT_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # Several sites (or test runs) can share one Redis under different prefixes.
        "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", "n2m"),
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
elif DEBUG:
    DEFAULT_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    DEFAULT_CACHE = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": N2M_DATABASE_CACHE_TABLE,
        # Room for the pages of a busy day; past it, a third of the entries goes at once.
        "OPTIONS": {"MAX_ENTRIES": env_int("N2M_DATABASE_CACHE_MAX_ENTRIES", 5000)},
    }
CACHES = {"default": DEFAULT_CACHE}
# Whole public pages for anonymous visitors (next2met.cache), stored under a content
# version that every change of the catalogue moves on: the timeout only bounds how
# long entries of old versions take up room. 0 switches the page cache off.
N2M_PAGE_CACHE_TIMEOUT = env_int("N2M_PAGE_CACHE_TIMEOUT", 600)
N2M_PAGE_CACHE_MAX_BYTES = 1024 * 1024
# Paths never cached: the back office, the health check, the benchmark's floor view.
N2M_PAGE_CACHE_EXCLUDE = ["/admin/", "/healthz", "/bench/"]
# Finished downloads (exports, sitemaps) kept gzip-compressed under the content version
# (measures.caching.downloads): a repeated request reads no database. A compressed body
# larger than the limit is sent but not kept. A timeout of 0 switches this off.
N2M_DOWNLOAD_CACHE_TIMEOUT = env_int("N2M_DOWNLOAD_CACHE_TIMEOUT", 3600)
N2M_DOWNLOAD_CACHE_MAX_BYTES = env_int("N2M_DOWNLOAD_CACHE_MAX_BYTES", 16 * 1024 * 1024)
# Paths never compressed (next2met.compression): the admin's pages hold CSRF tokens.
N2M_GZIP_EXCLUDE = ["/admin/"]
# /bench/floor, a view that answers "ok" without touching the database: the framework
# floor bench/run.py compares every page with. Off unless the benchmark turns it on.
N2M_BENCH_FLOOR = env_bool("N2M_BENCH_FLOOR", default=False)

# E-mail. Every mail sent through django.core.mail becomes a row of the outbox
# (next2met.outbox), written in the transaction of the change that causes it, so
# a mail server outage loses nothing; `manage.py deliver_mail` then hands it to
# the transport DJANGO_EMAIL_BACKEND names: the console in debug, SMTP otherwise.
EMAIL_BACKEND = "next2met.outbox.backend.OutboxBackend"
EMAIL_TRANSPORT = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
if EMAIL_TRANSPORT in {EMAIL_BACKEND, "post_office.EmailBackend"}:
    raise ImproperlyConfigured(
        "DJANGO_EMAIL_BACKEND names the backend that delivers the outbox, e.g. "
        "django.core.mail.backends.smtp.EmailBackend, not the outbox itself."
    )
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "catalogue@next2met.invalid")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# django-post-office, the outbox's store and sender. A failed mail is tried again
# up to N2M_MAIL_MAX_RETRIES times; deliver_mail doubles the wait each time, from
# N2M_MAIL_RETRY_FIRST_SECONDS up to N2M_MAIL_RETRY_MAX_SECONDS (200 tries at
# these defaults: about eight days of outage lose nothing). Then it is "failed",
# listed in the admin, where an operator can queue it again.
N2M_MAIL_RETRY_FIRST_SECONDS = env_int("N2M_MAIL_RETRY_FIRST_SECONDS", 60)
N2M_MAIL_RETRY_MAX_SECONDS = env_int("N2M_MAIL_RETRY_MAX_SECONDS", 60 * 60)
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_TRANSPORT},
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": env_int("N2M_MAIL_MAX_RETRIES", 200),
    "RETRY_INTERVAL": timedelta(seconds=N2M_MAIL_RETRY_FIRST_SECONDS),
    "BATCH_SIZE": 50,
    # Failures only: a sent mail's row says when it went.
    "LOG_LEVEL": 1,
    "MESSAGE_ID_ENABLED": True,
    "CELERY_ENABLED": False,
}
# Seconds between the worker's rounds, and how long sent mails are kept.
N2M_MAIL_POLL_SECONDS = env_float("N2M_MAIL_POLL_SECONDS", 5.0)
N2M_MAIL_KEEP_SENT_DAYS = env_int("N2M_MAIL_KEEP_SENT_DAYS", 90)
# One worker per machine delivers at a time; this file is its lock.
N2M_MAIL_LOCK_FILE = os.environ.get(
    "N2M_MAIL_LOCK_FILE", str(Path(tempfile.gettempdir()) / "next2met-deliver-mail.lock")
)

# Security: cookies, redirects and HSTS follow whether the site is served over HTTPS.
SECURE_HTTPS = env_bool("DJANGO_SECURE_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=SECURE_HTTPS)
# The container's health check asks over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# Behind a proxy that terminates TLS: trust its X-Forwarded-Proto and, for the
# login lockout, the client address it appends to X-Forwarded-For.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the site never uses, switched off for it and anything it embeds
# (sent by next2met.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

# django-csp: every script, style, font and image comes from the site itself
# (DESIGN.md: no request leaves the site) and no inline script or style runs.
# NONCE adds a fresh nonce only to responses whose template reads
# request.csp_nonce; no template needs one today (the site's scripts and the
# admin's are files).
# Three style attributes in third-party admin templates are allowed one by one,
# by the hash of their exact text, rather than every inline style: "border-top: 0"
# (django-simple-history's history list), "padding: 0;" and "font-weight: bold;"
# (django-import-export's export form). tests/deploy/test_security_headers.py
# recomputes them from the installed templates.
THIRD_PARTY_STYLE_HASHES = [
    "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
    "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",
    "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # 'unsafe-hashes' lets the hashes match style attributes; it allows nothing else.
        "style-src": [SELF, "'unsafe-hashes'", *THIRD_PARTY_STYLE_HASHES],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# django-axes: after AXES_FAILURE_LIMIT failed sign-ins with one username from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES; `manage.py axes_reset`
# lifts every lockout at once.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# An address is locked out on its own too, after N2M_ADDRESS_FAILURE_LIMIT failed
# sign-ins with any usernames (next2met.lockout; 0 switches that off): trying many
# usernames from one address is stopped as well.
AXES_HANDLER = "next2met.lockout.AddressLimitedHandler"
N2M_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_CLIENT_IP_CALLABLE = "next2met.proxy.client_ip"

# django-otp: a TOTP app (any authenticator app) as optional second factor; once a
# person has confirmed a device, the admin asks for its code. With the setting
# below on, coordinators must set one up before they can use the admin.
N2M_REQUIRE_2FA_FOR_COORDINATORS = env_bool("N2M_REQUIRE_2FA_FOR_COORDINATORS", default=False)
OTP_TOTP_ISSUER = "Next2Met catalogue"

# Logging: everything to stdout, where gunicorn and container runtimes collect it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # post_office says "sending 0 emails" on every round of the worker; its failures
    # are warnings and errors, and deliver_mail reports what it sent. A handler of
    # its own here, or post_office installs one that logs everything twice.
    "loggers": {"post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

# django-filter: unknown filter values are reported to the visitor, not raised.
FILTERS_EMPTY_CHOICE_LABEL = None

# Sentry, only when SENTRY_DSN is set: without it the SDK is never imported.
SENTRY_DSN = env_secret("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
        # Visitors' addresses and staff names stay out of the error reports.
        send_default_pii=False,
    )

# The catalogue
MEASURES_PER_PAGE = 20
# Where visitors report accessibility problems (the accessibility statement shows it).
N2M_ACCESSIBILITY_EMAIL = os.environ.get(
    "N2M_ACCESSIBILITY_EMAIL", "accessibility@next2met.invalid"
)
# The licence of the catalogue's content (texts of measures, regions, themes and
# partners): the one statement the footer, the JSON-LD, the API and the exports make.
# `spdx` is the SPDX identifier, `url` the licence's own page (a link, never fetched).
CONTENT_LICENSE = {
    "spdx": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "short_name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
# Who runs this copy of the catalogue: the legal notice and the privacy notice name
# them. Empty values are shown as a marked placeholder for the operator to fill in.
N2M_OPERATOR_NAME = os.environ.get("N2M_OPERATOR_NAME", "")
# Postal address; "\n" or ";" separates its lines.
N2M_OPERATOR_ADDRESS = os.environ.get("N2M_OPERATOR_ADDRESS", "")
N2M_OPERATOR_EMAIL = os.environ.get("N2M_OPERATOR_EMAIL", "")
# The person responsible for the content (legal notice) and, where one is appointed,
# the data protection officer's address (privacy notice); both optional.
N2M_OPERATOR_REPRESENTATIVE = os.environ.get("N2M_OPERATOR_REPRESENTATIVE", "")
N2M_PRIVACY_EMAIL = os.environ.get("N2M_PRIVACY_EMAIL", "")
# The public address of the site, for links in e-mails sent outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Mails carry a Date with its real offset from UTC (+0100), not "-0000", which RFC 5322
# reserves for a time whose zone is unknown. (Their Message-ID names SITE_URL's host:
# next2met.outbox.backend.)
EMAIL_USE_LOCALTIME = True
