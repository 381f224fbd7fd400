"""The KPI recompute benchmark's code path works, and what it guards holds at a tiny size."""

import pytest

from kpis.models import Snapshot
from perf.bench import kpis, load
from perf.bench.kpis import kpi_recompute_benchmark

pytestmark = pytest.mark.django_db


def test_recomputing_reads_the_same_number_of_queries_for_few_and_many_citizens():
    result = kpi_recompute_benchmark(sizes=(3, 12), repeats=1)
    rows = result["rows"]
    assert [row["citizens"] for row in rows] == [3, 12]
    assert [row["bookings"] for row in rows] == [30, 120]
    assert rows[0]["queries"] == rows[1]["queries"] > 0
    assert rows[0]["snapshots"] == rows[1]["snapshots"] > 0
    assert result["ok"] and result["queries_constant"]
    assert load()["kpi_recompute"] is kpi_recompute_benchmark
    assert Snapshot.objects.filter(kpi="satisfaction_answers", value__gt=0).exists()


def test_the_benchmark_fails_when_the_queries_grow_with_the_citizens(monkeypatch):
    compute = kpis.compute_centre

    def one_query_per_citizen(*, job_centre, today):
        for citizen in job_centre.citizens.all():
            _ = citizen.user.name
        return compute(job_centre=job_centre, today=today)

    monkeypatch.setattr(kpis, "compute_centre", one_query_per_citizen)
    result = kpi_recompute_benchmark(sizes=(1, 4), repeats=1)
    assert not result["ok"] and "queries differ" in result["summary"]
