"""The app under test: gunicorn with `perf.loadtest.settings` on a loopback port, and
databases made for a run. Shared by the load tests (`python -m perf.loadtest`) and the fault tests
(`python -m perf.faults`), so both measure the same server."""

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from perf.loadtest.cpu import APP_PIDS

#: The repository (perf/loadtest/server.py is three levels down).
BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
SETTINGS = "perf.loadtest.settings"
#: Every database this package makes starts with this, so it never touches another's.
PREFIX = "loadtest_"
TEMPLATE = f"{PREFIX}template"
#: gunicorn's defaults for this 2-core machine (see docs/scaling.md, "Workers and threads").
WORKERS = 2
THREADS = 4


def base_env(database_url: str, redis_url: str = "", extra_env: dict | None = None) -> dict:
    """The environment of every process of a run: the load-test settings, the database, the
    task queue (Redis when given, else a SQLite file of the load test's own)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": database_url}
    env["REDIS_URL"] = redis_url
    env.setdefault("LOG_LEVEL", "WARNING")
    env.update(extra_env or {})
    return env


def manage(*args: str, database_url: str, env: dict | None = None, quiet: bool = True) -> None:
    """Runs `manage.py` with the load-test settings; raises with its output when it fails."""
    result = subprocess.run(  # noqa: S603 - our own fixed command line
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**base_env(database_url), **(env or {})},
        capture_output=quiet,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def ensure_static(database_url: str) -> None:
    """Manifest storage needs collected static files: collects them once, and again when a
    source file is newer than the manifest."""
    static_root = Path(os.environ.get("LOADTEST_STATIC_ROOT", BASE_DIR / "var" / "loadtest-static"))
    manifest = static_root / "staticfiles.json"
    if manifest.exists():
        built = manifest.stat().st_mtime
        sources = [BASE_DIR / "static", *BASE_DIR.glob("*/static")]
        if not any(
            f.stat().st_mtime > built for root in sources for f in root.rglob("*") if f.is_file()
        ):
            return
    manage("collectstatic", "--noinput", "-v", "0", database_url=database_url)


def wait_until_healthy(base_url: str, process: subprocess.Popen | None, timeout: float) -> None:
    """Polls `GET /healthz` until it answers 200; fails early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before it answered")
        try:
            health = f"{base_url}/healthz"  # http://127.0.0.1:<port>, built above
            with urllib.request.urlopen(health, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{base_url}/healthz did not answer within {timeout:.0f} s")


def _stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM (gunicorn finishes the requests in flight), then SIGKILL if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def app_server(
    database_url: str,
    *,
    port: int,
    workers: int = WORKERS,
    threads: int = THREADS,
    redis_url: str = "",
    extra_env: dict | None = None,
    log_path: Path | None = None,
    startup_timeout: float = 90,
) -> Iterator[str]:
    """gunicorn serving the app on 127.0.0.1:`port`; yields its base URL once `/healthz`
    answers, and stops it (gracefully, then by force) when the block ends. Its output goes to
    `log_path` (a temporary file by default; its tail is shown if it fails to start)."""
    ensure_static(database_url)
    env = base_env(database_url, redis_url, extra_env)
    command = [
        str(VENV_BIN / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--graceful-timeout",
        "20",
        "--no-control-socket",
    ]
    with tempfile.TemporaryDirectory(prefix="loadtest-gunicorn-") as tmp:
        log = log_path or Path(tmp) / "gunicorn.log"
        with log.open("ab") as out:
            process = subprocess.Popen(  # noqa: S603 - our own fixed command line
                command, cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        base_url = f"http://127.0.0.1:{port}"
        APP_PIDS[base_url] = process.pid
        try:
            try:
                wait_until_healthy(base_url, process, startup_timeout)
            except (RuntimeError, TimeoutError) as error:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{error}\n--- gunicorn log ---\n{tail}") from error
            yield base_url
        finally:
            APP_PIDS.pop(base_url, None)
            _stop(process)


# --- Databases made for a run --------------------------------------------------------------


def server_url(database_url: str, name: str) -> str:
    """`database_url` with its database name replaced by `name`."""
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connect(database_url: str):
    import psycopg

    return psycopg.connect(server_url(database_url, "postgres"), autocommit=True)


def database_exists(database_url: str, name: str) -> bool:
    with _admin_connect(database_url) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def drop_database(database_url: str, name: str) -> None:
    """Drops one of this package's own databases (never anything without the prefix)."""
    if not name.startswith(PREFIX):
        raise ValueError(f"refusing to drop {name!r}: not a {PREFIX}* database")
    from psycopg import sql

    with _admin_connect(database_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _schema_fingerprint() -> str:
    """Changes when a migration or the demo data changes, so a stale template is rebuilt."""
    digest = hashlib.sha256()
    files = sorted(BASE_DIR.glob("*/migrations/*.py")) + sorted(BASE_DIR.glob("*/demo.py"))
    files += sorted(BASE_DIR.glob("demo/management/commands/seed_demo.py"))
    for path in files:
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _template_fingerprint(database_url: str) -> str | None:
    with _admin_connect(database_url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [TEMPLATE],
        ).fetchone()
    return row[0] if row else None


def ensure_template(database_url: str, *, log=print) -> None:
    """`loadtest_template`: migrated and seeded with `seed_demo` once (about a minute), then
    copied for each run in a second. Rebuilt when the migrations or demo data change."""
    from psycopg import sql

    fingerprint = _schema_fingerprint()
    if _template_fingerprint(database_url) == fingerprint:
        return
    log(f"Building {TEMPLATE} (migrate + seed_demo) ...")
    drop_database(database_url, TEMPLATE)
    with _admin_connect(database_url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    url = server_url(database_url, TEMPLATE)
    manage("migrate", "--noinput", "-v", "0", database_url=url)
    manage("seed_demo", database_url=url)
    with _admin_connect(database_url) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(TEMPLATE), sql.Literal(fingerprint)
            )
        )


@contextmanager
def prepared_database(
    database_url: str = "postgres://postgres@127.0.0.1:5432/postgres",
    *,
    name: str | None = None,
    keep: bool = False,
    log=print,
) -> Iterator[str]:
    """A fresh PostgreSQL database with the demo data (a copy of `loadtest_template`), named
    `loadtest_<name>` on the server `database_url` names; yields its URL and drops it after
    unless `keep`."""
    from psycopg import sql

    ensure_template(database_url, log=log)
    db = f"{PREFIX}{name or os.getpid()}"
    drop_database(database_url, db)
    with _admin_connect(database_url) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(db), sql.Identifier(TEMPLATE)
            )
        )
    try:
        yield server_url(database_url, db)
    finally:
        if not keep:
            drop_database(database_url, db)


@contextmanager
def prepared_sqlite(directory: Path, *, log=print) -> Iterator[str]:
    """A SQLite file with the demo data in `directory` (migrate + seed_demo); yields its URL."""
    path = directory / "loadtest.sqlite3"
    url = f"sqlite:///{path}"
    log(f"Building {path} (migrate + seed_demo) ...")
    manage("migrate", "--noinput", "-v", "0", database_url=url)
    manage("seed_demo", database_url=url)
    yield url


@contextmanager
def copied_database(database_url: str, source: str, *, name: str, keep: bool = False):
    """A copy of another's database (e.g. `python -m perf.scale`'s), so the load test's writes never
    touch it: CREATE DATABASE ... TEMPLATE, which needs `source` to have no open sessions."""
    from psycopg import sql

    if not database_exists(database_url, source):
        raise RuntimeError(f"There is no database {source!r} to copy.")
    db = f"{PREFIX}{name}"
    drop_database(database_url, db)
    with _admin_connect(database_url) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(db), sql.Identifier(source)
            )
        )
    try:
        yield server_url(database_url, db)
    finally:
        if not keep:
            drop_database(database_url, db)
