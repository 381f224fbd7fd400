"""The preparation benchmark's code path works, and what it guards holds at a tiny size."""

import pytest

from perf.bench import load, preparation
from perf.bench.preparation import preparation_benchmark

pytestmark = pytest.mark.django_db


def test_the_preparation_view_reads_the_same_number_of_queries_for_little_and_much_history():
    result = preparation_benchmark(sizes=((1, 2), (6, 8)), repeats=2)
    rows = result["rows"]
    assert [row["history"] for row in rows] == ["1 weeks", "6 weeks"]
    assert [row["joblog_entries"] for row in rows] == [8, 48]
    assert rows[0]["queries"] == rows[1]["queries"]
    assert isinstance(rows[0]["queries"], int) and rows[0]["queries"] > 0
    assert result["ok"] and result["queries_constant"]
    assert load()["preparation"] is preparation_benchmark


def test_the_benchmark_fails_when_the_queries_grow_with_the_history(monkeypatch):
    measure = preparation.measure_page

    def one_query_per_conversation(consultant, url, repeats):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.urls import resolve

        from booking.models import Booking

        booking = Booking.objects.get(public_id=resolve(url).kwargs["public_id"])

        with CaptureQueriesContext(connection) as extra:
            for held in booking.citizen.bookings.all():
                _ = held.topic.name
        result = measure(consultant, url, repeats)
        result["queries"] += len(extra)
        return result

    monkeypatch.setattr(preparation, "measure_page", one_query_per_conversation)
    result = preparation_benchmark(sizes=((1, 1), (2, 4)), repeats=1)
    assert not result["ok"] and "queries differ" in result["summary"]
