"""The key-page benchmark's code path works on a tiny job centre (no timing): the people are
picked by query, every page answers, its SQL is captured and replays, the POST books and is
undone, and the result says which goal a page misses."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import Booking, MeetingMode, Status
from booking.tests.factories import BookingFactory, TopicFactory, working_week
from centres.tests.factories import JobCentreFactory
from citizens.tests.factories import CitizenFactory
from joblog.tests.factories import EntryFactory
from perf.bench import key_pages, load
from perf.bench.key_pages import (
    compare_scales,
    key_pages_benchmark,
    key_pages_scale_benchmark,
    measure_key_page,
    scale_summary,
)
from perf.bench.pages import capture, replay, without
from plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A tiny centre beside a smaller one: 4 consultants' worth of roles, 5 citizens with 1 to
    9 Joblog entries (the median is 5), a topic to book, a conversation to prepare."""
    small = JobCentreFactory(name="Jobcenter Lille")
    CitizenFactory(job_centre=small)
    centre = JobCentreFactory(name="Jobcenter Stor")
    consultant = StaffFactory(job_centre=centre, username="kp-jc")
    working_week(consultant)
    StaffFactory(job_centre=centre, role=Role.MANAGER, username="kp-leder")
    StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="kp-vk")
    modes = [MeetingMode.PHONE, MeetingMode.VIDEO]
    TopicFactory(job_centre=centre, consultants=[consultant], modes=modes)
    citizens = []
    for n, entries in enumerate((1, 3, 5, 7, 9)):
        citizen = CitizenFactory(
            job_centre=centre, responsible_consultant=consultant, user__username=f"kp-b{n}"
        )
        EntryFactory.create_batch(entries, citizen=citizen, date=date.today())
        PlanFactory(citizen=citizen)
        citizens.append(citizen)
    tomorrow = timezone.localdate() + timedelta(days=1)
    BookingFactory(
        citizen=citizens[0],
        consultant=consultant,
        start=timezone.make_aware(datetime.combine(tomorrow, time(20, 0))),
    )
    return {"centre": centre, "citizens": citizens, "consultant": consultant}


def test_the_people_are_picked_by_query(world):
    pages = {page.key: page for page in key_pages.key_pages()}
    assert list(pages) == [
        "home",
        "booking_week",
        "booking_post",
        "joblog",
        "plan",
        "prepare",
        "board",
        "suggestions",
        "dashboard",
    ]
    median = world["citizens"][2]
    assert pages["home"].user == median.user and "5 Joblog entries" in pages["home"].notes[0]
    assert pages["prepare"].user == world["consultant"]
    assert pages["dashboard"].user.role == Role.MANAGER
    assert pages["board"].user.role == Role.BUSINESS_CONSULTANT
    assert {pages[k].goal for k in ("prepare", "dashboard")} == {key_pages.STAFF_GOAL}
    assert pages["joblog"].goal == key_pages.CITIZEN_GOAL


def test_every_page_is_measured_and_the_booking_is_undone(world):
    result = key_pages_benchmark(repeats=2, warmup=1, seed=False)
    rows = {row["page"]: row for row in result["rows"]}
    assert len(rows) == 9 and load()["key_pages"] is key_pages_benchmark
    for row in rows.values():
        assert isinstance(row["queries"], int) and row["queries"] > row["replayed"] > 0
        assert row["ratio"] > 0 and row["ok"] == (row["ratio"] <= row["goal"])
        assert row["c_p95_ms"] >= row["c_median_ms"] > 0
    judged = connection.vendor in key_pages.GOAL_VENDORS
    assert result["ok"] == (all(row["ok"] for row in rows.values()) or not judged)
    # The citizen books and cancels each round: nothing of the POST stays booked.
    citizen = world["citizens"][2]
    bookings = Booking.objects.filter(citizen=citizen)
    # One warm-up, two rounds and the last count, each cancelled; the capture rolled back.
    assert bookings.count() == 1 + 2 + 1
    assert not bookings.filter(status=Status.BOOKED).exists()


def test_a_page_missing_its_goal_fails_the_benchmark(world, monkeypatch):
    monkeypatch.setattr(key_pages, "GOAL_VENDORS", {connection.vendor})
    page = next(p for p in key_pages.key_pages() if p.key == "joblog")
    page.goal = 0.01
    row = measure_key_page(page, repeats=1, warmup=1)
    assert not row["ok"]
    monkeypatch.setattr(key_pages, "measure_key_page", lambda page, *a: {**row, "page": page.key})
    result = key_pages_benchmark(repeats=1, warmup=1, seed=False)
    assert not result["ok"] and "9 of 9 pages miss their goal" in result["summary"]


def test_the_captured_sql_replays_without_what_every_request_sends(world):
    from perf.bench.pages import logged_in

    client = logged_in(world["citizens"][2].user)
    client.get("/joblog/")
    _, page = capture(lambda: client.get("/joblog/"))
    _, empty = capture(lambda: client.get("/healthz"))
    own = without(page, empty)
    # The session's read and the user's (the session is saved when it changed, and renewed
    # once a minute: accounts.middleware.SessionMiddleware); savepoints are named afresh.
    shared = [sql for sql, _params, _many in empty if "SAVEPOINT" not in sql]
    assert len(shared) == 2 and len(own) == len(page) - len(shared)
    assert not any("django_session" in sql for sql, _params, _many in own)
    replay(own)
    before = connection.in_atomic_block
    replay(own, rollback=True)
    assert connection.in_atomic_block is before


def test_the_scale_comparison_needs_two_databases():
    with pytest.raises(key_pages.NothingToMeasure):
        key_pages_scale_benchmark(urls=["sqlite:///one.sqlite3"])


def _run(citizens: int, queries: int, median: float) -> dict:
    row = {"page": "joblog", "queries": queries, "c_median_ms": median, "ratio": 2.0}
    return {"citizens": citizens, "rows": [{**row, "goal": 3.0, "ok": True}]}


def test_the_scales_compare_query_counts_and_growth():
    rows = compare_scales([_run(40_000, 15, 10.0), _run(400_000, 15, 14.0)])
    assert [r["run"] for r in rows] == ["joblog @40000", "joblog @400000"]
    assert rows[1]["growth"] == 1.4 and rows[1]["same_queries"] and rows[1]["ok"]
    slower = compare_scales([_run(40_000, 15, 10.0), _run(400_000, 15, 16.0)])
    assert not slower[1]["ok"] and slower[0]["ok"]
    assert scale_summary(slower) == "1 misses: joblog @400000: grows 1.6x"
    assert scale_summary(rows) == "all 1 pages hold at every scale"
    more = compare_scales([_run(40_000, 15, 10.0), _run(400_000, 16, 10.0)])
    assert not more[1]["same_queries"] and not more[1]["ok"]


def test_sqlite_ratios_are_shown_not_judged(world, monkeypatch):
    monkeypatch.setattr(key_pages, "GOAL_VENDORS", set())
    row = {"page": "joblog", "ratio": 9.0, "goal": 3.0, "ok": False}
    monkeypatch.setattr(key_pages, "measure_key_page", lambda page, *a: {**row, "page": page.key})
    result = key_pages_benchmark(repeats=1, warmup=1, seed=False)
    assert result["ok"] and "shown, not judged" in result["summary"]
