"""Benchmarks, run by `make bench` (`python -m perf.bench`) on a fresh database of their own.

A benchmark is a function registered with `@benchmark("name")` in one of MODULES. It builds
the data it needs, measures, and returns a Result: a dict with at least

- "title": one line saying what is measured,
- "ok": False when a property the benchmark guards is broken (`make bench` then fails),
- "summary": one line with the figures that matter,
- "rows": a list of flat dicts, the measurements (shown as a table),

and optionally "chart": {"x": <row key>, "y": <row key>} for a bar chart in the report, plus
any parameters worth keeping. See perf/bench/README.md."""

from collections.abc import Callable
from importlib import import_module
from typing import Any

Result = dict[str, Any]

#: The modules that register benchmarks. A new benchmark module is added here.
MODULES = [
    "perf.bench.availability",
    "perf.bench.joblog",
    "perf.bench.preparation",
    "perf.bench.matching",
    "perf.bench.kpis",
    "perf.bench.trends",
    "perf.bench.key_pages",
    "perf.bench.profiling",
]

BENCHMARKS: dict[str, Callable[[], Result]] = {}


def benchmark(name: str) -> Callable[[Callable[[], Result]], Callable[[], Result]]:
    def register(func: Callable[[], Result]) -> Callable[[], Result]:
        BENCHMARKS[name] = func
        return func

    return register


def load() -> dict[str, Callable[[], Result]]:
    """Every registered benchmark, by name, in the order of MODULES."""
    for module in MODULES:
        import_module(module)
    return BENCHMARKS
