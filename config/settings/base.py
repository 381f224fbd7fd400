"""Settings shared by every environment. Environment variables are read here and only here."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("JOBSAMTALE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
#: Earlier secret keys, still accepted for sessions and signatures while a new key rolls out.
SECRET_KEY_FALLBACKS = [
    k for k in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if k
]
DEBUG = False
# `seed_demo` makes staff with the password "demo" and a public authenticator key: it runs only
# where a settings module allows it (local, test, loadtest), never in production.
DEMO_DATA_ALLOWED = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
#: Where links in e-mails and text messages point.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
#: Where vulnerabilities are reported (/.well-known/security.txt, docs/SECURITY.md).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@jobsamtale.example.dk")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "huey.contrib.djhuey",
    "common",
    "accounts",
    "centres",
    "citizens",
    "audit",
    "guidance",
    "notifications",
    "booking",
    "occupations",
    "joblog",
    "cv",
    "plans",
    "conversations",
    "evaluations",
    "coservice",
    "places",
    "labour",
    "suggestions",
    "courses",
    "jobclubs",
    "learning",
    "teamwork",
    "kpis",
    "dashboard",
    "demo",
    "api",
    "sso",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.SecurityHeadersMiddleware",
    "common.middleware.DatabaseBusyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.SessionMiddleware",
    "common.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "centres.middleware.RowSecurityMiddleware",
    "accounts.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "coservice.middleware.CoServiceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# One template language for the product: Jinja2 (config/jinja2.py), templates in each app's
# jinja2/ folder and in jinja2/. Django's own engine stays second for the admin's templates.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
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
FORM_RENDERER = "common.forms.DkfdsFormRenderer"

# --- Database: DATABASE_URL chooses; the embedded default is SQLite under var/.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jobsamtale.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE makes writers queue for the lock
    # at BEGIN instead of failing half-way with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }

# Django's PostgreSQL connection pool (psycopg_pool) per worker process: DATABASE_POOL=min:max,
# max = the worker's threads. Django requires CONN_MAX_AGE = 0 with a pool (docs/scaling.md).
_pool = os.environ.get("DATABASE_POOL", "")
if _pool and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _low, _sep, _high = _pool.partition(":")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "pool": {"min_size": int(_low), "max_size": int(_high or _low), "timeout": 10},
    }
# A streaming replica for the leaders' dashboard and exports (common/routers.py, opt-in per
# view with replica_reads; its limits are in docs/scaling.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
            conn_health_checks=True,
        ),
        "ATOMIC_REQUESTS": False,  # else every request opens a replica transaction
        "TEST": {"MIRROR": "default"},
    }
    if "pool" in DATABASES["default"].get("OPTIONS", {}):
        DATABASES["replica"]["OPTIONS"] = {"pool": dict(DATABASES["default"]["OPTIONS"]["pool"])}
    DATABASE_ROUTERS = ["common.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UserBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes: lock a username from an address after repeated failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password", "cpr", "username"]
#: A CPR number typed as the user name is masked in axes' records (common.logging, which also
#: masks CPR numbers in every text column of axes' tables before they are saved).
AXES_USERNAME_CALLABLE = "common.logging.axes_username"
AXES_VERBOSE = False
#: How long the records of logins and failed attempts are kept (accounts.tasks).
LOGIN_RECORDS_DAYS = 90

# Sessions: the sliding inactivity timeout per role comes from the job centre's settings
# (accounts.middleware); this is the ceiling and the default for users without a job centre.
SESSION_COOKIE_AGE = 30 * 60
#: The sliding expiry is renewed (the session saved) at most this often, not on every request
#: (accounts.middleware.SessionMiddleware): an idle session ends between the timeout less
#: this and the timeout after its last request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "common.views.csrf_failure"

# --- Security headers. CSP allows only our own origin: no inline script or style.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Second factor for staff (accounts.two_factor, django-otp)
# Staff (every role but citizen, and superusers) confirm their password with a code from an
# authenticator app (TOTP) or a one-time recovery code; accounts.middleware refuses the rest.
# django-otp's own throttling: after n wrong codes in a row the next try waits factor * 2^(n-1) s.
OTP_TOTP_ISSUER = "Jobsamtale"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
#: How many recovery codes a staff member gets (each works once).
TWO_FACTOR_RECOVERY_CODES = 10
#: Absolute session lifetime from login, whatever the activity (the idle timeout is separate).
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 60 * 60)))

# --- Single sign-on: SAML 2.0 / OIOSAML 3 and OpenID Connect (sso), off unless configured
# (config/settings/sso.py reads their environment variables).
from config.settings.sso import *  # noqa: E402, F403
from config.settings.sso import OIDC_RP_CLIENT_ID  # noqa: E402

if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("sso.oidc.StaffOIDCBackend")

# --- Privacy: data download, corrections, retention (privacy)
#: Rows the nightly retention task deletes or anonymises per transaction.
PRIVACY_RETENTION_BATCH = 500

# --- Row-level security on PostgreSQL (centres.row_security)
#: On PostgreSQL, force the job-centre policies on the tables' owner too and scope each request's
#: connection to the user's job centre (centres.middleware). Off by default; on, the app should
#: connect as a role that does not own the tables (docs/SECURITY.md). No effect on SQLite.
DATABASE_ROW_SECURITY = os.environ.get("DATABASE_ROW_SECURITY", "") == "1"

# --- Internationalisation: Danish first, English complete.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["common.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Numbers render as the machine reads them (ids in attributes, URLs, htmx targets); pages that
# show large counts to people opt in with humanize's |intcomma (Danish: 1.155).
USE_THOUSAND_SEPARATOR = False

# --- Request size: a body larger than this (uploaded files aside) is answered 413, as a Danish
# page or the API's JSON (common.views.request_too_large, api.errors). The import's pasted page
# source may be as large as its file (labour.forms.MAX_IMPORT_BYTES), and nginx's
# client_max_body_size is the same 10 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Static files: our own copies of DKFDS, htmx and Chart.js (make assets), never a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Field encryption for CPR numbers. First key encrypts; all keys decrypt (rotation).
FIELD_ENCRYPTION_KEYS = [k for k in os.environ.get("FIELD_ENCRYPTION_KEYS", "").split(",") if k]
CPR_HASH_KEY = os.environ.get("CPR_HASH_KEY", "")

# --- Background tasks: huey. SQLite-backed queue by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "jobsamtale",
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "jobsamtale",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# --- Cache and session store (docs/decisions.md, "A lighter request path").
# With REDIS_URL the cache is Redis, shared by every gunicorn process, and sessions are read
# from it (cached_db: written to the database and the cache, read from the cache, the
# database when the cache lacks them). Without it each process has its own memory cache, and
# sessions stay in the database alone: a process's own cache would keep a session that a
# logout or a password change in another process ended.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jobsamtale",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    #: How long the user's row (with job centre and device ids) may be served from the cache;
    #: saves and deletes drop it at once (accounts.backends). 0: read on every request.
    USER_CACHE_SECONDS = 60
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    USER_CACHE_SECONDS = 0

# --- Notifications. E-mail through Django's mail backend: the console unless EMAIL_BACKEND
# names another (SMTP with EMAIL_HOST...). SMS through SMS_BACKEND, see notifications.backends.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Jobsamtale <noreply@jobsamtale.local>")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "notifications.backends.ConsoleSmsBackend")
SMS_FILE_PATH = Path(os.environ.get("SMS_FILE_PATH", VAR_DIR / "sms.log"))
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")

# --- Logging: never log request bodies or query strings that could hold personal data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_cpr": {"()": "common.logging.RedactCprFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_cpr"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (a DEBUG console, the development server's request lines,
        # mail to ADMINS) do not redact: these loggers write through the root's console only.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # pysaml2 logs the subject's NameID (a persistent pseudonym) at INFO and whole messages
        # at DEBUG: warnings only, whatever LOG_LEVEL says.
        "saml2": {"level": "WARNING"},
        "xmlschema": {"level": "WARNING"},  # pysaml2's schemas, loaded once per process
    },
}

# --- Job-opening imports: uploads above this size are imported by a worker with a progress
# page; an import of more openings than LABOUR_IMPORT_MAX_ROWS is refused whole.
LABOUR_IMPORT_BACKGROUND_BYTES = int(os.environ.get("LABOUR_IMPORT_BACKGROUND_BYTES", 256 * 1024))
LABOUR_IMPORT_MAX_ROWS = int(os.environ.get("LABOUR_IMPORT_MAX_ROWS", 100_000))
#: The Tuesday mail lists this many new openings per industry, and counts the rest.
LABOUR_DIGEST_OPENINGS_SHOWN = int(os.environ.get("LABOUR_DIGEST_OPENINGS_SHOWN", 10))
