"""The key-page profile: every profiled second lands in exactly one bucket, a shared helper's
time goes to its callers, and a simple page fills every bucket (tiny N, no timing judged)."""

import pytest

from perf.bench import load, profiling
from perf.bench.key_pages import _request, key_pages
from perf.bench.pages import logged_in
from perf.bench.profiling import BUCKETS, attribute, key_pages_profile_benchmark, profile_row
from perf.bench.tests.test_key_pages import world  # noqa: F401  (the tiny centre)

pytestmark = pytest.mark.django_db

TEMPLATE = ("/venv/site-packages/django/template/base.py", 1, "render")
VIEW = ("/app/joblog/views/citizen.py", 1, "entry_list")
HELPER = ("/venv/site-packages/django/utils/html.py", 1, "escape")
BUILTIN = ("~", 0, "<built-in method builtins.len>")


def test_a_shared_helper_is_paid_by_its_callers_by_what_each_spent_in_it():
    stats = {
        TEMPLATE: (1, 1, 0.010, 0.040, {}),
        VIEW: (1, 1, 0.005, 0.050, {}),
        # escape: 3 ms from the templates, 1 ms from the view.
        HELPER: (
            4,
            4,
            0.004,
            0.006,
            {TEMPLATE: (3, 3, 0.003, 0.0045), VIEW: (1, 1, 0.001, 0.0015)},
        ),
        # len, called only by escape: its time follows escape's callers.
        BUILTIN: (8, 8, 0.002, 0.002, {HELPER: (8, 8, 0.002, 0.002)}),
    }
    seconds = attribute(stats)
    assert seconds["templates"] == pytest.approx(0.010 + 0.003 + 0.0015)
    assert seconds["view"] == pytest.approx(0.005 + 0.001 + 0.0005)
    assert sum(seconds.values()) == pytest.approx(0.021)
    assert set(seconds) == set(BUCKETS)


def test_the_driver_and_the_helpers_are_classified_by_module():
    assert profiling.bucket_of(("~", 0, "<method 'execute' of 'sqlite3.Cursor' objects>")) == (
        "database"
    )
    assert profiling.bucket_of(("/x/site-packages/django/db/models/sql/compiler.py", 1, "f")) == (
        "orm"
    )
    assert profiling.bucket_of(("/x/site-packages/jinja2/runtime.py", 1, "f")) == "templates"
    assert profiling.bucket_of(("/work/occupations/templating.py", 1, "f")) == "templates"
    assert profiling.bucket_of(("/x/site-packages/django/utils/html.py", 1, "f")) is None
    assert profiling.bucket_of(("/work/common/middleware.py", 1, "f")) == "middleware"
    assert profiling.bucket_of(("/work/joblog/services.py", 1, "f")) == "view"


@pytest.mark.usefixtures("world")
def test_the_buckets_of_a_simple_page_add_up_to_its_profiled_time():
    page = next(p for p in key_pages() if p.key == "joblog")
    row, hotspots = profile_row("joblog", _request(logged_in(page.user), page), 2, 1)
    ms = [row[f"{name}_ms"] for name in BUCKETS]
    assert sum(ms) == pytest.approx(row["profiled_ms"], abs=0.05)
    assert sum(row[f"{name}_pct"] for name in BUCKETS) == pytest.approx(100, abs=0.5)
    # The Joblog list goes through every layer: each bucket has its share.
    for name in ("middleware", "templates", "orm", "database", "view"):
        assert row[f"{name}_ms"] > 0, name
    assert row["calls"] > 1000 and row["plain_ms"] > 0
    # The sampler's cross-check: its samples, too, land in exactly one bucket each.
    assert row["samples"] > 0
    assert sum(row[f"{name}_sampled_pct"] for name in BUCKETS) == pytest.approx(100, abs=0.5)
    assert len(hotspots["all"]) == profiling.HOTSPOTS and hotspots["templates"]


@pytest.mark.usefixtures("world")
def test_every_key_page_and_the_floor_are_profiled():
    result = key_pages_profile_benchmark(repeats=1, warmup=1, seed=False)
    assert load()["key_pages_profile"] is key_pages_profile_benchmark
    pages = [row["page"] for row in result["rows"]]
    assert pages[:2] == ["healthz_citizen", "healthz_staff"] and len(pages) == 11
    assert set(result["hotspots"]) == set(pages)
    floor = result["rows"][0]
    assert floor["templates_pct"] < floor["middleware_pct"]
    assert result["ok"] and "template share" in result["summary"]
