"""PostgreSQL row-level security: the database itself keeps job centres apart.

Every table whose model has a foreign key named `job_centre` gets a policy that lets a
connection see (and write) only the rows of the job centre in the session setting
`jobsamtale.job_centre`, or every row while `jobsamtale.all_centres` is `on`. A connection
that set neither sees nothing. The tables are found from the app registry after each
`migrate` (`install`, hooked up in `centres.apps`), so a new table with a job centre is
covered without anyone remembering it.

Not covered, on purpose:
- `accounts.User`: logging in (password, single sign-on, the session's user on every request)
  reads the user before anyone knows which job centre the request belongs to, and
  `centres.middleware.RowSecurityMiddleware` reads the user's job centre from it.
- `centres.JobCentre` has no `job_centre` key of its own (it is the centre).

Policies are always present on PostgreSQL, with row security enabled but not forced, so the
tables' owner and superusers pass as before. `DATABASE_ROW_SECURITY = True` forces it on the
owner as well and makes the middleware set the centre per request; the application should then
connect as a role that does not own the tables (docs/SECURITY.md). SQLite has no row security:
everything here is a no-op there.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import ForeignKey, Model

CENTRE_SETTING = "jobsamtale.job_centre"
ALL_CENTRES_SETTING = "jobsamtale.all_centres"
#: Change the version when the policy's expression changes: `install` replaces older versions.
POLICY_PREFIX = "job_centre_isolation"
POLICY_NAME = f"{POLICY_PREFIX}_v1"

#: Models with a `job_centre` key that stay outside row security (see the module docstring).
EXEMPT = frozenset({"accounts.User"})

_CURRENT_CENTRE = (
    f"job_centre_id = NULLIF(current_setting('{CENTRE_SETTING}', true), '')::bigint "
    f"OR current_setting('{ALL_CENTRES_SETTING}', true) = 'on'"
)


def enabled() -> bool:
    """Whether requests run under row security: the setting is on and the database can."""
    return bool(getattr(settings, "DATABASE_ROW_SECURITY", False)) and is_postgresql()


def is_postgresql(using: str = DEFAULT_DB_ALIAS) -> bool:
    return connections[using].vendor == "postgresql"


def protected_models() -> list[type[Model]]:
    """Every concrete, managed model with a foreign key named `job_centre`, but `EXEMPT`."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label in EXEMPT:
            continue
        field = next((f for f in meta.local_fields if f.name == "job_centre"), None)
        if isinstance(field, ForeignKey):
            found.append(model)
    return found


def _condition(model: type[Model]) -> str:
    """Rows of the current centre; a row without a centre (a nationwide default, where the key
    may be empty) is readable by every centre but written only with `all_centres`."""
    if model._meta.get_field("job_centre").null:
        return f"({_CURRENT_CENTRE} OR job_centre_id IS NULL)"
    return f"({_CURRENT_CENTRE})"


def install(*, using: str = DEFAULT_DB_ALIAS, force: bool | None = None) -> list[str]:
    """Put the policy on every protected table and enable row security, forced on the owner
    too when `force` (by default: the `DATABASE_ROW_SECURITY` setting). Only what differs is
    changed (each change locks its table), so running it after every `migrate` (and every test
    flush) is cheap. Returns the protected tables. Does nothing but on PostgreSQL."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    if force is None:
        force = bool(getattr(settings, "DATABASE_ROW_SECURITY", False))
    quote = connection.ops.quote_name
    models = {model._meta.db_table: model for model in protected_models()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
            "array_remove(array_agg(p.policyname), NULL) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_policies p ON p.schemaname = n.nspname AND p.tablename = c.relname "
            "WHERE n.nspname = current_schema() AND c.relname = ANY(%s) "
            "GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity",
            [list(models)],
        )
        state = {row[0]: row[1:] for row in cursor.fetchall()}
        for table, model in models.items():
            enabled_now, forced_now, policies = state.get(table, (False, False, []))
            name = quote(table)
            for old in policies:
                if old.startswith(POLICY_PREFIX) and old != POLICY_NAME:
                    cursor.execute(f"DROP POLICY {quote(old)} ON {name}")
            if POLICY_NAME not in policies:
                cursor.execute(
                    f"CREATE POLICY {POLICY_NAME} ON {name} "
                    f"USING {_condition(model)} WITH CHECK ({_CURRENT_CENTRE})"
                )
            if not enabled_now:
                cursor.execute(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")
            if forced_now != force:
                cursor.execute(
                    f"ALTER TABLE {name} {'' if force else 'NO '}FORCE ROW LEVEL SECURITY"
                )
    return list(models)


def all_centres_for_migrate(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """`pre_migrate` handler: migrations (data migrations included) are system work across job
    centres, also when row security is forced on the tables' owner."""
    if getattr(sender, "name", None) == "centres" and is_postgresql(using):
        _set(connections[using], ALL_CENTRES_SETTING, "on")


def install_after_migrate(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """`post_migrate` handler: sent once per app, so it acts only for this app's signal (which
    `migrate` sends after every app's tables exist). Ends the migration's `all_centres`."""
    if getattr(sender, "name", None) == "centres" and is_postgresql(using):
        install(using=using)
        _set(connections[using], ALL_CENTRES_SETTING, "")


def _set(connection: BaseDatabaseWrapper, name: str, value: str) -> None:
    """A session-level setting (`is_local` false): it outlives the transaction, so whoever
    sets it must reset it (see `centres.middleware`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


def _get(connection: BaseDatabaseWrapper, name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [name])
        return cursor.fetchone()[0] or ""


def set_centre(centre_id: int | None, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Scope the connection to one job centre (`None`: to none)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        _set(connection, CENTRE_SETTING, "" if centre_id is None else str(centre_id))
        _set(connection, ALL_CENTRES_SETTING, "")


def reset(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Back to no centre at all: the next user of this connection sees nothing until it says."""
    set_centre(None, using=using)


@contextmanager
def all_centres(*, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Every job centre's rows, for system work: background tasks, management commands, and
    lookups made before a request's job centre is known. Restores what was set before."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    before = _get(connection, ALL_CENTRES_SETTING)
    _set(connection, ALL_CENTRES_SETTING, "on")
    try:
        yield
    finally:
        # If the transaction failed inside, its rollback undoes the setting made in it, and
        # the error that broke it is on its way up.
        with suppress(DatabaseError):
            _set(connection, ALL_CENTRES_SETTING, before)


_task_state = threading.local()


def _task_started(task) -> None:
    """huey `pre_execute` hook: a background task is system work across job centres."""
    if not enabled():
        return
    connection = connections[DEFAULT_DB_ALIAS]
    stack = _task_state.__dict__.setdefault("saved", [])
    stack.append(_get(connection, ALL_CENTRES_SETTING))
    _set(connection, ALL_CENTRES_SETTING, "on")


def _task_finished(task, task_value, exc) -> None:
    """huey `post_execute` hook: back to what was set before the task (a task run at once, in
    a request, must not leave the request with every centre's rows)."""
    stack = getattr(_task_state, "saved", None)
    if not enabled() or not stack:
        return
    _set(connections[DEFAULT_DB_ALIAS], ALL_CENTRES_SETTING, stack.pop())


def connect_task_hooks() -> None:
    """Run every huey task with `all_centres` (see `_task_started`)."""
    from huey.contrib.djhuey import HUEY

    HUEY.pre_execute(name="row_security_all_centres")(_task_started)
    HUEY.post_execute(name="row_security_all_centres")(_task_finished)
