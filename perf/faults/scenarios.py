"""The fault scenarios against gunicorn (perf.loadtest.server.app_server) and a private PostgreSQL
cluster. Each returns a Result: what was checked, pass or fail, and its figures."""

import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import requests

from perf.faults.cluster import Cluster, free_port
from perf.faults.http import (
    ERROR_PAGE,
    TIMEOUT,
    Api,
    api_tokens,
    hidden_fields,
    login,
    post_form,
    wait_for,
)
from perf.faults.kill import kill_when_writing
from perf.faults.proxy import latency_proxy
from perf.loadtest.server import BASE_DIR, app_server, base_env, prepared_database

CPH = ZoneInfo("Europe/Copenhagen")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@dataclass
class Result:
    name: str
    title: str
    checks: list[tuple[str, bool]] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error and all(ok for _text, ok in self.checks)

    def check(self, text: str, ok: bool) -> bool:
        self.checks.append((text, bool(ok)))
        return bool(ok)


@dataclass
class Context:
    cluster: Cluster
    log: Callable[[str], None]
    #: Scales the load phases (1.0 = the documented run; tests use less).
    scale: float = 1.0


def one(db: str, query: str, params: list | None = None) -> Any:
    with psycopg.connect(db, autocommit=True) as conn:
        row = conn.execute(query, params or []).fetchone()
    return row[0] if row and len(row) == 1 else row


def _first_slot(api: Api, topic: int, days_ahead: int = 3) -> dict:
    first = date.today() + timedelta(days=days_ahead)
    for week in range(4):
        slots = [s for s in api.slots(topic, first + timedelta(days=7 * week)) if s["consultants"]]
        if slots:
            return slots[0]
    raise RuntimeError("no free time in four weeks")


def _tid(start: str) -> str:
    """The booking flow's `tid`: local wall-clock time, minutes."""
    return datetime.fromisoformat(start).astimezone(CPH).strftime("%Y-%m-%dT%H:%M")


# --- 1. A connection killed inside a booking and a plan save -------------------------------


def kill(ctx: Context) -> Result:
    result = Result("kill", "Connection killed inside a booking and a plan save (gunicorn)")
    with (
        prepared_database(ctx.cluster.url(), name="faults_kill", log=ctx.log) as db,
        # One worker with one thread: the retry runs on the very connection slot that was
        # killed, so it shows the process recovers by itself.
        app_server(db, port=free_port(), workers=1, threads=1) as base,
    ):
        username = "borger001"
        session = login(base, username)
        api = Api(base, api_tokens(db, [username])[username])
        topic = api.phone_topic()
        slot = _first_slot(api, topic)
        url = (
            f"{base}/samtaler/book/?emne={topic}&konsulent={slot['consultants'][0]}"
            f"&tid={_tid(slot['start'])}"
        )
        fields = hidden_fields(session.get(url, timeout=TIMEOUT).text)
        key = fields["submission_token"]
        data = {
            "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
            "submission_token": key,
            "mode": "telefon",
            "talk_about": "Fejltest",
            "take_away": "",
        }
        user_id = one(db, "SELECT id FROM accounts_user WHERE username = %s", [username])
        notes = "SELECT count(*) FROM notifications_notification WHERE recipient_id = %s"
        by_key = "SELECT count(*) FROM booking_booking WHERE idempotency_key = %s"
        notes_before = one(db, notes, [user_id])
        with kill_when_writing(db, "notifications_notification") as killed:
            failed = post_form(session, url, data, referer=url)
        result.check("booking: the connection was killed at the notification's INSERT", killed.done)
        result.check(
            f"booking: the answer is the Danish error page ({failed.status_code})",
            failed.status_code in (500, 503) and ERROR_PAGE in failed.text,
        )
        result.check(
            "booking: no booking and no notification were left behind",
            one(db, by_key, [key]) == 0 and one(db, notes, [user_id]) == notes_before,
        )
        retry = post_form(session, url, data, referer=url)
        again = post_form(session, url, data, referer=url)
        result.check(
            "booking: the retry with the same key books, on the same process, and again is the "
            "same booking",
            retry.status_code == again.status_code == 302
            and retry.headers.get("Location") == again.headers.get("Location"),
        )
        result.check("booking: exactly one row for the key", one(db, by_key, [key]) == 1)
        receipt = session.get(base + retry.headers.get("Location", "/"), timeout=TIMEOUT)
        result.check("booking: the receipt says booked", "Samtalen er booket" in receipt.text)

        edit_url = f"{base}/min-plan/ret/"
        fields = hidden_fields(session.get(edit_url, timeout=TIMEOUT).text)
        plan = (
            "SELECT p.id, p.version, p.job_goal FROM plans_plan p "
            "JOIN citizens_citizen c ON c.id = p.citizen_id WHERE c.user_id = %s"
        )
        plan_id, version, goal = one(db, plan, [user_id])
        changes = "SELECT count(*) FROM plans_planchange WHERE plan_id = %s"
        changes_before = one(db, changes, [plan_id])
        plan_data: dict[str, str | list[str]] = {
            "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
            "version": fields["version"],
            "job_goal": "Fejltest: lagerchef",
            "strategy": "Jeg ringer først",
            "required_searches": "6",
            "required_period_days": "28",
            "geography": "",
            "channels": ["job_ad"],
        }
        with kill_when_writing(db, "plans_planchange") as killed:
            failed = post_form(session, edit_url, plan_data, referer=edit_url)
        result.check("plan: the connection was killed at the history line's INSERT", killed.done)
        result.check(
            f"plan: the answer is the Danish error page ({failed.status_code})",
            failed.status_code in (500, 503) and ERROR_PAGE in failed.text,
        )
        result.check(
            "plan: the plan is as it was (version, goal, history)",
            one(db, plan, [user_id]) == (plan_id, version, goal)
            and one(db, changes, [plan_id]) == changes_before,
        )
        retry = post_form(session, edit_url, plan_data, referer=edit_url)
        saved_page = session.get(f"{base}/min-plan/", timeout=TIMEOUT)
        again = post_form(session, edit_url, plan_data, referer=edit_url)
        result.check(
            "plan: the retry from the same form saves and says so; once more is a conflict (409)",
            retry.status_code == 302
            and "Din plan er gemt" in saved_page.text
            and again.status_code == 409,
        )
        result.check(
            "plan: exactly one change (version + 1, one history line)",
            one(db, plan, [user_id])[1] == version + 1
            and one(db, changes, [plan_id]) == changes_before + 1,
        )
        result.figures = {"booking_kill_at": "notifications_notification INSERT"}
    return result


# --- 2. PostgreSQL restarted under load ----------------------------------------------------


@dataclass
class Call:
    kind: str
    began: float
    ended: float
    status: int | str
    key: str = ""
    #: The time a booking asked for (empty if it failed before it could ask).
    start: str = ""
    api: Any = None

    @property
    def failed(self) -> bool:
        return not isinstance(self.status, int) or self.status >= 500


PAGES = ["/", "/min-plan/", "/joblog/", "/samtaler/"]


def _page_load(base: str, session: requests.Session, stop: threading.Event, calls: list) -> None:
    while not stop.is_set():
        path = random.choice(PAGES)
        began = time.monotonic()
        try:
            status: int | str = session.get(base + path, timeout=TIMEOUT).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        calls.append(Call("page", began, time.monotonic(), status))
        stop.wait(0.05)


def _booking_load(
    apis: list[Api], topic: int, starts: list[str], stop: threading.Event, calls: list
) -> None:
    """Books free times fetched before the load (so a POST is in flight when the database
    goes): 201, or a clean 409 when another thread took it first, or 422 past the limit of
    open bookings."""
    while not stop.is_set():
        api = random.choice(apis)
        call = Call("booking", time.monotonic(), 0.0, "", str(uuid.uuid4()), random.choice(starts))
        call.api = api
        try:
            call.status = api.book(topic, call.start, call.key).status_code
        except requests.RequestException as error:
            call.status = type(error).__name__
        call.ended = time.monotonic()
        calls.append(call)
        stop.wait(0.05)


def restart(ctx: Context) -> Result:
    result = Result("restart", "PostgreSQL restarted under load")
    duration, restart_at = 30 * ctx.scale, 10 * ctx.scale
    with (
        prepared_database(ctx.cluster.url(), name="faults_restart", log=ctx.log) as db,
        app_server(db, port=free_port()) as base,
    ):
        names = [f"borger{i:03d}" for i in range(1, 61)]
        tokens = api_tokens(db, names)
        apis = [Api(base, tokens[name]) for name in names]
        topic = apis[0].phone_topic()
        first = date.today() + timedelta(days=3)
        starts = [s["start"] for s in apis[0].slots(topic, first, days=28)]
        sessions = [login(base, name) for name in ("borger", *names[-3:])]
        calls: list[Call] = []
        stop = threading.Event()
        threads = [
            threading.Thread(target=_page_load, args=(base, s, stop, calls)) for s in sessions
        ]
        threads += [
            threading.Thread(target=_booking_load, args=(apis, topic, starts, stop, calls))
            for _ in range(2)
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(restart_at)
        window_start = time.monotonic()
        ctx.cluster.restart("fast")
        window_end = time.monotonic()
        time.sleep(max(0.0, duration - (window_end - began)))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        def inside(call: Call) -> bool:
            return call.began <= window_end and call.ended >= window_start

        errors = [c for c in calls if c.failed]
        outside = [c for c in errors if not inside(c)]
        # Every booking that was answered 200/201 is there, once; every one that failed is
        # retried with its key, and then exists exactly once or was refused cleanly.
        booked = [c.key for c in calls if c.kind == "booking" and c.status in (200, 201)]
        failed_bookings = [c for c in calls if c.kind == "booking" and c.failed]
        retried = {}
        owner = {}  # the key's citizen: a retry must come from the same one
        for call in failed_bookings:
            if call.start:
                owner[call.key] = call
        for key, call in owner.items():
            retried[key] = call.api.book(topic, call.start, key).status_code
        counts = _key_counts(db, booked + list(retried))
        lost = [k for k in booked if counts.get(k, 0) != 1]
        doubled = [k for k, n in counts.items() if n > 1]
        retried_ok = [k for k, s in retried.items() if s in (200, 201) and counts.get(k) == 1]
        result.figures = {
            "duration_s": round(time.monotonic() - began, 1),
            "requests": len(calls),
            "page_requests": sum(c.kind == "page" for c in calls),
            "booking_posts": sum(c.kind == "booking" for c in calls),
            "booking_statuses": dict(
                Counter(str(c.status) for c in calls if c.kind == "booking").most_common()
            ),
            "bookings_created": len(booked),
            "restart_window_s": round(window_end - window_start, 2),
            "restart_window": [round(window_start - began, 2), round(window_end - began, 2)],
            "requests_in_window": sum(inside(c) for c in calls),
            "errors_in_window": len(errors) - len(outside),
            "errors_outside_window": len(outside),
            "error_statuses": sorted({str(c.status) for c in errors}),
            "last_error_after_window_s": round(
                max((c.ended for c in errors), default=0) - window_end, 2
            )
            if errors
            else None,
            "failed_bookings_retried": len(retried),
            "retries_booked": len(retried_ok),
            "retry_statuses": dict(Counter(str(v) for v in retried.values()).most_common()),
            "bookings_lost": len(lost),
            "bookings_doubled": len(doubled),
        }
        result.check("there was load on both sides of the restart", len(calls) > 50)
        result.check("errors only while the restart was going on (0 outside)", not outside)
        result.check("every booking answered 201/200 exists, once", not lost and not doubled)
        refused = [k for k, status in retried.items() if status not in (200, 201)]
        result.check(
            "a booking that failed in the window and was refused on retry left no row",
            all(counts.get(k, 0) == 0 for k in refused),
        )
    return result


def _key_counts(db: str, keys: list[str]) -> dict[str, int]:
    if not keys:
        return {}
    with psycopg.connect(db, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT idempotency_key::text, count(*) FROM booking_booking "
            "WHERE idempotency_key = ANY(%s::uuid[]) GROUP BY 1",
            [keys],
        ).fetchall()
    return dict(rows)


# --- 3. Redis down ------------------------------------------------------------------------


class RedisServer:
    """redis-server of our own on a free port, without persistence."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        if not wait_for(lambda: _ping(redis, self.url), timeout=10):
            raise RuntimeError("redis-server did not start")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def _ping(redis_module, url: str) -> bool:
    try:
        return bool(redis_module.Redis.from_url(url, socket_timeout=1).ping())
    except Exception:
        return False


def _daytime() -> bool:
    """Notifications go out from 09:00 to 22:00, Copenhagen time."""
    return 9 <= datetime.now(CPH).hour < 22


def redis_down(ctx: Context) -> Result:
    result = Result("redis", "Redis down: bookings work, notifications go out when it returns")
    redis = RedisServer()
    redis.start()
    consumer = None
    try:
        with (
            prepared_database(ctx.cluster.url(), name="faults_redis", log=ctx.log) as db,
            app_server(db, port=free_port(), redis_url=redis.url) as base,
        ):
            log = Path(BASE_DIR / "var" / "faults-huey.log")
            with log.open("wb") as out:
                consumer = subprocess.Popen(
                    [sys.executable, "manage.py", "run_huey", "--quiet"],
                    cwd=BASE_DIR,
                    env=base_env(db, redis.url),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            names = [f"borger{i:03d}" for i in range(1, 12)]
            tokens = api_tokens(db, names)
            apis = [Api(base, tokens[name]) for name in names]
            topic = apis[0].phone_topic()
            daytime = _daytime()
            unsent = (
                "SELECT count(*) FROM notifications_notification n JOIN booking_booking b "
                "ON n.key = 'booking:' || b.id || ':receipt' "
                "WHERE b.idempotency_key = ANY(%s::uuid[]) AND n.sent_at IS NULL"
            )
            made = (
                "SELECT count(*) FROM notifications_notification n JOIN booking_booking b "
                "ON n.key = 'booking:' || b.id || ':receipt' "
                "WHERE b.idempotency_key = ANY(%s::uuid[])"
            )

            def book(api: Api) -> tuple[int, str, float]:
                key = str(uuid.uuid4())
                slot = _first_slot(api, topic, days_ahead=random.randint(3, 20))
                began = time.monotonic()
                status = api.book(topic, slot["start"], key).status_code
                return status, key, time.monotonic() - began

            status, key, _s = book(apis[0])
            result.check(f"Redis up: booked ({status})", status == 201)
            if daytime:
                sent_up = wait_for(lambda: one(db, unsent, [[key]]) == 0, timeout=30)
                result.check("Redis up: its notification went out through the queue", sent_up)
            redis.stop()
            down = [book(api) for api in apis[1:6]]
            keys = [k for _status, k, _s in down]
            result.check(
                "Redis down: every booking answered 201",
                all(status == 201 for status, _k, _s in down),
            )
            stored = one(db, made, [keys])
            result.check(
                "Redis down: the notifications are stored with the bookings, unsent",
                stored >= len(keys) and one(db, unsent, [keys]) == stored,
            )
            result.check("the task consumer is still running", consumer.poll() is None)
            redis.start()
            back = time.monotonic()
            status, key, _s = book(apis[6])  # the next booking's enqueue sends all that is due
            result.check(f"Redis back: booked ({status})", status == 201)
            drained, drain_s = None, 0.0
            if daytime:
                drained = wait_for(lambda: one(db, unsent, [[*keys, key]]) == 0, timeout=60)
                drain_s = time.monotonic() - back
                result.check("Redis back: every notification held back went out", drained)
            # Hung rather than gone (SIGSTOP): connections are accepted and never answered,
            # so only the client's timeout (redis-py's default, 5 s) bounds the enqueue.
            os.kill(redis.pid, signal.SIGSTOP)
            try:
                hung_status, hung_key, hung_s = book(apis[7])
            finally:
                os.kill(redis.pid, signal.SIGCONT)
            result.check(f"Redis hung: booked ({hung_status})", hung_status == 201)
            status, key, _s = book(apis[8])
            if daytime:
                result.check(
                    "Redis answering again: the notification held back while it hung went out",
                    wait_for(lambda: one(db, unsent, [[hung_key, key]]) == 0, timeout=60),
                )
            result.figures = {
                "booking_ms_redis_hung": round(hung_s * 1000),
                "booking_ms_redis_down": [round(s * 1000) for _st, _k, s in down],
                "notifications_held_back": stored,
                "sent_within_s_of_redis_return": round(drain_s, 1) if drained else None,
                "daytime": daytime,
            }
            if not daytime:
                result.figures["note"] = "22-09: quiet hours, sending not checked"
    finally:
        if consumer is not None and consumer.poll() is None:
            consumer.terminate()
            consumer.wait(timeout=30)
        redis.stop()
    return result


# --- 4. 50 ms latency to the database ------------------------------------------------------


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def latency(ctx: Context, round_trip_ms: float = 50) -> Result:
    result = Result("latency", f"{round_trip_ms:.0f} ms round trip to the database")
    repeats = max(5, int(20 * ctx.scale))
    with prepared_database(ctx.cluster.url(), name="faults_latency", log=ctx.log) as db:
        monday = date.today() + timedelta(days=7 - date.today().weekday())
        topic = one(
            db,
            "SELECT t.id FROM booking_topic t JOIN centres_jobcentre c ON c.id = t.job_centre_id "
            "WHERE t.active ORDER BY t.id LIMIT 1",
        )
        prep = one(
            db,
            "SELECT b.public_id FROM booking_booking b JOIN accounts_user u "
            "ON u.id = b.consultant_id WHERE u.username = 'konsulent' "
            "ORDER BY abs(extract(epoch FROM b.start - now())) LIMIT 1",
        )
        pages = {
            "empty page (/healthz, no cookie)": ("", "/healthz"),
            "citizen home": ("borger", "/"),
            "Min Plan": ("borger", "/min-plan/"),
            "Joblog list": ("borger", "/joblog/"),
            "booking week view": (
                "borger",
                f"/samtaler/book/?emne={topic}&konsulent=alle&uge={monday.isoformat()}",
            ),
            "preparation view": ("konsulent", f"/kalender/samtale/{prep}/forbered/"),
            "consultant home": ("konsulent", "/"),
            "leader dashboard": ("leder", "/ledelse/"),
        }
        host, port = "127.0.0.1", ctx.cluster.port
        rows: dict[str, dict] = {}
        with (
            latency_proxy(host, port, round_trip_ms) as proxy,
            # Two servers side by side, one straight to the database and one through the
            # proxy, asked in turn, so the machine's changing load falls on both alike.
            app_server(db, port=free_port(), workers=1, threads=1) as direct,
            app_server(
                db.replace(f":{port}/", f":{proxy.port}/"), port=free_port(), workers=1, threads=1
            ) as proxied,
        ):
            users = {u for u, _p in pages.values() if u}
            sessions = {
                base: {"": requests.Session(), **{u: login(base, u) for u in users}}
                for base in (direct, proxied)
            }
            for page, (user, path) in pages.items():
                for base in (direct, proxied):
                    warm = sessions[base][user].get(base + path, timeout=TIMEOUT)
                    if warm.status_code != 200:
                        raise RuntimeError(f"{page}: {path} answered {warm.status_code}")
                before = proxy.stats.snapshot()
                sent, delayed = Counter(proxy.stats.sent), Counter(proxy.stats.delayed)
                times: dict[str, list[float]] = {direct: [], proxied: []}
                for _ in range(repeats):
                    for base in (direct, proxied):
                        began = time.perf_counter()
                        sessions[base][user].get(base + path, timeout=TIMEOUT).raise_for_status()
                        times[base].append((time.perf_counter() - began) * 1000)
                kinds = proxy.stats.snapshot() - before
                n, d = proxy.stats.sent - sent, proxy.stats.delayed - delayed
                rows[page] = {
                    "direct_p95_ms": round(_p95(times[direct]), 1),
                    "direct_median_ms": round(statistics.median(times[direct]), 1),
                    "proxied_p95_ms": round(_p95(times[proxied]), 1),
                    "proxied_median_ms": round(statistics.median(times[proxied]), 1),
                    "round_trips": round(sum(kinds.values()) / repeats, 1),
                    "queries": round((kinds["query"] + kinds["SAVEPOINT"]) / repeats, 1),
                    "begin_commit_health": round(
                        (kinds["BEGIN"] + kinds["COMMIT"] + kinds["health"]) / repeats, 1
                    ),
                    "effective_round_trip_ms": round(
                        1000 * sum(d[w] / n[w] for w in ("up", "down") if n[w]), 1
                    ),
                }
        for page, row in rows.items():
            rise = row["proxied_median_ms"] - row["direct_median_ms"]
            expected = row["round_trips"] * round_trip_ms
            # What the proxy really added per round trip (a busy event loop wakes up late).
            per_trip = row.get("effective_round_trip_ms") or round_trip_ms
            actual = row["round_trips"] * per_trip
            row["median_rise_ms"] = round(rise, 1)
            row["p95_rise_ms"] = round(row["proxied_p95_ms"] - row["direct_p95_ms"], 1)
            row["expected_rise_ms"] = round(expected, 1)
            row["rise_over_expected"] = round(rise / expected, 2) if expected else None
            row["rise_over_actual_delay"] = round(rise / actual, 2) if actual else None
            ok = abs(rise) < round_trip_ms if expected == 0 else 0.85 <= rise / actual <= 1.2
            result.check(
                f"{page}: median rise {rise:.0f} ms ~ {row['round_trips']:g} round trips x "
                f"{round_trip_ms:.0f} ms = {expected:.0f} ms (the proxy really added "
                f"{per_trip:.1f} ms a trip: {actual:.0f} ms)",
                ok,
            )
        result.figures = {"round_trip_ms": round_trip_ms, "repeats": repeats, "pages": rows}
    return result


SCENARIOS: dict[str, Callable[[Context], Result]] = {
    "kill": kill,
    "restart": restart,
    "redis": redis_down,
    "latency": latency,
}
#: Each scenario's time limit in seconds (the template database is built before, apart).
LIMITS = {"kill": 240, "restart": 240, "redis": 240, "latency": 900}
