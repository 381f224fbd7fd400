"""`python -m perf.faults [kill restart redis latency] [--scale 0.5] [--pgdata DIR]`: runs the
fault scenarios against gunicorn and a private PostgreSQL 15 cluster, each within its time
limit, prints the outcome and writes perf/bench/results/faults-<date>.md/.json. Exits 1 when an
expectation failed (or a scenario broke or ran out of time)."""

import argparse
import json
import signal
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from perf.faults.cluster import private_cluster
from perf.faults.scenarios import LIMITS, SCENARIOS, Context, Result
from perf.loadtest.server import BASE_DIR, ensure_template

RESULTS = BASE_DIR / "perf" / "bench" / "results"
#: The private cluster's data directory: made once, so the demo template survives runs.
PGDATA = BASE_DIR / "var" / "faults-pg" / "data"


class OutOfTime(Exception):
    pass


def _alarm(_signum, _frame):
    raise OutOfTime


def run_one(name: str, ctx: Context) -> Result:
    """Runs a scenario under SIGALRM: past its limit it is interrupted where it is, and its
    context managers stop the servers it started."""
    began = time.monotonic()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMITS[name])
    try:
        result = SCENARIOS[name](ctx)
    except OutOfTime:
        result = Result(name, name, error=f"out of time after {LIMITS[name]} s")
    except Exception as error:
        result = Result(name, name, error=f"{type(error).__name__}: {error}")
        traceback.print_exc()
    finally:
        signal.alarm(0)
    result.seconds = round(time.monotonic() - began, 1)
    return result


def markdown(results: list[Result], day: str) -> str:
    lines = [f"# Fault tests, {day}", "", "Command: `make faults` (`python -m perf.faults`).", ""]
    for r in results:
        lines += [f"## {r.title}: {'PASS' if r.ok else 'FAIL'} ({r.seconds} s)", ""]
        if r.error:
            lines += [f"Error: {r.error}", ""]
        lines += [f"- [{'x' if ok else ' '}] {text}" for text, ok in r.checks]
        figures = dict(r.figures)
        pages = figures.pop("pages", None)
        if figures:
            lines += ["", "```json", json.dumps(figures, indent=1, ensure_ascii=False), "```"]
        if pages:
            lines += [
                "",
                "| page | round trips | of which queries | direct p95 ms | proxied p95 ms "
                "| p95 rise | median rise | round trips x 50 ms | rise / that "
                "| rise / (round trips x actual delay) |",
                "|---|---|---|---|---|---|---|---|---|---|",
            ]
            for page, row in pages.items():
                lines.append(
                    f"| {page} | {row['round_trips']} | {row['queries']} | "
                    f"{row['direct_p95_ms']} | {row['proxied_p95_ms']} | {row['p95_rise_ms']} "
                    f"| {row['median_rise_ms']} | {row['expected_rise_ms']} "
                    f"| {row['rise_over_expected']} | {row.get('rise_over_actual_delay')} |"
                )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m perf.faults", description=__doc__)
    parser.add_argument("names", nargs="*", choices=[[], *SCENARIOS], metavar="scenario")
    parser.add_argument("--scale", type=float, default=1.0, help="shortens the load phases")
    parser.add_argument(
        "--pgdata", type=Path, default=PGDATA, help="the private cluster's data directory"
    )
    parser.add_argument("--fresh", action="store_true", help="a throw-away cluster in /tmp")
    args = parser.parse_args(argv)
    names = args.names or list(SCENARIOS)
    day = datetime.now(ZoneInfo("Europe/Copenhagen")).date().isoformat()
    results = []
    with private_cluster(None if args.fresh else args.pgdata) as cluster:
        print(f"Private PostgreSQL on 127.0.0.1:{cluster.port} ({cluster.datadir})", flush=True)
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(900)
        try:
            ensure_template(cluster.url(), log=lambda m: print(m, flush=True))
        finally:
            signal.alarm(0)
        ctx = Context(cluster, log=lambda m: print(m, flush=True), scale=args.scale)
        for name in names:
            print(f"--- {name}", flush=True)
            result = run_one(name, ctx)
            for text, ok in result.checks:
                print(f"  {'ok  ' if ok else 'FAIL'} {text}", flush=True)
            if result.error:
                print(f"  FAIL {result.error}", flush=True)
            print(f"  {json.dumps(result.figures, ensure_ascii=False)}", flush=True)
            results.append(result)
            if not cluster.ready():  # a scenario stopped it: the next one needs it
                cluster.start()
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "date": day,
        "ok": all(r.ok for r in results),
        "scenarios": {
            r.name: {
                "title": r.title,
                "ok": r.ok,
                "seconds": r.seconds,
                "error": r.error,
                "checks": [{"check": t, "ok": ok} for t, ok in r.checks],
                "figures": r.figures,
            }
            for r in results
        },
    }
    stem = RESULTS / f"faults-{day}"
    if stem.with_suffix(".json").exists() and set(names) != set(SCENARIOS):
        # A partial run updates the day's report instead of replacing the other scenarios.
        earlier = json.loads(stem.with_suffix(".json").read_text())
        payload["scenarios"] = {**earlier.get("scenarios", {}), **payload["scenarios"]}
        payload["ok"] = all(s["ok"] for s in payload["scenarios"].values())
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=1, ensure_ascii=False))
    all_results = [
        Result(
            name,
            s["title"],
            [(c["check"], c["ok"]) for c in s["checks"]],
            s["figures"],
            s["error"],
            s["seconds"],
        )
        for name, s in payload["scenarios"].items()
    ]
    stem.with_suffix(".md").write_text(markdown(all_results, day))
    print(f"Wrote {stem}.md and .json: {'PASS' if payload['ok'] else 'FAIL'}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
