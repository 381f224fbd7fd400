"""The benchmarks' own database, made fresh for each run and dropped after it, with Django's
test-database machinery: var/bench.sqlite3 by default, or `jobsamtale_bench` on the PostgreSQL
server that DATABASE_URL names. The database DATABASE_URL names itself is never touched.

Or, with `python -m perf.bench --database-url URL`, an existing database that is already seeded
(`python -m perf.scale`): only the benchmarks in ON_EXISTING run there, and it is never
dropped; the benchmarks in NEEDS_EXISTING (comparing scales) run only so."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection

POSTGRES_NAME = "jobsamtale_bench"
#: Benchmarks that measure the data already there instead of making their own.
ON_EXISTING = frozenset({"key_pages", "key_pages_scale", "key_pages_profile", "trends"})
#: Benchmarks that need existing databases (`--database-url`, given twice or more).
NEEDS_EXISTING = frozenset({"key_pages_scale"})
_CONNECTION_KEYS = ("NAME", "USER", "PASSWORD", "HOST", "PORT")
_urls: list[str] = []


def describe() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        (version,) = cursor.fetchone()
    return {"vendor": connection.vendor, "version": str(version)}


@contextmanager
def bench_database(keep: bool = False) -> Iterator[dict[str, str]]:
    """Creates and migrates the benchmark database, yields what it is, and drops it (unless
    `keep`: then it stays for a look, until the next run makes it afresh)."""
    if connection.vendor == "sqlite":
        path = Path(settings.VAR_DIR) / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (
            path,
            path.with_name(f"{path.name}-wal"),
            path.with_name(f"{path.name}-shm"),
        ):
            leftover.unlink(missing_ok=True)
        name = str(path)
    else:
        name = POSTGRES_NAME
    connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}), "NAME": name}
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield describe()
    finally:
        if keep:
            connection.close()
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def database_urls() -> list[str]:
    """The existing databases this run was given (`--database-url`), in order."""
    return list(_urls)


@contextmanager
def existing_database(urls: list[str]) -> Iterator[dict[str, str]]:
    """The first of the given existing databases, as the run's database (never dropped); its
    results are kept apart from a fresh database's in the report (`run`)."""
    _urls[:] = urls
    try:
        with connected_to(urls[0]) as name:
            database = describe()
            yield {**database, "run": f"{database['vendor']} {name}"}
    finally:
        _urls.clear()


def _forget_cached() -> None:
    """What a process keeps from one database must not leak into the next."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    ContentType.objects.clear_cache()


@contextmanager
def connected_to(url: str) -> Iterator[str]:
    """Points the default connection at another database of the same engine for a while."""
    wanted = dj_database_url.parse(url)
    if wanted["ENGINE"] != connection.settings_dict["ENGINE"]:
        raise ValueError(f"{url} is not a {connection.vendor} database like the settings'")
    old = {key: connection.settings_dict.get(key) for key in _CONNECTION_KEYS}
    connection.close()
    connection.settings_dict.update({key: wanted.get(key) for key in _CONNECTION_KEYS})
    _forget_cached()
    try:
        yield str(wanted["NAME"])
    finally:
        connection.close()
        connection.settings_dict.update(old)
        _forget_cached()
