"""The one settings module: every knob is an ``AMENDS_*`` environment variable, read once here.

SQLite under ``var/`` is the default so that ``amends run`` works on a fresh checkout; set
``AMENDS_DATABASE_URL`` (for example ``postgres://user@host:5432/amends``) for PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from amends.jobs import queue_config


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"AMENDS_{name}", default)


def _env_bool(name: str, default: bool = False) -> bool:
    raw = _env(name, "1" if default else "0").strip().lower()
    return raw in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(_env("VAR_DIR", str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    given = _env("SECRET_KEY")
    if given:
        return given
    # A generated key is kept so that sessions and signed customer links survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [h.strip() for h in _env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in _env("CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]
SITE_URL = _env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "huey.contrib.djhuey",
    "amends.core",
    "amends.accounts",
    "amends.customers",
    "amends.playbooks",
    "amends.cases",
    "amends.remedies",
    "amends.actions",
    "amends.followups",
    "amends.outbox",
    "amends.sla",
    "amends.webhooks",
    "amends.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "amends.api.middleware.ApiBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "amends.urls"
WSGI_APPLICATION = "amends.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = _env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'amends.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Kept open per worker thread like PostgreSQL's: opening a connection (and its PRAGMAs) on
    # every request cost about as much CPU as a queue page.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    # Writers queue on a file lock instead of SQLite's sleeping busy handler (see the module).
    DATABASES["default"]["ENGINE"] = "amends.core.sqlite3"
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock up
        # front so that concurrent writers queue instead of failing on a lock upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not shared-cache memory, so that concurrent writers lock as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    # pytest-django creates the test database from this name.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = _env("TEST_DATABASE_NAME", "") or None

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = _env_bool("SECURE_COOKIES")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LANGUAGE_CODE = "en"
TIME_ZONE = _env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it even when it serves from the finders
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Large bodies are refused with a clear 413 rather than read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(_env("MAX_BODY_BYTES", str(1024 * 1024)))

# Money and authority.
CURRENCY = _env("CURRENCY", "EUR")

# Optional LLM rephrasing of drafts (any OpenAI-compatible endpoint); off unless a URL is set.
LLM_URL = _env("LLM_URL")
LLM_MODEL = _env("LLM_MODEL")
LLM_API_KEY = _env("LLM_API_KEY")

# Jobs: Huey on SQLite under var/ by default; AMENDS_QUEUE_URL picks redis:// or postgres://.
QUEUE_URL = _env("QUEUE_URL")
QUEUE_NAME = _env("QUEUE_NAME", "amends")
HUEY = {**queue_config(QUEUE_URL, QUEUE_NAME, sqlite_file=str(VAR_DIR / "queue.sqlite3")),
        "immediate": False, "utc": True}

# Outbox delivery (email and webhooks): how long a worker holds a claimed row, the first retry
# delay (doubling up to an hour), how many attempts before a row is marked failed, and how old a
# pending row must be before the minute sweep re-enqueues it.
OUTBOX_LEASE_SECONDS = int(_env("OUTBOX_LEASE_SECONDS", "300"))
OUTBOX_RETRY_SECONDS = int(_env("OUTBOX_RETRY_SECONDS", "30"))
OUTBOX_MAX_ATTEMPTS = int(_env("OUTBOX_MAX_ATTEMPTS", "12"))
OUTBOX_SWEEP_GRACE_SECONDS = int(_env("OUTBOX_SWEEP_GRACE_SECONDS", "60"))

SMTP_URL = _env("SMTP_URL")
# Inbound email (``amends email receive``, POST /api/v1/inbound/email): the largest raw message taken.
INBOUND_EMAIL_MAX_BYTES = int(_env("INBOUND_EMAIL_MAX_BYTES", str(25 * 1024 * 1024)))
DEFAULT_FROM_EMAIL = _env("FROM_EMAIL", "Amends <desk@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", "WARNING")},
}
