"""CPU seconds spent per request by each part of the stack: the app processes (gunicorn master
and workers), the run's PostgreSQL backends, nginx, and the load generator itself. Unlike
latencies these hardly depend on what else the shared machine is doing, so they say what 2
idle cores could serve: 2,000 ms / (app + database ms per request)."""

from collections.abc import Callable, Iterable

import psutil

#: gunicorn master pid per base URL, filled by perf.loadtest.server.app_server.
APP_PIDS: dict[str, int] = {}


def tree_cpu(pid: int) -> float:
    """User + system CPU seconds of a process and its children (live ones)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


class DatabaseCpu:
    """CPU seconds of the PostgreSQL backends connected to the run's database (same host),
    summed per backend every second: connections come and go (CONN_MAX_AGE), so a sample at
    each phase's ends alone would lose the ones that closed in between."""

    def __init__(self, database_url: str, interval: float = 1.0) -> None:
        import gevent

        self.database_url, self.interval = database_url, interval
        self.total = 0.0
        self._last: dict[int, float] = {}
        self._greenlet = gevent.spawn(self._run)

    def _run(self) -> None:
        import gevent
        import psycopg

        try:
            with psycopg.connect(self.database_url, autocommit=True) as conn:
                while True:
                    self.poll(conn)
                    gevent.sleep(self.interval)
        except psycopg.Error:
            return  # the run's database is gone: the run is over

    def poll(self, conn) -> None:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
        seen = {}
        for (pid,) in rows:
            now = tree_cpu(pid)
            self.total += max(0.0, now - self._last.get(pid, 0.0))  # a new one: all of it
            seen[pid] = now
        self._last = seen

    def stop(self) -> None:
        self._greenlet.kill()


def meter(
    app_pids: Iterable[int], database_url: str | None, other: dict[str, int] | None = None
) -> Callable[[], dict[str, float]]:
    """A function returning the cumulative CPU seconds of each part, to subtract per phase."""
    pids = list(app_pids)
    me = psutil.Process()
    database = None
    if database_url and database_url.startswith("postgres"):
        database = DatabaseCpu(database_url)

    def sample() -> dict[str, float]:
        figures = {"app": sum(tree_cpu(pid) for pid in pids)}
        if database is not None:
            figures["database"] = database.total
        for name, pid in (other or {}).items():
            figures[name] = tree_cpu(pid)
        times = me.cpu_times()
        figures["load generator"] = times.user + times.system
        return figures

    return sample


def per_request(before: dict[str, float], after: dict[str, float], requests: int) -> dict:
    """Milliseconds of CPU per request for each part, and what 2 cores would serve."""
    if not requests:
        return {}
    result = {
        f"{name} cpu ms/req": round((after[name] - before.get(name, 0.0)) * 1000 / requests, 2)
        for name in after
    }
    server = sum(v for k, v in result.items() if not k.startswith("load generator"))
    result["server cpu ms/req"] = round(server, 2)
    if server > 0:
        result["req/s on 2 idle cores"] = round(2000 / server, 1)
    return result
