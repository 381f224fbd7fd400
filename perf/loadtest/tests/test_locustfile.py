"""The locustfile's users against a live server with the demo data: every task answers as a
browser would see it (200 pages, 302 after a POST), and a few seconds of real locust load on
PostgreSQL fail nothing. Locust runs in a process of its own: it patches the standard library
with gevent, which must not happen inside the test process."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from perf.loadtest.server import BASE_DIR

PAGES = {
    "login POST",
    "citizen home",
    "booking week view",
    "booking confirm",
    "booking POST",
    "booking cancel POST",
    "joblog list",
    "joblog add POST",
    "min plan",
    "job suggestions",
    "consultant calendar day",
    "consultant calendar week",
    "preparation view",
    "openings board",
    "leader dashboard",
}


def _run(*args: str, timeout: int = 240) -> str:
    result = subprocess.run(  # noqa: S603 - our own fixed command line
        [sys.executable, *args], cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_every_task_answers_against_the_demo_data(live_server, request):
    call_command("seed_demo", stdout=io.StringIO())

    smoke = json.loads(_run("-m", "perf.loadtest.smoke", live_server.url, "--rounds", "2"))

    assert smoke["errors"] == []
    assert set(smoke["pages"]) >= PAGES, PAGES - set(smoke["pages"])
    assert all(page["failures"] == 0 for page in smoke["pages"].values())
    assert set(smoke["status_codes"]) <= {"200", "302"}, smoke["status_codes"]
    assert smoke["counters"]["booking_created"] >= 1
    assert smoke["counters"]["login_failed"] == 0

    from django.db import connection

    if connection.vendor != "postgresql":
        return  # the live server shares one in-memory SQLite connection between threads
    stats = json.loads(
        _run(
            *("-m", "locust", "-f", "perf/loadtest/locustfile.py", "--headless", "--json"),
            *("-u", "6", "-r", "6", "-t", "5s", "--host", live_server.url, "--only-summary"),
        )
    )
    by_name = {entry["name"]: entry for entry in stats}
    assert sum(e["num_requests"] for e in stats) > 20
    assert sum(e["num_failures"] for e in stats) == 0, [
        (e["name"], e["num_failures"]) for e in stats if e["num_failures"]
    ]
    assert "citizen home" in by_name
