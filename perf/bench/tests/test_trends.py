"""The trend page benchmark's code path works, and what it guards holds at a tiny size."""

import pytest

from perf.bench import load
from perf.bench.trends import trends_benchmark

pytestmark = pytest.mark.django_db


def test_the_trend_page_reads_the_same_number_of_queries_for_few_and_many_openings():
    result = trends_benchmark(sizes=(5, 60), repeats=2)
    rows = result["rows"]
    assert [row["openings"] for row in rows] == [5, 60]
    assert rows[0]["queries"] == rows[1]["queries"] > 0
    assert rows[1]["count_rows"] > rows[0]["count_rows"] > 0
    assert result["ok"] and result["queries_constant"]
    assert load()["trends"] is trends_benchmark


def test_on_a_seeded_database_it_measures_the_largest_centre():
    trends_benchmark(sizes=(30,), repeats=1)
    again = trends_benchmark(repeats=1)  # openings exist now: measured as they are
    assert [row["openings"] for row in again["rows"]] == [30]
