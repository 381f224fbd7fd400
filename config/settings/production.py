"""Production: PostgreSQL, Redis, HTTPS. Every secret comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from common.checks import secret_problems

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    CPR_HASH_KEY,
    DATABASES,
    FIELD_ENCRYPTION_KEYS,
    SECRET_KEY,
    SMS_BACKEND,
    SMS_GATEWAY_URL,
)

for name, value in {
    "DJANGO_SECRET_KEY": SECRET_KEY,
    "FIELD_ENCRYPTION_KEYS": FIELD_ENCRYPTION_KEYS,
    "CPR_HASH_KEY": CPR_HASH_KEY,
    # Links in e-mails and text messages point here.
    "SITE_URL": os.environ.get("SITE_URL", ""),
}.items():
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
problems = secret_problems(
    secret_key=SECRET_KEY,
    cpr_hash_key=CPR_HASH_KEY,
    field_encryption_keys=FIELD_ENCRYPTION_KEYS,
    allowed_hosts=ALLOWED_HOSTS,
)
if problems:
    raise ImproperlyConfigured("Weak production settings:\n- " + "\n- ".join(problems))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL.")

if SMS_BACKEND.endswith("HttpSmsGateway") and not SMS_GATEWAY_URL:
    raise ImproperlyConfigured("Set the environment variable SMS_GATEWAY_URL.")
# Reminders must leave the building: SMTP unless EMAIL_BACKEND names another backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

DEBUG = False
DEMO_DATA_ALLOWED = False  # seed_demo refuses: its staff share the password "demo"
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
