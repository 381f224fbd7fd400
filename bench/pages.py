"""Timing a call or a page: the query count of each run and the median and p95 time, after a
warm-up run (the session, the templates, the caches). Shared by the benchmarks."""

import gc
import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def measure(call: Callable[[], object], repeats: int) -> dict:
    """Queries, median and p95 ms of `repeats` runs of `call`, with the garbage collector off."""
    counts, times = set(), []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                call()
                times.append((time.perf_counter() - began) * 1000)
            counts.add(len(queries))
    finally:
        gc.enable()
    return {
        "queries": counts.pop() if len(counts) == 1 else sorted(counts),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95(times), 2),
    }


def measure_page(user: User, url: str, repeats: int) -> dict:
    client = Client()
    client.force_login(user)
    first = client.get(url)
    if first.status_code != 200:
        raise RuntimeError(f"{url} answered {first.status_code}")

    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200

    return measure(fetch, repeats)
