"""Locust as a library: the mixed traffic of `locustfile.py` in timed phases (steady, spike,
recovery) with statistics per phase, and the empty page's capacity. Imported only by
`python -m perf.loadtest`, which has gevent patch the standard library first."""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import gevent
from locust import FastHttpUser, User, constant, events, task
from locust.env import Environment

from perf.loadtest import locustfile
from perf.loadtest.cpu import per_request

MIXED_USERS: list[type[User]] = [
    locustfile.Citizen,
    locustfile.Consultant,
    locustfile.Business,
    locustfile.Leader,
]


@dataclass
class Phase:
    name: str
    seconds: float
    #: Multiplies every user's pace: 10 is the spike.
    factor: float = 1.0


class Recorder:
    """Status codes and server errors per phase (5xx, or no answer at all)."""

    def __init__(self) -> None:
        self.phase = "ramp-up"
        self.codes: dict[str, Counter] = {}
        self.errors: dict[str, list[str]] = {}

    def __call__(self, request_type, name, response_time, response_length, response=None,
                 context=None, exception=None, **kwargs) -> None:  # fmt: skip
        status = getattr(response, "status_code", 0) or 0
        self.codes.setdefault(self.phase, Counter())[str(status)] += 1
        if status >= 500 or status == 0:
            found = self.errors.setdefault(self.phase, [])
            if len(found) < 20:
                found.append(f"{request_type} {name}: {status} {exception or ''}".strip())

    def server_errors(self, phase: str) -> int:
        codes = self.codes.get(phase, Counter())
        return sum(n for code, n in codes.items() if code == "0" or code.startswith("5"))


def snapshot(env: Environment, seconds: float) -> dict:
    """Per page: requests, failures, throughput and p50/p95/p99 (locust's histogram rounds
    to 2 significant figures above 100 ms)."""
    rows = []
    for entry in sorted(env.stats.entries.values(), key=lambda e: e.name):
        if not entry.num_requests:
            continue
        rows.append(
            {
                "page": entry.name,
                "method": entry.method,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "rps": round(entry.num_requests / seconds, 2),
                "p50_ms": entry.get_response_time_percentile(0.5),
                "p95_ms": entry.get_response_time_percentile(0.95),
                "p99_ms": entry.get_response_time_percentile(0.99),
                "mean_ms": round(entry.avg_response_time, 1),
            }
        )
    total = env.stats.total
    return {
        "seconds": round(seconds, 1),
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": round(total.num_requests / seconds, 1),
        "p50_ms": total.get_response_time_percentile(0.5),
        "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99),
        "pages": rows,
        "failure_samples": [
            f"{e.method} {e.name}: {e.error} x{e.occurrences}"
            for e in list(env.stats.errors.values())[:10]
        ],
    }


def run_mixed(
    base_url: str,
    *,
    users: int,
    user_rps: float,
    phases: list[Phase],
    spawn_rate: float = 5,
    settle: float = 5,
    cpu: Callable[[], dict[str, float]] | None = None,
    log=print,
) -> dict:
    """Spawns `users` (each logs in once), waits for them, then runs `phases` in order with
    fresh statistics each; returns each phase's snapshot with its status codes."""
    locustfile.USER_RPS = user_rps
    locustfile.PACE["factor"] = 1.0
    for key in locustfile.COUNTERS:
        locustfile.COUNTERS[key] = 0
    env = Environment(user_classes=MIXED_USERS, host=base_url, events=events)
    recorder = Recorder()
    env.events.request.add_listener(recorder)
    runner = env.create_local_runner()
    try:
        began = time.monotonic()
        runner.start(users, spawn_rate=spawn_rate)
        deadline = began + users / spawn_rate + 120
        while time.monotonic() < deadline:
            logins = env.stats.entries.get(("login POST", "POST"))
            if runner.user_count >= users and logins and logins.num_requests >= users:
                break
            gevent.sleep(0.5)
        log(f"  {runner.user_count} users logged in after {time.monotonic() - began:.0f} s")
        gevent.sleep(settle)
        result: dict = {"users": users, "user_rps": user_rps, "phases": {}}
        for phase in phases:
            locustfile.PACE["factor"] = phase.factor
            recorder.phase = phase.name
            env.stats.reset_all()
            counters_before = dict(locustfile.COUNTERS)
            cpu_before = cpu() if cpu else {}
            start = time.monotonic()
            gevent.sleep(phase.seconds)
            figures = snapshot(env, time.monotonic() - start)
            if cpu:
                figures["cpu"] = per_request(cpu_before, cpu(), figures["requests"])
            figures["offered_rps"] = round(users * user_rps * phase.factor, 1)
            figures["status_codes"] = dict(recorder.codes.get(phase.name, Counter()))
            figures["server_errors"] = recorder.server_errors(phase.name)
            figures["server_error_samples"] = recorder.errors.get(phase.name, [])
            figures["bookings_created"] = (
                locustfile.COUNTERS["booking_created"] - counters_before["booking_created"]
            )
            figures["bookings_409"] = (
                locustfile.COUNTERS["booking_409"] - counters_before["booking_409"]
            )
            result["phases"][phase.name] = figures
            log(
                f"  {phase.name}: {figures['rps']} req/s of {figures['offered_rps']} offered, "
                f"p95 {figures['p95_ms']} ms, {figures['failures']} failures, "
                f"{figures['server_errors']} server errors"
            )
        result["login_failed"] = locustfile.COUNTERS["login_failed"]
        return result
    finally:
        locustfile.PACE["factor"] = 1.0
        runner.quit()
        env.events.request.remove_listener(recorder)


class Health(FastHttpUser):
    """The empty page as fast as it answers: the server's ceiling for this machine."""

    wait_time = constant(0)

    @task
    def health(self) -> None:
        self.client.get("/healthz", name="healthz")


def healthz_capacity(
    base_url: str,
    *,
    seconds: float,
    users: int = 16,
    cpu: Callable[[], dict[str, float]] | None = None,
    log=print,
) -> dict:
    """Requests a second that `/healthz` (all middleware, no query) sustains with `users`
    clients that never wait."""
    env = Environment(user_classes=[Health], host=base_url, events=events)
    recorder = Recorder()
    recorder.phase = "healthz"
    env.events.request.add_listener(recorder)
    runner = env.create_local_runner()
    try:
        runner.start(users, spawn_rate=users)
        gevent.sleep(2)
        env.stats.reset_all()
        cpu_before = cpu() if cpu else {}
        start = time.monotonic()
        gevent.sleep(seconds)
        figures = snapshot(env, time.monotonic() - start)
        if cpu:
            figures["cpu"] = per_request(cpu_before, cpu(), figures["requests"])
        figures["server_errors"] = recorder.server_errors("healthz")
        del figures["pages"]
        log(f"  /healthz: {figures['rps']} req/s, p95 {figures['p95_ms']} ms")
        return figures
    finally:
        runner.quit()
        env.events.request.remove_listener(recorder)
