"""Timing one page as a logged-in user: the query count of each fetch and the median and p95
time, after a warm-up fetch (the session, the templates). Shared by the page benchmarks."""

import gc
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def measure_page(user: User, url: str, repeats: int) -> dict:
    client = Client()
    client.force_login(user)
    first = client.get(url)
    if first.status_code != 200:
        raise RuntimeError(f"{url} answered {first.status_code}")
    counts, times = set(), []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
            counts.add(len(queries))
    finally:
        gc.enable()
    return {
        "queries": counts.pop() if len(counts) == 1 else sorted(counts),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95(times), 2),
    }
