"""The Joblog benchmark's code path works, and what it guards holds at a tiny size."""

import pytest

from perf.bench import joblog, load
from perf.bench.joblog import joblog_benchmark

pytestmark = pytest.mark.django_db


def test_the_joblog_page_reads_the_same_number_of_queries_for_few_and_many_entries():
    result = joblog_benchmark(sizes=(3, 60), repeats=2)
    rows = result["rows"]
    assert [row["entries"] for row in rows] == [3, 60]
    assert rows[0]["queries"] == rows[1]["queries"]
    assert isinstance(rows[0]["queries"], int) and rows[0]["queries"] > 0
    assert result["ok"] and result["queries_constant"]
    assert load()["joblog"] is joblog_benchmark


def test_the_benchmark_fails_when_the_queries_grow_with_the_entries(monkeypatch):
    measure = joblog.measure_page

    def one_query_per_entry(user, url, repeats):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as extra:
            for entry in user.citizen.joblog_entries.all():
                _ = entry.occupation.title
        result = measure(user, url, repeats)
        result["queries"] += len(extra)
        return result

    monkeypatch.setattr(joblog, "measure_page", one_query_per_entry)
    result = joblog_benchmark(sizes=(1, 4), repeats=1)
    assert not result["ok"] and "queries differ" in result["summary"]
