"""The matching benchmark's code path works, and what it guards holds at a tiny size."""

import pytest

from perf.bench import load, matching
from perf.bench.matching import matching_benchmark

pytestmark = pytest.mark.django_db


def test_matching_reads_a_bounded_number_of_queries_for_few_and_many_openings_and_citizens():
    result = matching_benchmark(sizes=((60, 12), (240, 40)), repeats=1)
    rows = result["rows"]
    assert {row["size"] for row in rows} == {
        "60 openings / 12 citizens",
        "240 openings / 40 citizens",
    }
    assert len(rows) == 2 * 5  # three probe citizens and two probe openings per size
    assert all(isinstance(row["queries"], int) for row in rows)
    assert all(0 < row["queries"] <= matching.MAX_QUERIES for row in rows)
    assert all(row["found"] > 0 for row in rows)
    assert result["ok"] and result["queries_bounded"]
    assert load()["matching"] is matching_benchmark


def test_the_benchmark_fails_when_the_queries_grow_with_the_size(monkeypatch):
    real = matching.rank_openings_for

    def one_query_per_opening(citizen, **kwargs):
        from labour.models import JobOpening

        for opening in JobOpening.objects.filter(job_centre_id=citizen.job_centre_id)[:100]:
            _ = opening.job_centre.name
        return real(citizen, **kwargs)

    monkeypatch.setattr(matching, "rank_openings_for", one_query_per_opening)
    result = matching_benchmark(sizes=((20, 5), (60, 8)), repeats=1)
    assert not result["ok"] and "queries beyond" in result["summary"]
