"""Where generated rows go: PostgreSQL through COPY (psycopg 3, streaming `write_row`), SQLite
through `executemany` in transactions. Both take rows as tuples of Python values in the
listed column order, never a whole table in memory, and both report rows and seconds."""

import json
import time
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from datetime import time as time_of_day
from itertools import islice
from typing import Any

from django.db import connection, transaction
from tqdm import tqdm

Row = tuple[Any, ...]

#: PostgreSQL: commit this often inside one table's COPY, so neither the WAL of one
#: transaction nor the queue of deferred foreign-key checks grows without bound.
PG_CHUNK = 1_000_000
#: SQLite: rows per executemany and per transaction.
SQLITE_CHUNK = 20_000


def _names(columns: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in columns)


class Writer:
    """Shared by both databases: ids, progress bars and the timing of each table."""

    vendor = ""

    def __init__(self, *, progress: bool = True):
        self.progress = progress
        self.timings: dict[str, dict[str, float]] = {}
        self.tables: list[str] = []
        self.numbered: set[str] = set()

    def next_id(self, table: str) -> int:
        """The first free id: generated rows carry their own ids, so they can refer to each
        other before they are written."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def write(
        self,
        table: str,
        columns: list[str],
        rows: Iterable[Row],
        total: int | None,
        *,
        numbered: bool = True,
    ) -> int:
        started = time.perf_counter()
        bar = tqdm(
            rows,
            total=total,
            desc=f"{table:<34}",
            unit=" rows",
            unit_scale=True,
            mininterval=1.0,
            disable=not self.progress,
            leave=True,
        )
        # One iterator for every chunk: a fresh iter() over a tqdm bar starts a new loop.
        count = self._write(table, columns, iter(bar))
        bar.close()
        seconds = time.perf_counter() - started
        entry = self.timings.setdefault(table, {"rows": 0, "seconds": 0.0})
        entry["rows"] += count
        entry["seconds"] += seconds
        if table not in self.tables:
            self.tables.append(table)
        if numbered:
            self.numbered.add(table)
        return count

    def _write(self, table: str, columns: list[str], rows: Iterator[Row]) -> int:
        raise NotImplementedError

    def finish(self) -> None:
        """After the last table: sequences past the generated ids, fresh planner statistics."""

    def close(self) -> None:
        """Always, even after an error: the connection back as it was."""


class PostgresWriter(Writer):
    vendor = "postgresql"

    def __init__(self, *, progress: bool = True, fk_checks: bool = False):
        super().__init__(progress=progress)
        self.fk_checks = fk_checks

    def _session(self, cursor) -> None:
        cursor.execute("SET synchronous_commit = off")
        if not self.fk_checks:
            # Skips only the foreign-key triggers of this session (as pg_restore's
            # --disable-triggers does); unique, check and exclusion constraints still hold.
            # The generator makes every reference itself; the tests load with checks on.
            cursor.execute("SET session_replication_role = replica")

    def _write(self, table: str, columns: list[str], rows: Iterator[Row]) -> int:
        count = 0
        sql = f"COPY {table} ({_names(columns)}) FROM STDIN"
        while True:
            written = 0
            # One transaction per chunk (a savepoint when the caller holds one open).
            with transaction.atomic(), connection.cursor() as cursor:
                self._session(cursor)
                with cursor.cursor.copy(sql) as copy:
                    for row in islice(rows, PG_CHUNK):
                        copy.write_row(row)
                        written += 1
            count += written
            if written < PG_CHUNK:
                return count

    def finish(self) -> None:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = origin")
            for table in [t for t in self.tables if t in self.numbered]:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {table})) "
                    f"WHERE pg_get_serial_sequence('{table}', 'id') IS NOT NULL"
                )
        # VACUUM as well as ANALYZE: a freshly loaded table has no visibility map, so without
        # it no index-only scan is possible until autovacuum gets round to it (outside a
        # transaction, as VACUUM must be).
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        self.timings["VACUUM, ANALYZE and sequences"] = {
            "rows": 0,
            "seconds": time.perf_counter() - started,
        }

    def close(self) -> None:
        if connection.connection is not None and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = origin")


def _sqlite_value(value: Any) -> Any:
    """What Django's SQLite backend stores for a value: UTC text for times, hex for UUIDs."""
    if isinstance(value, datetime):
        return str(value.astimezone(UTC).replace(tzinfo=None))
    if isinstance(value, date | time_of_day):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


class SqliteWriter(Writer):
    vendor = "sqlite"

    def _write(self, table: str, columns: list[str], rows: Iterator[Row]) -> int:
        sql = (
            f"INSERT INTO {table} ({_names(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        count = 0
        while True:
            chunk = [tuple(_sqlite_value(v) for v in row) for row in islice(rows, SQLITE_CHUNK)]
            if not chunk:
                return count
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.cursor.executemany(sql, chunk)
            count += len(chunk)

    def finish(self) -> None:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.timings["ANALYZE and sequences"] = {
            "rows": 0,
            "seconds": time.perf_counter() - started,
        }


def writer_for(*, progress: bool = True, fk_checks: bool = False) -> Writer:
    if connection.vendor == "postgresql":
        return PostgresWriter(progress=progress, fk_checks=fk_checks)
    if connection.vendor == "sqlite":
        return SqliteWriter(progress=progress)
    raise NotImplementedError(f"perf.scale does not support {connection.vendor}")
