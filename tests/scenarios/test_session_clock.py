"""`--clock`/`JOBSAMTALE_CLOCK` (root conftest.py): the session starts at the named moment and
ticks from there, in the test's thread, in other threads and in the live server's thread."""

import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import requests
from django.utils import timezone

from conftest import COPENHAGEN, SESSION_CLOCK, clock_moment, start_clock


def session_now() -> datetime:
    """What the clock should say now: the pinned moment plus the real time since, or the real
    time when the session is not pinned."""
    if moment := SESSION_CLOCK.get("moment"):
        return moment + timedelta(seconds=time.monotonic() - SESSION_CLOCK["monotonic"])
    return datetime.fromtimestamp(time.clock_gettime(time.CLOCK_REALTIME), UTC)


def test_a_moment_without_an_offset_is_copenhagen_time():
    assert clock_moment("2026-12-06T23:30") == datetime(2026, 12, 6, 23, 30, tzinfo=COPENHAGEN)
    repeated = clock_moment("2026-10-25T02:30+01:00")
    assert repeated.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    with pytest.raises(pytest.UsageError, match="not an ISO 8601 time"):
        clock_moment("søndag aften")


def test_the_pinned_clock_ticks_from_when_it_is_set_not_from_its_first_reading():
    """time-machine starts a ticking clock at its first reading. An xdist worker may read no
    time until its first test, seconds after the session pinned the clock, and then ran that
    many seconds behind (10 s at CI's daylight-saving clock, where the checks below allow 5)."""
    moment = clock_moment("2026-10-25T02:30+01:00")
    traveller = start_clock(moment)
    try:
        time.sleep(0.5)
        assert timezone.now() - moment >= timedelta(seconds=0.5)
    finally:
        traveller.stop()


def test_the_test_and_another_thread_see_the_session_clock(pytestconfig):
    assert bool(SESSION_CLOCK) == bool(pytestconfig.getoption("--clock"))  # xdist workers too
    seen = []
    thread = threading.Thread(target=lambda: seen.append(timezone.now()))
    thread.start()
    thread.join()
    for now in (timezone.now(), seen[0]):
        assert abs(now - session_now()) < timedelta(seconds=5)


@pytest.mark.django_db(transaction=True)
def test_the_live_server_sees_the_session_clock(live_server):
    response = requests.get(f"{live_server.url}/login/", timeout=30)
    served_at = parsedate_to_datetime(response.headers["Date"])
    assert abs(served_at - session_now()) < timedelta(seconds=5)
