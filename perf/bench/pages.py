"""Timing a call or a page: the query count of each run and the median and p95 time, after a
warm-up run (the session, the templates, the caches). Shared by the benchmarks."""

import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import MFA_BY_IDP, requires_second_factor


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
    client = logged_in(user)
    first = client.get(url)
    if first.status_code != 200:
        raise RuntimeError(f"{url} answered {first.status_code}")

    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200

    return measure(fetch, repeats)


# --- Side by side: a page against its own SQL run raw and against an empty page -------------

#: A statement as the page sent it to the DB-API cursor: (sql, params, executemany).
Statement = tuple[str, Any, bool]


def capture(call: Callable[[], object]) -> tuple[object, list[Statement]]:
    """Runs `call` once and returns its result and every statement it sent to the database,
    exactly as sent (SQL and parameters), savepoints included, in order."""
    statements: list[Statement] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = call()
    return result, statements


def without(statements: list[Statement], shared: list[Statement]) -> list[Statement]:
    """`statements` less one occurrence of each statement (by its SQL) in `shared`: the page's
    own SQL, without what every request runs (the session's read and save)."""
    left = [sql for sql, _params, _many in shared]
    own = []
    for statement in statements:
        if statement[0] in left:
            left.remove(statement[0])
        else:
            own.append(statement)
    return own


def replayable(statements: list[Statement]) -> list[Statement]:
    """Without what replay() does itself: the transaction's start and end (SQLite's "BEGIN
    IMMEDIATE"), and a SAVEPOINT released right away (left of a statement taken out)."""
    kept: list[Statement] = []
    for statement in statements:
        sql = statement[0]
        if sql.upper().startswith("BEGIN") or sql.upper() in {"COMMIT", "ROLLBACK", "END"}:
            continue
        if kept and sql.startswith("RELEASE SAVEPOINT") and kept[-1][0] == sql[len("RELEASE ") :]:
            kept.pop()
        else:
            kept.append(statement)
    return kept


def replay(statements: list[Statement], rollback: bool = False) -> None:
    """Runs the statements again with a plain cursor, in one transaction as the page did
    (ATOMIC_REQUESTS), fetching every row; rolled back when the page's writes cannot be made
    twice (a booking's unique keys)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params, many in statements:
            if many:
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
        if rollback:
            transaction.set_rollback(True)


def logged_in(user: User) -> Client:
    """A client logged in as `user`; staff as after their second factor, with the session a
    real verification leaves (its device is then checked on every request, as in production:
    from the user's row, accounts.middleware.OTPMiddleware)."""
    client = Client()
    client.force_login(user)
    if requires_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.pop(MFA_BY_IDP, None)
        session.save()
    return client


def summary(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(p95(times), 2)}


def side_by_side(
    calls: dict[str, Callable[[], object]],
    repeats: int,
    between: Callable[[], object] | None = None,
) -> dict[str, list[float]]:
    """Times each call `repeats` times in ms, taking turns (a, b, c, a, b, c ...), so that
    whatever else the machine is doing weighs on all of them alike. `between` runs untimed
    after each round (to undo a write). The garbage collector is off while timing."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            for name, call in calls.items():
                began = time.perf_counter()
                call()
                times[name].append((time.perf_counter() - began) * 1000)
            if between is not None:
                between()
    finally:
        gc.enable()
    return times
