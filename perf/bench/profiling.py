"""Where each key page's CPU goes: the pages of `key_pages` (the same people, URLs and set-up),
each fetched N times through the test client under cProfile, the profile's time split into
buckets by the module of each function:

- middleware: the request's way in and out (Django's handler, the middleware classes, sessions,
  authentication, messages, django-otp, CSP, axes, htmx, the request and response objects);
- templates: Jinja2 and the project's template helpers (`config/jinja2.py`, `*/templating.py`),
  Django's template engine (the admin's), the form rendering (widgets, bound fields,
  renderers);
- orm: django.db.models (query building, SQL compilation, expressions, fields, model
  instances from rows);
- database: the driver (psycopg, sqlite3) and Django's backend layer over it (cursor wrappers,
  transactions, savepoints, SQLite's Python functions): the time spent sending SQL and
  fetching rows;
- client: django.test.Client building the request and reading the response (not server CPU);
- view: the rest (the project's views, services, selectors, forms' cleaning, third parties).

The method: each function's own time (cProfile's `tottime`) goes to its module's bucket. Helpers
that serve every bucket alike (the standard library, built-ins, django.utils, django.conf,
django.dispatch, django.apps, django.core.cache, django.core.signing, django.urls, asgiref's
thread-locals) have no bucket of their own: their time is passed up to their callers, split
by the time each caller spent in them (cProfile's caller edges), until a caller with a bucket
is reached; what reaches no such caller (a cycle, the profile's top) is counted as view. So
every second profiled lands in exactly one bucket and the buckets add up to the total.
`/healthz` is measured the same way as the floor: the empty page through all middleware, for
a citizen and for staff (who pass django-otp's device check).

The limits: cProfile's overhead is per call, so code with many small calls (the template
engine) is inflated more than code with few large ones (the driver); the profiled time per
request is shown beside the plain median to give its size. A helper's time follows its callers
one edge at a time, so a helper called from both templates and views is split by the time each
spent in it, not by the full stack. The profile's clock is the wall clock, so on PostgreSQL
the database bucket holds the wait for the server too. A second pass samples the stack on a
CPU-time timer (SIGPROF) with next to no overhead: its shares (`*_sampled_pct`, this process's
CPU only) check cProfile's. The garbage collector is off while measuring, as in the other
benchmarks. The machine is shared: absolute ms are noisy, the shares are the figures."""

import cProfile
import gc
import io
import pstats
import signal
import statistics
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from perf.bench import Result, benchmark
from perf.bench.key_pages import (
    Page,
    _empty_database,
    _request,
    key_pages,
    tasks_queued,
)
from perf.bench.pages import logged_in

REPEATS = 20
WARMUP = 3
#: The buckets, in the order reported.
BUCKETS = ("middleware", "templates", "orm", "database", "view", "client")
#: How many of the most expensive functions (by own time) are kept per page, in the JSON:
#: overall, and per bucket.
HOTSPOTS = 12
#: The sampler's rounds per cProfile round (its timer ticks coarsely: a few ms of CPU).
SAMPLE_ROUNDS = 3

#: Path fragments (with "/" as the separator) of each bucket, most specific first: the first
#: match wins.
PATHS: tuple[tuple[str, str], ...] = (
    ("django/test/", "client"),
    ("django/template/", "templates"),
    ("django/templatetags/", "templates"),
    ("/templating.py", "templates"),
    ("config/jinja2.py", "templates"),
    ("site-packages/jinja2/", "templates"),
    ("django/forms/renderers.py", "templates"),
    ("django/forms/boundfield.py", "templates"),
    ("django/forms/widgets.py", "templates"),
    ("django/forms/utils.py", "templates"),
    ("django/db/models/", "orm"),
    ("django/db/backends/", "database"),
    ("django/db/transaction.py", "database"),
    ("django/db/utils.py", "database"),
    ("psycopg", "database"),
    ("sqlite3/", "database"),
    ("django/core/handlers/", "middleware"),
    ("django/middleware/", "middleware"),
    ("django/contrib/sessions/", "middleware"),
    ("django/contrib/auth/middleware.py", "middleware"),
    ("django/contrib/auth/__init__.py", "middleware"),
    ("django/contrib/messages/", "middleware"),
    ("django/http/", "middleware"),
    ("site-packages/django_otp/", "middleware"),
    ("site-packages/csp/", "middleware"),
    ("site-packages/whitenoise/", "middleware"),
    ("site-packages/django_htmx/", "middleware"),
    ("site-packages/axes/", "middleware"),
    ("/middleware.py", "middleware"),
)
#: Helpers that serve every bucket: their time goes to their callers.
SHARED_PATHS = (
    "django/utils/",
    "django/conf/",
    "django/dispatch/",
    "django/apps/",
    "django/core/cache/",
    "django/core/signing.py",
    # reverse() serves templates and views alike; resolving is the handler's (its caller).
    "django/urls/",
    # The thread-locals under translation, URL configuration and database connections.
    "site-packages/asgiref/",
)

Func = tuple[str, int, str]


def _stdlib_prefixes() -> tuple[str, ...]:
    import sysconfig

    paths = sysconfig.get_paths()
    return tuple({paths["stdlib"], paths["platstdlib"]})


_STDLIB = _stdlib_prefixes()


def bucket_of(func: Func) -> str | None:
    """The bucket of a profiled function, or None for a shared helper (whose time goes to its
    callers)."""
    filename, _line, name = func
    if filename == "~":  # a built-in: the driver's C code is the database's, the rest shared
        return "database" if "sqlite3" in name or "psycopg" in name else None
    path = filename.replace("\\", "/")
    if path.startswith("<"):  # <frozen abc>, <string> (code made by dataclasses ...): shared
        return None
    if "site-packages/" not in path and path.startswith(_STDLIB):
        return "database" if "/sqlite3/" in path else None
    for fragment, bucket in PATHS:
        if fragment in path:
            return bucket
    if any(fragment in path for fragment in SHARED_PATHS):
        return None
    return "view"


def attribute(stats: dict[Func, tuple]) -> dict[str, float]:
    """Seconds per bucket: each function's own time to its bucket, a shared helper's to its
    callers' buckets (split by the time each caller spent in it)."""
    owners: dict[Func, dict[str, float]] = {}
    visiting: set[Func] = set()

    def owner(func: Func) -> dict[str, float]:
        """The buckets a function's time belongs to, as fractions adding up to 1."""
        bucket = bucket_of(func)
        if bucket is not None:
            return {bucket: 1.0}
        if func in owners:
            return owners[func]
        if func in visiting or func not in stats:
            return {"view": 1.0}
        visiting.add(func)
        callers = stats[func][4]
        found = _split({c: edge[3] for c, edge in callers.items()}, owner)
        visiting.discard(func)
        owners[func] = found
        return found

    totals = dict.fromkeys(BUCKETS, 0.0)
    for func, (_cc, _nc, tottime, _ct, callers) in stats.items():
        bucket = bucket_of(func)
        if bucket is not None:
            totals[bucket] += tottime
            continue
        # A shared helper: its own time split by what each caller spent in it.
        for name, share in _split({c: edge[2] for c, edge in callers.items()}, owner).items():
            totals[name] += tottime * share
    return totals


def _split(weights: dict[Func, float], owner: Callable[[Func], dict[str, float]]):
    """Fractions per bucket of the callers' owners, weighted; all view without callers."""
    total = sum(weights.values())
    if not weights or total <= 0:
        # No time measured on the edges (too short): share alike among the callers.
        weights = dict.fromkeys(weights, 1.0)
        total = float(len(weights))
    if not total:
        return {"view": 1.0}
    found: dict[str, float] = {}
    for caller, weight in weights.items():
        for name, share in owner(caller).items():
            found[name] = found.get(name, 0.0) + share * weight / total
    return found


def profile_fetches(
    fetch: Callable[[], Any], repeats: int, between: Callable[[], None] | None = None
) -> tuple[dict[Func, tuple], float]:
    """cProfile's stats of `repeats` fetches (`between` runs unprofiled after each), and the
    plain median ms of as many unprofiled fetches, taken in turn with the profiled ones."""
    profiler = cProfile.Profile()
    plain = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            began = time.perf_counter()
            fetch()
            plain.append((time.perf_counter() - began) * 1000)
            if between is not None:
                between()
            profiler.enable()
            fetch()
            profiler.disable()
            if between is not None:
                between()
    finally:
        gc.enable()
    stats = pstats.Stats(profiler, stream=io.StringIO()).stats  # type: ignore[attr-defined]
    return stats, statistics.median(plain)


#: The sampler's interval in seconds of this process's CPU time.
SAMPLE_INTERVAL = 0.0005


def bucket_of_stack(frame: Any) -> str:
    """The bucket of a sampled stack: that of its innermost frame with one (a shared helper's
    time is its caller's, as in attribute()), view when none has."""
    while frame is not None:
        code = frame.f_code
        bucket = bucket_of((code.co_filename, 0, code.co_name))
        if bucket is not None:
            return bucket
        frame = frame.f_back
    return "view"


def sample_fetches(
    fetch: Callable[[], Any], repeats: int, between: Callable[[], None] | None = None
) -> Counter[str]:
    """Samples per bucket of `repeats` fetches: a profiling timer (SIGPROF) fires every
    SAMPLE_INTERVAL of the process's CPU time and the handler files the interrupted stack. It
    costs the page little (unlike cProfile's per-call hook), so it checks cProfile's shares;
    it counts CPU only (no wait for PostgreSQL), and C code counts for the Python frame that
    called it. Unix, main thread only."""
    samples: Counter[str] = Counter()
    active = False

    def on_tick(_signum: int, frame: Any) -> None:
        if active:
            samples[bucket_of_stack(frame)] += 1

    previous = signal.signal(signal.SIGPROF, on_tick)
    signal.setitimer(signal.ITIMER_PROF, SAMPLE_INTERVAL, SAMPLE_INTERVAL)
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            active = True
            fetch()
            active = False
            if between is not None:
                between()
    finally:
        active = False
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, previous)
        gc.enable()
    return samples


def _label(func: Func) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    for marker in ("site-packages/", "/work/wt/", "/lib/python3"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})"


def profile_row(
    key: str,
    fetch: Callable[[], Any],
    repeats: int = REPEATS,
    warmup: int = WARMUP,
    between: Callable[[], None] | None = None,
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """One row: ms per request and share of each bucket, the function calls per request, and
    the page's most expensive functions by own time."""
    for _ in range(warmup):
        fetch()
        if between is not None:
            between()
    stats, plain_ms = profile_fetches(fetch, repeats, between)
    seconds = attribute(stats)
    total = sum(seconds.values())
    calls = sum(entry[1] for entry in stats.values())
    row: dict[str, Any] = {
        "page": key,
        "plain_ms": round(plain_ms, 2),
        "profiled_ms": round(total * 1000 / repeats, 2),
        "calls": round(calls / repeats),
    }
    for name in BUCKETS:
        row[f"{name}_ms"] = round(seconds[name] * 1000 / repeats, 2)
    for name in BUCKETS:
        row[f"{name}_pct"] = round(100 * seconds[name] / total, 1) if total else 0.0
    samples = sample_fetches(fetch, repeats * SAMPLE_ROUNDS, between)
    counted = sum(samples.values())
    row["samples"] = counted
    for name in BUCKETS:
        row[f"{name}_sampled_pct"] = round(100 * samples[name] / counted, 1) if counted else 0.0
    ranked = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:HOTSPOTS]
    hotspots: dict[str, list[str]] = {
        "all": [
            f"{tottime * 1000 / repeats:.2f} ms {bucket_of(func) or 'shared'} {_label(func)}"
            for func, (_cc, _nc, tottime, _ct, _callers) in ranked
        ]
    }
    everything = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)
    for name in BUCKETS[:-1]:
        hotspots[name] = [
            f"{entry[2] * 1000 / repeats:.2f} ms {_label(func)}"
            for func, entry in everything
            if bucket_of(func) == name
        ][:HOTSPOTS]
    return row, hotspots


def _floor(user_page: Page, key: str) -> Callable[[], Any]:
    client: Client = logged_in(user_page.user)
    health = reverse("health")

    def empty() -> None:
        response = client.get(health)
        assert response.status_code == 200

    empty.__name__ = key
    return empty


def profile_all(
    repeats: int = REPEATS, warmup: int = WARMUP
) -> tuple[list[dict], dict[str, dict[str, list[str]]]]:
    """The floor (/healthz as a citizen and as staff), then every key page."""
    pages = key_pages()
    rows, hotspots = [], {}
    citizen = next(p for p in pages if p.key == "home")
    manager = next(p for p in pages if p.key == "dashboard")
    with tasks_queued():
        for key, fetch, between in [
            ("healthz_citizen", _floor(citizen, "healthz_citizen"), None),
            ("healthz_staff", _floor(manager, "healthz_staff"), None),
            *((p.key, _request(logged_in(p.user), p), p.undo) for p in pages),
        ]:
            row, hot = profile_row(key, fetch, repeats, warmup, between)
            rows.append(row)
            hotspots[key] = hot
    return rows, hotspots


def _summary_line(rows: list[dict]) -> str:
    pages = [r for r in rows if not r["page"].startswith("healthz")]
    heaviest = max(pages, key=lambda r: r["profiled_ms"])

    def biggest(row: dict) -> str:
        name = max(BUCKETS[:-1], key=lambda b: row[f"{b}_ms"])
        return f"{name} {row[f'{name}_pct']}%"

    templates = statistics.median(r["templates_pct"] for r in pages)
    return (
        f"median template share {templates}% of the key pages' profiled time; "
        f"heaviest page {heaviest['page']} ({heaviest['profiled_ms']} ms profiled, "
        f"{heaviest['calls']} calls per request, biggest bucket {biggest(heaviest)})"
    )


@benchmark("key_pages_profile")
def key_pages_profile_benchmark(
    repeats: int = REPEATS, warmup: int = WARMUP, seed: bool = True
) -> Result:
    if seed and _empty_database():
        call_command("seed_demo", stdout=io.StringIO())
    rows, hotspots = profile_all(repeats, warmup)
    return {
        "title": (
            f"Where the key pages' CPU goes ({connection.vendor}): each page fetched {repeats} "
            f"times under cProfile after {warmup} warm-ups, its profiled time split into "
            "buckets by module (middleware, templates, ORM, database driver, view and the "
            "rest, the test client), ms per request and share; a shared helper's time goes to "
            "its callers (see perf/bench/README.md). plain_ms is the median unprofiled fetch, "
            "taken in turn. The machine is shared and loaded: absolute ms are noisy and "
            "cProfile inflates code with many small calls; the shares are what matter"
        ),
        # A profile guards nothing: it chooses what to cut.
        "ok": True,
        "summary": _summary_line(rows),
        "repeats": repeats,
        "warmup": warmup,
        "hotspots": hotspots,
        "rows": rows,
        "chart": {"x": "page", "y": "templates_pct"},
    }
