"""Local development (`make run`): embedded SQLite and a SQLite task queue by default."""

import os

from .base import *  # noqa: F403
from .base import FIELD_ENCRYPTION_KEYS

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "local-dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Development keys, so that `make run` works with nothing set. Never used in production,
# which refuses to start without its own keys.
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or ["bG9jYWwtZGV2LW9ubHktZmVybmV0LWtleS0zMmJ5dGU="]
CPR_HASH_KEY = os.environ.get("CPR_HASH_KEY") or "local-dev-only-cpr-hash-key"
WHITENOISE_AUTOREFRESH = DEBUG
DEMO_DATA_ALLOWED = True


# The development server starts a thread per request; a connection kept open per thread (the
# base's CONN_MAX_AGE 60) outlives its thread, and a burst of requests exhausts PostgreSQL's
# connections ("too many clients already"). Django's advice: no persistent connections here.
if "CONN_MAX_AGE" not in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    if "replica" in DATABASES:  # noqa: F405
        DATABASES["replica"]["CONN_MAX_AGE"] = 0  # noqa: F405
