"""Pencaker settings, driven by environment variables.

Two modes:

* ``PENCAKER_ENV=embedded`` (the default): one machine, SQLite in WAL mode, files and
  outgoing mail (.eml) under ``PENCAKER_DATA_DIR``, no other server needed.
* ``PENCAKER_ENV=production``: PostgreSQL from ``DATABASE_URL``, secrets and hosts from the
  environment, HTTPS enforced. Missing secrets stop the process instead of falling back.

Every variable is documented in ``.env.example``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value is not None else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


PENCAKER_ENV = env("PENCAKER_ENV", "embedded")
if PENCAKER_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured("PENCAKER_ENV must be 'embedded' or 'production'")
PRODUCTION = PENCAKER_ENV == "production"

DATA_DIR = Path(env("PENCAKER_DATA_DIR", str(PROJECT_DIR / "var")) or "var").resolve()

DEBUG = env_bool("PENCAKER_DEBUG", False)

_secret = env("SECRET_KEY")
if _secret is None:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # Embedded default: a per-installation key kept in the data folder, never committed.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _key_file = DATA_DIR / "secret_key.txt"
    if not _key_file.exists():
        from django.core.management.utils import get_random_secret_key

        _key_file.write_text(get_random_secret_key())
        _key_file.chmod(0o600)
    _secret = _key_file.read_text().strip()
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# `make run` / `pencaker serve` listen on HOST:PORT; both read these two settings.
SERVE_HOST = env("HOST", "127.0.0.1") or "127.0.0.1"
SERVE_PORT = env_int("PORT", 8000)
# The public address in emails and on the card's QR code (pencaker.core.links.absolute_url).
# Embedded default: the address `make run` serves, so links open on the port actually served.
_site_url = env("SITE_URL")
if _site_url is None:
    if PRODUCTION:
        raise ImproperlyConfigured("SITE_URL must be set in production (the public https address)")
    _link_host = "127.0.0.1" if SERVE_HOST in {"0.0.0.0", "::"} else SERVE_HOST  # noqa: S104
    if ":" in _link_host:
        _link_host = f"[{_link_host}]"
    _site_url = f"http://{_link_host}:{SERVE_PORT}"
SITE_URL = _site_url.rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves Swagger UI's files from STATIC_URL instead of a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "pencaker.core",
    "pencaker.accounts",
    "pencaker.regions",
    "pencaker.offices",
    "pencaker.seekers",
    "pencaker.documents",
    "pencaker.employers",
    "pencaker.vacancies",
    "pencaker.training",
    "pencaker.matching",
    "pencaker.applications",
    "pencaker.cards",
    "pencaker.lifecycle",
    "pencaker.reporting",
    "pencaker.exchange",
    "pencaker.events",
    "pencaker.complaints",
    "pencaker.info",
    "pencaker.notifications",
    "pencaker.surveys",
    "pencaker.counter",
    "pencaker.api",
    "pencaker.public",
    "pencaker.demo",
    "pencaker.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pencaker.api.middleware.ApiRefusalMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pencaker.api.middleware.NoStoreMiddleware",
    "pencaker.core.input_rules.InputRulesMiddleware",
    "pencaker.accounts.middleware.StaffTwoFactorMiddleware",
    "pencaker.offices.middleware.OfficeTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pencaker.ops.load_shedding.LoadSheddingMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pencaker.urls"
WSGI_APPLICATION = "pencaker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pencaker.core.context_processors.site",
                "pencaker.offices.context_processors.office_brand",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A hot standby for reads that tolerate lag (pencaker.core.db_routing, ADR 0030).
    DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
    if DATABASE_REPLICA_URL:
        DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
        DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
        DATABASE_ROUTERS = ["pencaker.core.db_routing.PrimaryReplicaRouter"]
        MIDDLEWARE.insert(
            MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
            "pencaker.core.db_routing.ReplicaRoutingMiddleware",
        )
    # Behind pgbouncer in transaction pooling (deploy/pgbouncer): no server-side cursors,
    # since consecutive transactions may run on different server connections.
    if env_bool("DATABASE_TRANSACTION_POOLING"):
        for _alias in DATABASES.values():
            _alias["DISABLE_SERVER_SIDE_CURSORS"] = True
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set in production (PostgreSQL)")
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "pencaker.sqlite3"),
            "OPTIONS": {
                # WAL lets readers run while one writer commits; IMMEDIATE takes the write
                # lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=10000;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Authentication --------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "pencaker.accounts.backends.PhoneBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "public:home"
LOGOUT_REDIRECT_URL = "public:home"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy: the addresses (or CIDR ranges) of the proxies whose
# X-Forwarded-For is believed. Decides the client address for the card-check limit,
# login lock-outs (by username + address) and audit rows; see pencaker.core.client_address.
PENCAKER_TRUSTED_PROXIES = env_list("PENCAKER_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "pencaker.core.client_address.client_address"

OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Pencaker")
# API tokens end when unused for this many days, and at the latest this many days old.
PENCAKER_API_TOKEN_IDLE_DAYS = env_int("PENCAKER_API_TOKEN_IDLE_DAYS", 30)
PENCAKER_API_TOKEN_MAX_DAYS = env_int("PENCAKER_API_TOKEN_MAX_DAYS", 90)
# Django's /admin/ (TOTP required): on in the embedded default, off in production unless
# turned on here.
PENCAKER_ADMIN_ENABLED = env_bool("PENCAKER_ADMIN_ENABLED", not PRODUCTION)

# --- Internationalisation --------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Jakarta") or "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")) or "")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")) or "")
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

STORAGE_BACKEND = env("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL"),
            "region_name": env("S3_REGION"),
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND == "local":
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'local' or 's3'")

STORAGES = {
    "default": _default_storage,
    # Hashed names (cached for a year and more) and brotli/gzip copies, made by
    # collectstatic (``pencaker serve`` runs it); PENCAKER_DEBUG serves the sources as they
    # are, so an edit shows at once.
    # PENCAKER_STATIC_COMPRESSED=false keeps the hashed names without the brotli/gzip copies:
    # collectstatic takes seconds instead of minutes (the throwaway cluster test uses it).
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("PENCAKER_STATIC_COMPRESSED", True)
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Upload limits. Documents are checked by content in documents.checks (and upload_limit).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
PENCAKER_MAX_UPLOAD_BYTES = env_int("PENCAKER_MAX_UPLOAD_MB", 5) * 1024 * 1024
# An uploaded PDF whose streams decode to more than this is refused (a decompression bomb
# is small on disk and huge in a viewer); a 20-page lossless scan stays well under it.
PENCAKER_PDF_MAX_DECODED_MB = env_int("PENCAKER_PDF_MAX_DECODED_MB", 200)
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Email -----------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Pencaker <no-reply@pencaker.local>")
EMAIL_OUTBOX_DIR = DATA_DIR / "mail"
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 20
else:
    if PRODUCTION and not env_bool("PENCAKER_ALLOW_FILE_EMAIL"):
        raise ImproperlyConfigured("EMAIL_HOST must be set in production")
    EMAIL_BACKEND = "pencaker.core.mail.EmlFileBackend"

# --- Background tasks ------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Security --------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "pencaker.public.error_pages.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers and container probes ask over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# --- Logging: structured, no personal data ----------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "pencaker.core.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # runserver's request lines, through the same masking formatter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},  # it says hello at INFO on import
    },
}

# --- AK/1 card: PDF signing (PAdES) and QR token keys ------------------------------------
# Without any of these, the embedded default generates a demo CA and office certificate
# (labelled "DEMO — NOT LEGALLY VALID") and an Ed25519 QR key under DATA_DIR.
PENCAKER_SIGNING_DIR = env("PENCAKER_SIGNING_DIR")
PENCAKER_SIGNING_P12 = env("PENCAKER_SIGNING_P12")
PENCAKER_SIGNING_P12_PASSWORD = env("PENCAKER_SIGNING_P12_PASSWORD")
PENCAKER_SIGNING_PKCS11_LIB = env("PENCAKER_SIGNING_PKCS11_LIB")
PENCAKER_SIGNING_PKCS11_TOKEN = env("PENCAKER_SIGNING_PKCS11_TOKEN")
PENCAKER_SIGNING_PKCS11_SLOT = env("PENCAKER_SIGNING_PKCS11_SLOT")
PENCAKER_SIGNING_PKCS11_KEY_LABEL = env("PENCAKER_SIGNING_PKCS11_KEY_LABEL")
PENCAKER_SIGNING_PKCS11_PIN = env("PENCAKER_SIGNING_PKCS11_PIN")
PENCAKER_CARD_KEY_DIR = env("PENCAKER_CARD_KEY_DIR")
PENCAKER_CARD_VERIFY_LIMIT = env_int("PENCAKER_CARD_VERIFY_LIMIT", 20)
PENCAKER_CARD_VERIFY_WINDOW_SECONDS = env_int("PENCAKER_CARD_VERIFY_WINDOW_SECONDS", 600)
# An office's compiled working calendar is reused this many seconds per process before its
# closed days are read again (0: read on every use); ADR 0029.
PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS = env_int("PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS", 60)
# Account emails asked for by anyone (verification link, password reset, "you already have
# an account"): at most this many per address and per account in the window.
PENCAKER_ACCOUNT_EMAIL_LIMIT = env_int("PENCAKER_ACCOUNT_EMAIL_LIMIT", 3)
PENCAKER_ACCOUNT_EMAIL_WINDOW_MINUTES = env_int("PENCAKER_ACCOUNT_EMAIL_WINDOW_MINUTES", 15)
# Phone-first sign-up (ADR 0027): a code by SMS/WhatsApp is valid this many minutes and
# accepts this many wrong tries; codes per number follow PENCAKER_ACCOUNT_EMAIL_LIMIT in its
# window, codes per client address PENCAKER_PHONE_CODE_IP_LIMIT in the same window.
PENCAKER_PHONE_CODE_MINUTES = env_int("PENCAKER_PHONE_CODE_MINUTES", 10)
PENCAKER_PHONE_CODE_ATTEMPTS = env_int("PENCAKER_PHONE_CODE_ATTEMPTS", 5)
PENCAKER_PHONE_CODE_IP_LIMIT = env_int("PENCAKER_PHONE_CODE_IP_LIMIT", 10)
# A citizen registered at the counter without email chooses a password with a code sent by
# SMS or printed on a slip; it is valid this many hours (ADR 0032).
PENCAKER_COUNTER_CODE_HOURS = env_int("PENCAKER_COUNTER_CODE_HOURS", 72)
# SMS/WhatsApp: embedded mode writes every message to DATA_DIR/sms-outbox.log (FileGateway,
# so demo codes can be read; refused in production). Production defaults to the HTTP
# adapter (PENCAKER_SMS_HTTP_*; without a URL a message stays queued and is retried, never
# reported sent); `check --deploy` warns if it names the logging gateway (ADR 0032).
_FILE_GATEWAY = "pencaker.notifications.gateways.FileGateway"
PENCAKER_SMS_OUTBOX_FILE = DATA_DIR / "sms-outbox.log"
PENCAKER_SMS_GATEWAY = env(
    "PENCAKER_SMS_GATEWAY",
    "pencaker.notifications.gateways.HttpGateway" if PRODUCTION else _FILE_GATEWAY,
)
if PRODUCTION and PENCAKER_SMS_GATEWAY == _FILE_GATEWAY:
    raise ImproperlyConfigured(
        "PENCAKER_SMS_GATEWAY: the file gateway (codes in clear under DATA_DIR) is for "
        "embedded/demo mode only"
    )
PENCAKER_SMS_HTTP_URL = env("PENCAKER_SMS_HTTP_URL", "")
PENCAKER_SMS_HTTP_TOKEN = env("PENCAKER_SMS_HTTP_TOKEN", "")
PENCAKER_SMS_HTTP_TEMPLATE = env(
    "PENCAKER_SMS_HTTP_TEMPLATE", '{"to": "$to", "message": "$text", "channel": "$channel"}'
)
PENCAKER_SMS_HTTP_TIMEOUT_SECONDS = env_int("PENCAKER_SMS_HTTP_TIMEOUT_SECONDS", 10)
# A citizen whose NIK attempts hit a NIK already registered this many times can no longer
# change the NIK online (every further NIK gets the same refusal): bounds NIK probing.
PENCAKER_NIK_CONFLICT_LIMIT = env_int("PENCAKER_NIK_CONFLICT_LIMIT", 3)
# A placement may start at most this many days after the day it is reported; the holder
# may correct it for this many days after reporting (an operator at any time).
PENCAKER_PLACEMENT_MAX_DAYS_AHEAD = env_int("PENCAKER_PLACEMENT_MAX_DAYS_AHEAD", 30)
PENCAKER_PLACEMENT_CORRECTION_DAYS = env_int("PENCAKER_PLACEMENT_CORRECTION_DAYS", 7)

# --- Load shedding (pencaker.ops.load_shedding) -----------------------------------------
# Requests one app-server process serves at once; beyond that a request waits up to
# PENCAKER_QUEUE_WAIT_MS for a slot and is then answered 503 with Retry-After (seconds).
PENCAKER_MAX_IN_FLIGHT = env_int("PENCAKER_MAX_IN_FLIGHT", 4)
PENCAKER_QUEUE_WAIT_MS = env_int("PENCAKER_QUEUE_WAIT_MS", 100)
PENCAKER_RETRY_AFTER = env_int("PENCAKER_RETRY_AFTER", 5)

# --- Primary and standby (pencaker.core.db_routing, ADR 0030) ---------------------------
# Views whose reads may come from the hot standby (when DATABASE_REPLICA_URL is set) as long
# as the request has not written; a browser that wrote reads the primary for this long.
PENCAKER_REPLICA_VIEWS = [
    "vacancies:board",
    "vacancies:detail",
    "vacancies:feed_atom",
    "vacancies:feed_json",
    "api:vacancy_list_public",
    "cards:verify_token",
    "api:card_verify",
    "reporting:ipk",
    "reporting:ipk_xlsx",
    "reporting:performance",
]
PENCAKER_PRIMARY_PIN_SECONDS = env_int("PENCAKER_PRIMARY_PIN_SECONDS", 10)

# --- Pencaker --------------------------------------------------------------------------
PENCAKER_DEMO_OFFICE_CODE = "16.71"
# Which office the public pages (news, FAQ, office profile, service standard) speak for:
# the office named for the host the page is reached at ("host=code,host=code"), else
# PENCAKER_PUBLIC_OFFICE_CODE, else the first office configured; `?kantor=CODE` still
# chooses one explicitly (ADR 0032).
PENCAKER_PUBLIC_OFFICE_HOSTS = env_list("PENCAKER_PUBLIC_OFFICE_HOSTS")
PENCAKER_PUBLIC_OFFICE_CODE = env("PENCAKER_PUBLIC_OFFICE_CODE", "") or ""
# A demonstration installation: every page carries the "DEMO" phase banner (data on the site
# is not real). Off unless set, in every mode; `make run` (which seeds the demo data) sets it.
PENCAKER_DEMO = env_bool("PENCAKER_DEMO", False)
NINJA_PAGINATION_PER_PAGE = 50

# --- Records out (exchange app, docs/exchange.md, ADR 0024) ---------------------------------
# A row is exported once its change stamp is older than this (longer than any transaction).
PENCAKER_EXPORT_SAFETY_LAG_SECONDS = env_int("PENCAKER_EXPORT_SAFETY_LAG_SECONDS", 120)
# Where new records are forwarded: "" (off), "logging", or "http" (posts JSON to the URL).
PENCAKER_EXCHANGE_FORWARDER = env("PENCAKER_EXCHANGE_FORWARDER", "") or ""
PENCAKER_EXCHANGE_URL = env("PENCAKER_EXCHANGE_URL", "") or ""
PENCAKER_EXCHANGE_TOKEN = env("PENCAKER_EXCHANGE_TOKEN", "") or ""
PENCAKER_EXCHANGE_TIMEOUT_SECONDS = env_int("PENCAKER_EXCHANGE_TIMEOUT_SECONDS", 10)
PENCAKER_EXCHANGE_BATCH = env_int("PENCAKER_EXCHANGE_BATCH", 200)
# Identity check against Dukcapil: "" (off) or "fake" (tests); a real adapter is a dotted path.
PENCAKER_IDENTITY_CHECKER = env("PENCAKER_IDENTITY_CHECKER", "") or ""
