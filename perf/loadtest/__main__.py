"""`python -m perf.loadtest mixed|spike|contention|scaleout|sqlite` (or `make load LOAD_ARGS=...`):
load tests against gunicorn on loopback, each bounded in time, each writing its section of
perf/bench/results/load-<date>.md and .json. See docs/scaling.md."""

from gevent import monkey

monkey.patch_all()  # before anything imports socket, ssl or threading: locust runs on gevent

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import ExitStack, contextmanager  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from perf.loadtest import report, server  # noqa: E402
from perf.loadtest.cpu import APP_PIDS, meter  # noqa: E402
from perf.loadtest.server import app_server, prepared_database, wait_until_healthy  # noqa: E402

POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
#: The other helper's `python -m perf.scale --scale 0.1` output; copied, never written to.
SCALE_DB = "jobsamtale_scale_01"


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def _duration(text: str) -> float:
    """'600', '10m', '90s', '1h' -> seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    if text and text[-1] in units:
        return float(text[:-1]) * units[text[-1]]
    return float(text)


@contextmanager
def database(args) -> Iterator[str]:
    """The run's PostgreSQL database: a copy of the demo template, or of the scale data set."""
    if args.scale_db:
        with server.copied_database(args.database_url, args.scale_db, name="scale") as url:
            yield url
        return
    with prepared_database(args.database_url, name=args.command, keep=args.keep_db, log=log) as url:
        yield url


def _env(args) -> dict:
    return {"DATABASE_POOL": args.pool} if args.pool else {}


def _section(args, title: str, ok: bool, summary: list[str], tables: list[dict], **figures):
    return {
        "title": title,
        "ok": ok,
        "command": "python -m perf.loadtest " + " ".join(sys.argv[1:]),
        "ran_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": report.machine(),
        "summary": summary,
        "tables": tables,
        "figures": figures,
    }


def _phase_rows(result: dict) -> list[dict]:
    rows = []
    for name, phase in result["phases"].items():
        rows.append(
            {
                "phase": name,
                "seconds": phase["seconds"],
                "offered req/s": phase["offered_rps"],
                "achieved req/s": phase["rps"],
                "requests": phase["requests"],
                "failures": phase["failures"],
                "server errors": phase["server_errors"],
                "p50 ms": phase["p50_ms"],
                "p95 ms": phase["p95_ms"],
                "p99 ms": phase["p99_ms"],
                "bookings": phase["bookings_created"],
                "409s": phase["bookings_409"],
            }
        )
    return rows


def _page_rows(phase: dict) -> list[dict]:
    keys = ("page", "method", "requests", "failures", "rps", "p50_ms", "p95_ms", "p99_ms")
    return [{k: row[k] for k in keys} for row in phase["pages"]]


def load_run(args, base_url: str, *, label: str, cpu=None) -> tuple[dict, dict, dict | None]:
    """The empty page's capacity, then the mixed traffic's phases, then the capacity again:
    one run, so their ratios hold although the machine is shared."""
    from perf.loadtest.runner import Phase, healthz_capacity, run_mixed

    log(f"{label}: /healthz capacity for {args.healthz:.0f} s")
    before = healthz_capacity(base_url, seconds=args.healthz, cpu=cpu, log=log)
    phases = [Phase("steady", args.duration)]
    if args.spike_duration:
        phases.append(Phase("spike", args.spike_duration, args.spike_factor))
        if args.recovery:
            phases.append(Phase("recovery", args.recovery))
    log(
        f"{label}: {args.users} users at {args.rps:.0f} req/s offered, phases "
        + ", ".join(f"{p.name} {p.seconds:.0f} s" for p in phases)
    )
    result = run_mixed(
        base_url,
        users=args.users,
        user_rps=args.rps / args.users,
        phases=phases,
        spawn_rate=args.spawn_rate,
        cpu=cpu,
        log=log,
    )
    after = (
        healthz_capacity(base_url, seconds=args.healthz, log=log) if args.healthz_after else None
    )
    return before, result, after


def _load_section(args, title: str, before: dict, result: dict, after: dict | None, **extra):
    healthz = before["rps"] if after is None else round((before["rps"] + after["rps"]) / 2, 1)
    steady = result["phases"]["steady"]
    spike = result["phases"].get("spike")
    errors = sum(p["server_errors"] for p in result["phases"].values())
    kept_up = steady["rps"] >= 0.95 * steady["offered_rps"]
    ok = errors == 0 and kept_up and result["login_failed"] == 0
    summary = [
        f"steady: {steady['rps']} req/s achieved of {steady['offered_rps']} offered for "
        f"{steady['seconds']:.0f} s; p50/p95/p99 {steady['p50_ms']}/{steady['p95_ms']}/"
        f"{steady['p99_ms']} ms; {steady['server_errors']} server errors, "
        f"{steady['failures']} failures",
        f"empty page (/healthz) capacity in the same run: {healthz} req/s "
        f"(before {before['rps']}" + (f", after {after['rps']})" if after else ")"),
        f"steady load / empty-page capacity: {steady['rps'] / healthz:.2f}",
    ]
    if spike:
        summary.append(
            f"spike x{args.spike_factor:g} for {spike['seconds']:.0f} s: {spike['rps']} req/s "
            f"achieved of {spike['offered_rps']} offered (the mixed pages' capacity: "
            f"{spike['rps'] / healthz:.2f} of the empty page's); p95 {spike['p95_ms']} ms; "
            f"{spike['server_errors']} server errors"
        )
        recovery = result["phases"].get("recovery", steady)
        summary.append(
            f"recovery: p95 {recovery['p95_ms']} ms (steady {steady['p95_ms']} ms), "
            f"{recovery['server_errors']} server errors"
        )
    summary.append(
        f"{errors} server errors in all phases; {result['login_failed']} failed logins"
        + ("" if kept_up else "; the server did NOT keep up with the offered load")
    )
    tables = [{"title": "Phases", "rows": _phase_rows(result)}]
    cpu_rows = [
        {"phase": name, **phase["cpu"]}
        for name, phase in result["phases"].items()
        if phase.get("cpu")
    ]
    if before.get("cpu"):
        cpu_rows.insert(0, {"phase": "/healthz", **before["cpu"]})
    if cpu_rows:
        tables.append(
            {"title": "CPU per request (ms, all processes of each part)", "rows": cpu_rows}
        )
        steady_cpu = steady.get("cpu", {})
        if "req/s on 2 idle cores" in steady_cpu:
            summary.insert(
                3,
                f"CPU per request in the steady phase: app {steady_cpu.get('app cpu ms/req')} ms, "
                f"database {steady_cpu.get('database cpu ms/req', 0)} ms: 2 idle cores would "
                f"serve about {steady_cpu['req/s on 2 idle cores']} req/s of this mix "
                f"(the empty page: {before.get('cpu', {}).get('req/s on 2 idle cores')})",
            )
    tables.append({"title": "Per page, steady phase", "rows": _page_rows(steady)})
    if spike:
        tables.append({"title": "Per page, spike", "rows": _page_rows(spike)})
    return _section(
        args,
        title,
        ok,
        summary,
        tables,
        healthz_rps=healthz,
        healthz_before=before,
        healthz_after=after,
        load=result,
        workers=args.workers,
        threads=args.threads,
        pool=args.pool,
        **extra,
    )


def cmd_mixed(args) -> bool:
    title = "Mixed load" if args.command == "mixed" else "Spike"
    with (
        database(args) as url,
        app_server(
            url,
            port=args.port,
            workers=args.workers,
            threads=args.threads,
            redis_url=args.redis_url,
            extra_env=_env(args),
        ) as base_url,
    ):
        cpu = meter([APP_PIDS[base_url]], url)
        before, result, after = load_run(args, base_url, label=title, cpu=cpu)
        log("Stopping the server, dropping the run's database")
    section = _load_section(args, f"{title}: gunicorn + PostgreSQL", before, result, after)
    path = report.write(args.command, section)
    log(f"Report: {path}")
    for line in section["summary"]:
        log("  " + line)
    return section["ok"]


def cmd_contention(args) -> bool:
    from perf.loadtest.contention import insert_rates, run_contention

    with database(args) as url:
        with app_server(
            url, port=args.port, workers=args.workers, threads=args.threads, extra_env=_env(args)
        ) as base:
            log(f"Contention: {args.citizens} citizens, {args.rounds} rounds of each kind")
            race = run_contention(base, url, citizens=args.citizens, rounds=args.rounds, log=log)
        log(f"Insert rates: {args.insert_rows} single-row transactions per table")
        rates = insert_rates(url, rows=args.insert_rows, log=log)
    ok = race["exactly_one_winner"] and race["errors"] == 0 and race["p95_ratio"] <= 2
    summary = [
        f"{args.rounds} rounds of {args.citizens} simultaneous bookings of one time: "
        + (
            "each 1 x 201 and " + f"{args.citizens - 1} clean 409s"
            if race["exactly_one_winner"]
            else "NOT exactly one winner per round"
        )
        + f"; {race['errors']} errors",
        f"p95 under contention {race['contended_p95_ms']} ms vs uncontended (50 simultaneous "
        f"bookings of 50 different times) {race['uncontended_p95_ms']} ms: "
        f"ratio {race['p95_ratio']} (goal <= 2)",
        f"single-row insert rate: booking table (exclusion constraints + foreign keys) "
        f"{rates['booking_table_per_s']}/s; scratch copy with the exclusion constraints "
        f"{rates['scratch_exclusion_per_s']}/s; scratch copy with a plain UNIQUE "
        f"(consultant_id, start) {rates['scratch_unique_per_s']}/s "
        f"(exclusion / unique = {rates['exclusion_vs_unique']}); in one transaction of "
        f"{rates['rows']} rows (no commit per row) exclusion / unique = "
        f"{rates['batched_exclusion_vs_unique']}",
    ]
    tables = [
        {"title": "Rounds", "rows": race["rows"]},
        {
            "title": "Insert rates (rows/s)",
            "rows": [
                {
                    "table": table,
                    "guard": guard,
                    "one transaction per row": rates[key],
                    "all rows in one transaction": rates["batched_per_s"][name],
                }
                for table, guard, key, name in [
                    (
                        "booking_booking",
                        "EXCLUDE gist + FKs",
                        "booking_table_per_s",
                        "booking_booking",
                    ),
                    (
                        "scratch (LIKE booking INCLUDING ALL)",
                        "EXCLUDE gist",
                        "scratch_exclusion_per_s",
                        "loadtest_scratch_exclusion",
                    ),
                    (
                        "scratch, exclusions dropped",
                        "UNIQUE (consultant_id, start)",
                        "scratch_unique_per_s",
                        "loadtest_scratch_unique",
                    ),
                ]
            ],
        },
    ]
    section = _section(
        args,
        "Contention: one time, many citizens",
        ok,
        summary,
        tables,
        race=race,
        insert_rates=rates,
    )
    path = report.write("contention", section)
    log(f"Report: {path}")
    for line in summary:
        log("  " + line)
    return ok


@contextmanager
def nginx(upstreams: list[str], port: int) -> Iterator[tuple[str, Path, int]]:
    """Debian's nginx as a private process: a config from nginx/loadbalancer.conf in a temp
    dir, its pid and logs there too. Yields the base URL and the access log's path."""
    template = (server.BASE_DIR / "nginx" / "loadbalancer.conf").read_text()
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory(prefix="loadtest-nginx-") as tmp:
        lines = "\n".join(f"        server {u} max_fails=3 fail_timeout=5s;" for u in upstreams)
        config = (
            template.replace("@@PREFIX@@", tmp)
            .replace("@@PORT@@", str(port))
            .replace("@@UPSTREAMS@@", lines)
        )
        path = Path(tmp) / "nginx.conf"
        path.write_text(config)
        process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            [binary, "-p", tmp, "-c", str(path), "-e", f"{tmp}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base_url, process, 30)
            yield base_url, Path(tmp) / "access.log", process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def cmd_scaleout(args) -> bool:
    ports = [args.port + 1 + i for i in range(args.processes)]
    with ExitStack() as stack:
        url = stack.enter_context(database(args))
        for port in ports:
            stack.enter_context(
                app_server(
                    url,
                    port=port,
                    workers=args.workers,
                    threads=args.threads,
                    redis_url=args.redis_url,
                    extra_env=_env(args),
                )
            )
        base_url, access_log, nginx_pid = stack.enter_context(
            nginx([f"127.0.0.1:{p}" for p in ports], args.port)
        )
        log(f"Scale-out: {len(ports)} gunicorn processes on {ports} behind nginx at {base_url}")
        pids = [APP_PIDS[f"http://127.0.0.1:{p}"] for p in ports]
        cpu = meter(pids, url, other={"nginx": nginx_pid})
        before, result, after = load_run(args, base_url, label="Scale-out", cpu=cpu)
        time.sleep(2)  # nginx flushes its buffered access log every second
        served = Counter(
            line.split()[0] for line in access_log.read_text().splitlines() if line.strip()
        )
    per_upstream = {u: n for u, n in served.most_common()}
    section = _load_section(
        args,
        f"Scale-out: {len(ports)} gunicorn processes + nginx + PostgreSQL + Redis",
        before,
        result,
        after,
        served_by=per_upstream,
        redis_url=args.redis_url,
    )
    both = sum(1 for u in per_upstream if any(str(p) in u for p in ports)) == len(ports)
    section["ok"] = section["ok"] and both
    section["summary"].append(
        "requests per app process (nginx access log): "
        + ", ".join(f"{u}: {n}" for u, n in per_upstream.items())
    )
    section["tables"].insert(
        1,
        {
            "title": "Served by",
            "rows": [{"upstream": u, "requests": n} for u, n in per_upstream.items()],
        },
    )
    path = report.write("scaleout", section)
    log(f"Report: {path}")
    for line in section["summary"]:
        log("  " + line)
    return section["ok"]


def cmd_sqlite(args) -> bool:
    """The same mixed traffic against SQLite and against PostgreSQL, one after the other in
    one run; the saturation phase (the spike's pace) gives each database's capacity."""
    results = {}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="loadtest-sqlite-")))
        targets = [("sqlite", stack.enter_context(server.prepared_sqlite(tmp, log=log)))]
        targets.append(("postgresql", stack.enter_context(database(args))))
        for vendor, url in targets:
            env = _env(args) if vendor == "postgresql" else {}
            with app_server(
                url, port=args.port, workers=args.workers, threads=args.threads, extra_env=env
            ) as base_url:
                cpu = meter([APP_PIDS[base_url]], url)
                results[vendor] = load_run(args, base_url, label=vendor, cpu=cpu)
    rows, summary = [], []
    for vendor, (before, result, _after) in results.items():
        for name, phase in result["phases"].items():
            rows.append(
                {
                    "database": vendor,
                    "phase": name,
                    "offered req/s": phase["offered_rps"],
                    "achieved req/s": phase["rps"],
                    "p50 ms": phase["p50_ms"],
                    "p95 ms": phase["p95_ms"],
                    "p99 ms": phase["p99_ms"],
                    "server errors": phase["server_errors"],
                    "failures": phase["failures"],
                    "healthz req/s": before["rps"],
                    "server cpu ms/req": phase.get("cpu", {}).get("server cpu ms/req", ""),
                }
            )
    ratios = {}
    for name in results["sqlite"][1]["phases"]:
        pg = results["postgresql"][1]["phases"][name]["rps"]
        ratios[name] = round(results["sqlite"][1]["phases"][name]["rps"] / pg, 2) if pg else None
        summary.append(f"{name}: SQLite / PostgreSQL throughput = {ratios[name]}")
    for name in results["sqlite"][1]["phases"]:
        ms = {
            v: r[1]["phases"][name].get("cpu", {}).get("server cpu ms/req")
            for v, r in results.items()
        }
        if ms["sqlite"] and ms["postgresql"]:
            summary.append(
                f"{name}: server CPU per request SQLite {ms['sqlite']} ms (app and database in "
                f"one process), PostgreSQL {ms['postgresql']} ms (app + backends): by CPU, "
                f"SQLite serves {ms['postgresql'] / ms['sqlite']:.2f} of PostgreSQL's rate"
            )
    healthz = {v: r[0]["rps"] for v, r in results.items()}
    summary.append(
        f"empty page capacity while each ran: SQLite half {healthz['sqlite']} req/s, PostgreSQL "
        f"half {healthz['postgresql']} req/s (unequal: the shared machine's load moved between "
        "the halves, which the throughput ratio carries and the CPU ratio does not)"
    )
    errors = {
        v: sum(p["server_errors"] for p in r[1]["phases"].values()) for v, r in results.items()
    }
    summary.append(f"server errors: {errors}")
    section = _section(
        args,
        "SQLite parity: the same mixed load on SQLite and PostgreSQL",
        errors["postgresql"] == 0,
        summary,
        [{"title": "Phases", "rows": rows}],
        ratios=ratios,
        runs={v: r[1] for v, r in results.items()},
    )
    path = report.write("sqlite", section)
    log(f"Report: {path}")
    for line in summary:
        log("  " + line)
    return section["ok"]


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m perf.loadtest", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)

    def add(name: str, help: str, **defaults) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help)
        p.add_argument(
            "--database-url",
            default=POSTGRES,
            help="PostgreSQL server to make the run's database on (default %(default)s)",
        )
        p.add_argument(
            "--scale-db",
            nargs="?",
            const=SCALE_DB,
            default=None,
            help=f"copy this perf.scale database (default {SCALE_DB}) instead of "
            "the demo data; its users log in (c1-borger1 ...)",
        )
        p.add_argument("--keep-db", action="store_true", help="keep the run's database")
        p.add_argument("--port", type=int, default=defaults.get("port", 8431))
        p.add_argument(
            "--workers",
            type=int,
            default=defaults.get("workers", server.WORKERS),
            help="gunicorn workers per process (default %(default)s)",
        )
        p.add_argument(
            "--threads",
            type=int,
            default=server.THREADS,
            help="threads per worker (default %(default)s)",
        )
        p.add_argument(
            "--pool",
            default="",
            metavar="MIN:MAX",
            help="psycopg connection pool per worker process (DATABASE_POOL), e.g. 2:4",
        )
        p.add_argument(
            "--redis-url",
            default=defaults.get("redis_url", ""),
            help="task queue on Redis (default: a SQLite queue of the run's own)",
        )
        if name == "contention":
            p.add_argument("--citizens", type=int, default=50)
            p.add_argument("--rounds", type=int, default=5)
            p.add_argument("--insert-rows", type=int, default=2000)
            return p
        p.add_argument("--rps", type=float, default=150, help="offered requests/s (150)")
        p.add_argument("--users", type=int, default=100, help="simulated users (100)")
        p.add_argument("--spawn-rate", type=float, default=5, help="users started a second")
        p.add_argument(
            "--duration",
            type=_duration,
            default=defaults["duration"],
            help="steady phase, e.g. 600, 10m (default %(default)s s)",
        )
        p.add_argument("--spike-factor", type=float, default=defaults.get("spike_factor", 10))
        p.add_argument(
            "--spike-duration",
            type=_duration,
            default=defaults["spike"],
            help="0: no spike (default %(default)s s)",
        )
        p.add_argument(
            "--recovery",
            type=_duration,
            default=defaults.get("recovery", 30),
            help="steady pace again after the spike (default %(default)s s)",
        )
        p.add_argument(
            "--healthz",
            type=_duration,
            default=defaults.get("healthz", 20),
            help="seconds of the empty page's capacity, before and after",
        )
        p.add_argument("--no-healthz-after", dest="healthz_after", action="store_false")
        if name == "scaleout":
            p.add_argument("--processes", type=int, default=2, help="gunicorn processes (2)")
        return p

    add(
        "mixed",
        "150 req/s of mixed pages for 10 minutes, then a 10x spike for 1 minute",
        duration=600,
        spike=60,
        healthz=30,
        # As production runs: the task queue, the cache and the sessions on Redis.
        redis_url="redis://127.0.0.1:6379/15",
    )
    add("spike", "a short steady phase and the 10x spike", duration=60, spike=60)
    add("contention", "50 simultaneous bookings of one time; insert rates")
    add(
        "scaleout",
        "2 gunicorn processes behind nginx, sharing PostgreSQL and Redis",
        duration=120,
        spike=30,
        port=8441,
        workers=1,
        redis_url="redis://127.0.0.1:6379/15",
    )
    add(
        "sqlite",
        "the mixed load on SQLite and on PostgreSQL; throughput ratio",
        duration=60,
        spike=60,
        recovery=0,
    )
    return main


def main() -> None:
    args = parser().parse_args()
    if getattr(args, "scale_db", None):
        os.environ["LOADTEST_DATASET"] = "scale"  # read when the locustfile is imported
    handler = {
        "mixed": cmd_mixed,
        "spike": cmd_mixed,
        "contention": cmd_contention,
        "scaleout": cmd_scaleout,
        "sqlite": cmd_sqlite,
    }[args.command]
    ok = handler(args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
