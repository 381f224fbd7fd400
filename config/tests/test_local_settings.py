"""`make run` serves with Django's development server, which starts a new thread for every
request. A persistent connection per thread would stay open after its thread ended: 50 citizens
logging in at once left about 100 PostgreSQL connections open and the next requests failed
with "too many clients already"."""

import os
import subprocess
import sys

from django.conf import settings


def _local_settings(**env: str) -> str:
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    environ = {k: v for k, v in os.environ.items() if k != "CONN_MAX_AGE"}
    environ.update(DJANGO_SETTINGS_MODULE="config.settings.local", **env)
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_make_run_on_postgresql_closes_each_requests_connection():
    assert _local_settings(DATABASE_URL="postgres://jobsamtale@127.0.0.1:5432/nowhere") == "0"


def test_an_explicit_conn_max_age_is_still_honoured():
    url = "postgres://jobsamtale@127.0.0.1:5432/nowhere"
    assert _local_settings(DATABASE_URL=url, CONN_MAX_AGE="30") == "30"
