"""Read-replica routing for the heavy, read-only pages: the leaders' dashboard, trends and
exports may read from a streaming replica (`DATABASE_REPLICA_URL`, the "replica" alias), so
their scans do not compete with bookings on the primary. Everything else, and every write,
stays on "default".

Routing is opt-in per view, never per model: a view wrapped in `replica_reads` (or code in
`with reading_from_replica():`) reads from the replica; nothing else does. Per model would send
a page that has just written (a recompute's run row, a citizen's new Joblog entry) to a copy
that may not have it yet.

Limits, by design of streaming replication:
- Replication lag: the replica is behind by up to seconds (more under bulk loads, or while a
  long query on the replica holds back replay). Pages that read from it show figures "as of a
  moment ago": fine for snapshots computed nightly, wrong for anything just written.
- No read-your-writes: a view that writes and then reads what it wrote must not use the
  replica for that read (the router cannot know; hence opt-in per view).
- ATOMIC_REQUESTS covers "default" only: the replica's reads run outside the request's
  transaction (the replica alias has ATOMIC_REQUESTS off, or every request would open a
  replica connection), so a replica read and a primary read in one request may see different
  moments. Use the replica only in views that read nothing else that must agree with it.
- Lazy rendering: `replica_reads` covers the view's call. A TemplateResponse renders after
  the view returns, so querysets its template evaluates read from "default"; evaluate them in
  the view (lists, aggregates) or render with `render()`.
- Tests: the replica alias mirrors "default" (TEST["MIRROR"]), so tests see one database.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads inside the block go to the replica when one is configured."""
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


def replica_reads(view: Callable) -> Callable:
    """A view (function, or `as_view()` result) whose reads may come from the replica."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with reading_from_replica():
            return view(*args, **kwargs)

    return wrapped


class ReplicaRouter:
    """DATABASE_ROUTERS = ["common.routers.ReplicaRouter"] (set when the replica is)."""

    def db_for_read(self, model, **hints) -> str | None:
        if _use_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same rows: an object read from the replica may be related to
        # one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
