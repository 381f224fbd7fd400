"""Kill a database connection in the middle of a transaction, at a chosen statement.

The trick needs no hook in the application: a connection of our own holds a SHARE lock on the
table the transaction writes to last, so its INSERT or UPDATE waits for the lock; a watcher
sees the waiting backend (`pg_blocking_pids`) and ends it with `pg_terminate_backend`, then
releases the lock. Everything the transaction wrote before that statement was written but not
committed, which is exactly the state in which a crash must lose everything, not half."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg
from psycopg import sql


@dataclass
class Kill:
    """What the watcher did: the backends it ended and the statements they were waiting in."""

    table: str
    victims: list[tuple[int, str]] = field(default_factory=list)
    error: BaseException | None = None

    @property
    def done(self) -> bool:
        return bool(self.victims)


_BLOCKED = """
    SELECT pid, query FROM pg_stat_activity
    WHERE datname = current_database() AND %(locker)s = ANY(pg_blocking_pids(pid))
    ORDER BY query_start
"""


def _watch(conninfo: str, locker: int, kill: Kill, stop: threading.Event, times: int) -> None:
    try:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            while not stop.is_set() and len(kill.victims) < times:
                for pid, query in conn.execute(_BLOCKED, {"locker": locker}).fetchall():
                    conn.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
                    kill.victims.append((pid, " ".join(query.split())[:200]))
                    if len(kill.victims) >= times:
                        break
                stop.wait(0.01)
    except BaseException as error:  # reported by kill_when_writing
        kill.error = error


@contextmanager
def kill_when_writing(conninfo: str, table: str, *, times: int = 1) -> Iterator[Kill]:
    """Within the block, the first `times` transactions that write to `table` (in the database
    `conninfo` names) are ended by `pg_terminate_backend` while they wait to write. The lock is
    released as soon as they are dead, so later writers pass; on leaving the block it is
    released in any case. Raises if the watcher failed."""
    kill = Kill(table)
    stop = threading.Event()
    locker = psycopg.connect(conninfo)
    try:
        locker.execute(sql.SQL("LOCK TABLE {} IN SHARE MODE").format(sql.Identifier(table)))
        pid = locker.info.backend_pid
        watcher = threading.Thread(
            target=_watch, args=(conninfo, pid, kill, stop, times), daemon=True
        )
        watcher.start()
        releaser = threading.Thread(target=_release_after, args=(locker, kill, stop, times))
        releaser.start()
        try:
            yield kill
        finally:
            stop.set()
            watcher.join(timeout=10)
            releaser.join(timeout=10)
    finally:
        locker.close()
    if kill.error is not None:
        raise RuntimeError(f"the watcher failed: {kill.error!r}") from kill.error


def _release_after(locker: psycopg.Connection, kill: Kill, stop: threading.Event, times: int):
    """Ends the lock's transaction once the victims are dead (or the block ends)."""
    while not stop.is_set() and len(kill.victims) < times:
        stop.wait(0.01)
    time.sleep(0.05)  # let the terminated backends go before the lock goes
    locker.rollback()


def terminate(conninfo: str, pid: int) -> bool:
    """`pg_terminate_backend(pid)` from a connection of its own; True if it was ended."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        row = conn.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()
    return bool(row and row[0])


def conninfo_of(connection) -> str:
    """A libpq connection string for the database a Django connection uses."""
    params = connection.get_connection_params()
    keys = ("host", "port", "user", "password", "dbname")
    parts = [f"{k}={params[k]}" for k in keys if params.get(k) not in (None, "")]
    return " ".join(parts)
