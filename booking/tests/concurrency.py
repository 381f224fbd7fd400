"""Calls side by side, each thread on its own database connection, as requests are in production.

On PostgreSQL every thread opens its own connection to the test database by itself. SQLite's
test database lives in memory, where threads would share one connection (and one transaction),
so `own_connections` copies it to a file first: then each thread connects to the file, SQLite's
IMMEDIATE transactions queue the writers as in production, and the test thread reads the file
until the block ends."""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

#: SQLite's busy timeout in a race (production's is 20 s). Fifty threads of one Python process
#: share one interpreter lock, so each writer holds the database lock far longer than fifty
#: requests in their own workers would, and SQLite's busy handler is not a queue: on a loaded
#: CI machine the last of fifty writers once waited more than 20 s ("database is locked").
RACE_BUSY_TIMEOUT = 90.0


@contextmanager
def own_connections(
    directory: Path, timeout: float = RACE_BUSY_TIMEOUT
) -> Iterator[Callable[[], BaseDatabaseWrapper] | None]:
    """Yields `connect` (a new connection to the file copy) on SQLite, None on PostgreSQL.
    `timeout` is SQLite's busy timeout there (how long a writer waits for the lock)."""
    if connection.vendor != "sqlite":
        yield None
        return
    memory = connections[DEFAULT_DB_ALIAS]
    path = directory / "race.sqlite3"
    memory.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        memory.connection.backup(copy)
        # WAL before the racers connect, as a production file is: twenty connections each
        # turning a rollback-journal file into WAL (settings' init_command) at once sometimes
        # fail at once with "database is locked".
        copy.execute("PRAGMA journal_mode=WAL")
    settings_dict = {**memory.settings_dict, "NAME": str(path)}
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "timeout": timeout}

    def connect() -> BaseDatabaseWrapper:
        return memory.__class__(settings_dict, DEFAULT_DB_ALIAS)

    reader = connect()
    connections[DEFAULT_DB_ALIAS] = reader
    try:
        yield connect
    finally:
        connections[DEFAULT_DB_ALIAS] = memory
        reader.close()


def at_once(
    calls: list[Callable[[], object]], connect: Callable[[], BaseDatabaseWrapper] | None
) -> list[object]:
    """Runs each call in its own thread with its own connection, all released together by a
    barrier. Returns what each returned or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int, call: Callable[[], object]) -> None:
        if connect is not None:
            connections[DEFAULT_DB_ALIAS] = connect()
        try:
            barrier.wait(timeout=60)
            results[i] = call()
        except Exception as error:  # recorded, and asserted on by the caller
            results[i] = error
        finally:
            connections[DEFAULT_DB_ALIAS].close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results
