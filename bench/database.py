"""The benchmarks' own database, made fresh for each run and dropped after it, with Django's
test-database machinery: var/bench.sqlite3 by default, or `jobsamtale_bench` on the PostgreSQL
server that DATABASE_URL names. The database DATABASE_URL names itself is never touched."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

POSTGRES_NAME = "jobsamtale_bench"


def describe() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        (version,) = cursor.fetchone()
    return {"vendor": connection.vendor, "version": str(version)}


@contextmanager
def bench_database() -> Iterator[dict[str, str]]:
    """Creates and migrates the benchmark database, yields what it is, and drops it."""
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
        connection.creation.destroy_test_db(old_name, verbosity=0)
