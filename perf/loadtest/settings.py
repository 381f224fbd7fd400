"""Load and fault tests: production settings (DEBUG off, manifest static files, the real
password hasher, production logging and caches) served over plain HTTP on loopback, with fixed
keys that guard nothing. Never deploy this module: it lives in the lab, not in config/."""

import os
from pathlib import Path

# Production refuses to start without its secrets; these are fixed, public, loopback-only ones.
os.environ.setdefault("DJANGO_SECRET_KEY", "loadtest-only-not-secret-0123456789abcdefghijklmnop")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "bG9hZHRlc3Qtb25seS1mZXJuZXQta2V5LTMyYnl0ZXM=")
os.environ.setdefault("CPR_HASH_KEY", "loadtest-only-cpr-hash-key-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")

from config.settings import base as _base

# Production refuses SQLite; the load test's SQLite parity run needs it, with base's WAL and
# IMMEDIATE options, so production's check is shown a PostgreSQL engine for the moment.
_databases = _base.DATABASES
if _databases["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _base.DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
try:
    from config.settings.production import *  # noqa: F403
    from config.settings.production import BASE_DIR, HUEY, REDIS_URL, VAR_DIR
finally:
    _base.DATABASES = _databases
DATABASES = _databases

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DEMO_DATA_ALLOWED = True  # the load test logs in as the demo users

# Plain HTTP on loopback: no redirect to HTTPS, no HSTS, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The load test's own collected static files (manifest storage needs `collectstatic`, which
# perf.loadtest.server runs when they are missing or stale), apart from a deployment's.
STATIC_ROOT = Path(os.environ.get("LOADTEST_STATIC_ROOT", BASE_DIR / "var" / "loadtest-static"))

# Mail and text messages stay on this machine.
EMAIL_FILE_PATH = Path(os.environ.get("LOADTEST_MAIL_DIR", VAR_DIR / "loadtest-mail"))
SMS_BACKEND = os.environ.get("SMS_BACKEND", "notifications.backends.FileSmsBackend")
SMS_FILE_PATH = Path(os.environ.get("SMS_FILE_PATH", VAR_DIR / "loadtest-sms.log"))

# Without Redis the task queue is a SQLite file of the load test's own, not the dev queue.
if not REDIS_URL:
    HUEY = {
        **HUEY,
        "filename": os.environ.get("LOADTEST_HUEY_FILE", str(VAR_DIR / "loadtest-huey.sqlite3")),
    }
