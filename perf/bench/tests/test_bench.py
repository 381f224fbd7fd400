"""The benchmarks' code paths work, and what they guard holds at a tiny size (no timing)."""

import json

import pytest

from booking.models import Booking
from perf.bench import availability, load
from perf.bench.availability import free_slots_benchmark
from perf.bench.report import write

pytestmark = pytest.mark.django_db


def test_free_slot_search_reads_the_same_number_of_queries_whatever_the_bookings():
    result = free_slots_benchmark(sizes=(0, 50), repeats=2)
    rows = result["rows"]
    assert [row["bookings"] for row in rows] == [0, 50]
    assert rows[0]["queries"] == rows[1]["queries"]
    assert isinstance(rows[0]["queries"], int) and rows[0]["queries"] > 0
    assert result["ok"] and result["queries_constant"]
    assert all(row["free_starts"] > 0 for row in rows)


def test_the_benchmark_is_registered_and_the_report_is_written(tmp_path):
    assert load()["free_slots"] is free_slots_benchmark
    result = free_slots_benchmark(sizes=(0,), repeats=1)
    database = {"vendor": "sqlite", "version": "3"}
    json_path, md_path = write(database, {"free_slots": result}, directory=tmp_path)
    write({"vendor": "postgresql", "version": "15"}, {"free_slots": result}, directory=tmp_path)
    data = json.loads(json_path.read_text())
    assert set(data["runs"]) == {"sqlite", "postgresql"}
    report = md_path.read_text()
    assert "### free_slots: ok" in report and "## postgresql 15" in report
    assert "| bookings |" in report and "█" in report


def test_the_benchmark_fails_when_the_queries_grow_with_the_bookings(monkeypatch):
    search = availability.free_slots

    def one_query_per_booking(**kwargs):
        for booking in Booking.objects.all():
            _ = booking.citizen
        return search(**kwargs)

    monkeypatch.setattr(availability, "free_slots", one_query_per_booking)
    result = free_slots_benchmark(sizes=(0, 3), repeats=1)
    assert not result["ok"]
    assert "queries differ" in result["summary"]
