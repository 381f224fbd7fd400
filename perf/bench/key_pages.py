"""The key pages, each measured side by side in one run against what it cannot do without:

(a) its own SQL run raw: the statements the real page sent (SQL and parameters, captured
    once) replayed with a plain cursor in one transaction, less the statements every request
    sends (the session's read and save, which (b) pays);
(b) an empty page through all middleware: GET /healthz with the same logged-in client
    (session, authentication, locale, CSP ...);
(c) the real page, through django.test.Client.

The ratio c / (a + b) is what the page's own Python costs (views, forms, templates, the ORM)
on top of its database work and the framework: at most 3x for the citizens' pages and 5x for
the preparation view and the dashboard. The three take turns (a, b, c, a, b, c ...) after a
warm-up, so a busy machine weighs on all of them alike.

The representative people are picked by query from whatever is in the database: the largest
job centre (by citizens), its citizen with the median number of Joblog entries (one with a
plan and a free time to book when there is one), the consultant of its next booked
conversation, its manager and a business consultant. On a fresh database, the demo data
(`seed_demo`) is made first. `key_pages_scale` runs the same on two or more existing
databases (`python -m perf.bench key_pages_scale --database-url ...01 --database-url ...10`) and
compares: the same query count at every scale, and the median time growing <= 1.5x."""

import io
import statistics
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import policy
from accounts.models import Role, User
from booking.availability import Slot, free_slots, rule_for
from booking.models import Booking, MeetingMode, Status, Topic
from booking.selectors import bookings as booking_selectors
from booking.services import bookings as booking_services
from centres.models import JobCentre
from citizens.models import Citizen
from notifications.models import Notification
from perf.bench import Result, benchmark
from perf.bench.database import connected_to, database_urls, describe
from perf.bench.pages import (
    Statement,
    capture,
    logged_in,
    replay,
    replayable,
    side_by_side,
    summary,
    without,
)

REPEATS = 30
WARMUP = 3
#: c / (a + b) at most: the citizens' pages, and the staff's heavier ones.
CITIZEN_GOAL, STAFF_GOAL = 3.0, 5.0
#: The median time of the real page may grow this much from one scale to the next.
GROWTH_GOAL = 1.5
#: Where the goals are judged: PostgreSQL, as deployed. SQLite runs in the process, so its (a)
#: and (b) have no round trips and the ratio means something else: shown, not judged.
GOAL_VENDORS = {"postgresql"}
#: How many citizens around the median to try for one who can book.
CANDIDATES = 40
#: A booking time at least this far ahead, so that the citizen may cancel it again.
AHEAD = timedelta(days=3)


@dataclass
class Page:
    """One key page: whom it is fetched as, and how."""

    key: str
    title: str
    goal: float
    user: User
    url: str
    #: For a POST: the form data (a fresh one-time token each call).
    data: Callable[[], dict[str, str]] | None = None
    #: For a POST: undoes the write after each round, untimed.
    undo: Callable[[], None] | None = None
    status: int = 200
    notes: list[str] = field(default_factory=list)


class NothingToMeasure(Exception):
    """The database lacks what a key page needs (a citizen who can book, a manager ...)."""


# --- Whom to measure as -----------------------------------------------------------------


def largest_centre() -> JobCentre:
    centre = JobCentre.objects.annotate(n=Count("citizens")).order_by("-n", "pk").first()
    if centre is None:
        raise NothingToMeasure("no job centre")
    return centre


def typical_citizens(centre: JobCentre) -> list[Citizen]:
    """The centre's citizens who log their job search, nearest the median number of Joblog
    entries first, those with a plan before those without."""
    counts = list(
        Citizen.objects.filter(job_centre=centre, user__is_active=True)
        .annotate(entries=Count("joblog_entries"))
        .filter(entries__gt=0)
        .values_list("pk", "entries")
    )
    if not counts:
        raise NothingToMeasure(f"no citizen of {centre} has Joblog entries")
    median = statistics.median_low(n for _pk, n in counts)
    nearest = sorted(counts, key=lambda c: (abs(c[1] - median), c[0]))[: CANDIDATES * 5]
    with_plan = set(
        Citizen.objects.filter(pk__in=[pk for pk, _n in nearest], plan__isnull=False).values_list(
            "pk", flat=True
        )
    )
    order = sorted(nearest, key=lambda c: (c[0] not in with_plan, abs(c[1] - median), c[0]))
    by_pk = Citizen.objects.select_related("user").in_bulk([pk for pk, _n in order[:CANDIDATES]])
    return [by_pk[pk] for pk, _n in order[:CANDIDATES] if pk in by_pk]


def bookable(citizen: Citizen) -> tuple[Topic, Slot, list[Slot]] | None:
    """A topic the citizen may book, a free time at least AHEAD (to book and cancel again),
    and the free times of its week; None when there is none or they may book no more."""
    if not policy.can(citizen.user, "booking.book_own"):
        return None
    now = timezone.now()
    rule = rule_for(citizen.job_centre_id, citizen.target_group)
    open_count = Booking.objects.filter(
        citizen=citizen, status=Status.BOOKED, start__gt=now
    ).count()
    if open_count >= rule.max_open_bookings:
        return None
    _first, last = rule.bookable_range(now)
    for topic in booking_selectors.topics_for(citizen):
        slots = free_slots(
            topic=topic,
            target_group=citizen.target_group,
            date_from=timezone.localdate(now),
            date_to=last,
            now=now,
            rule=rule,
        )
        later = [s for s in slots if s.start >= now + AHEAD]
        if later:
            return topic, later[0], slots
    return None


def staff(centre: JobCentre, *roles: str) -> User:
    for role in roles:
        user = (
            User.objects.filter(job_centre=centre, role=role, is_active=True).order_by("pk").first()
        )
        if user is not None:
            return user
    raise NothingToMeasure(f"no active {' or '.join(roles)} in {centre}")


def key_pages() -> list[Page]:
    """The nine key pages, as the representative people of the largest centre."""
    centre = largest_centre()
    for citizen in typical_citizens(centre):
        found = bookable(citizen)
        if found is not None:
            break
    else:
        raise NothingToMeasure(f"none of {CANDIDATES} typical citizens of {centre} can book")
    topic, slot, slots = found
    entries = citizen.joblog_entries.count()
    who = f"citizen #{citizen.pk} ({entries} Joblog entries)"
    start = timezone.localtime(slot.start)
    book_url = reverse("booking:start") + (
        f"?emne={topic.pk}&konsulent=alle&tid={start:%Y-%m-%dT%H:%M}"
    )
    monday = start.date() - timedelta(days=start.weekday())
    week_url = reverse("booking:start") + f"?emne={topic.pk}&konsulent=alle&uge={monday}"
    mode = next((m for m in topic.modes if m != MeetingMode.IN_PERSON), topic.modes[0])

    def booking_form() -> dict[str, str]:
        token = str(uuid.uuid4())
        return {"mode": mode, "talk_about": "", "take_away": "", "submission_token": token}

    def cancel_it() -> None:
        booking = Booking.objects.get(citizen=citizen, start=slot.start, status=Status.BOOKED)
        booking_services.cancel_by_citizen(booking=booking, actor=citizen.user)
        if connection.vendor == "sqlite":
            # SQLite gives the next booking the id the rolled-back capture had, and so the
            # replayed receipt's key would collide with this one's (PostgreSQL never reuses).
            Notification.objects.filter(key__startswith=f"booking:{booking.pk}:").delete()

    now = timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    to_prepare = (
        Booking.objects.filter(
            job_centre=centre,
            status=Status.BOOKED,
            start__gte=today,
            consultant__is_active=True,
        )
        .select_related("consultant")
        .order_by("start", "pk")
        .first()
    )
    if to_prepare is None:
        raise NothingToMeasure(f"no booked conversation from today on in {centre}")
    consultant = to_prepare.consultant
    manager = staff(centre, Role.MANAGER)
    board_user = staff(centre, Role.BUSINESS_CONSULTANT, Role.JOB_CONSULTANT)
    user = citizen.user
    return [
        Page("home", "citizen home", CITIZEN_GOAL, user, reverse("dashboard:home"), notes=[who]),
        Page(
            "booking_week",
            "booking week view",
            CITIZEN_GOAL,
            user,
            week_url,
            notes=[f"topic #{topic.pk}, {len(slots)} free times in the bookable range"],
        ),
        Page(
            "booking_post",
            "booking POST",
            CITIZEN_GOAL,
            user,
            book_url,
            data=booking_form,
            undo=cancel_it,
            status=302,
            notes=[f"books {start:%Y-%m-%d %H:%M} and cancels it after each round"],
        ),
        Page("joblog", "Joblog list", CITIZEN_GOAL, user, reverse("joblog:list")),
        Page("plan", "Min Plan", CITIZEN_GOAL, user, reverse("plans:own")),
        Page(
            "prepare",
            "preparation view",
            STAFF_GOAL,
            consultant,
            reverse("conversations:prepare", args=[to_prepare.public_id]),
            notes=[f"consultant #{consultant.pk}, booking #{to_prepare.pk}"],
        ),
        Page(
            "board",
            "openings board",
            CITIZEN_GOAL,
            board_user,
            reverse("labour:board"),
            notes=[f"{board_user.role} #{board_user.pk}"],
        ),
        Page("suggestions", "job suggestions", CITIZEN_GOAL, user, reverse("suggestions:own")),
        Page(
            "dashboard",
            "dashboard",
            STAFF_GOAL,
            manager,
            reverse("kpis:dashboard"),
            notes=[f"manager #{manager.pk}"],
        ),
    ]


# --- Measuring one page -------------------------------------------------------------------


def _request(client: Client, page: Page) -> Callable[[], Any]:
    def get() -> Any:
        response = client.get(page.url)
        if response.status_code != page.status:
            raise RuntimeError(f"{page.url} answered {response.status_code}")
        return response

    def post() -> Any:
        assert page.data is not None
        response = client.post(page.url, page.data())
        if response.status_code != page.status:
            raise RuntimeError(f"POST {page.url} answered {response.status_code}")
        # The success message would pile up in the cookie, round after round.
        client.cookies.pop("messages", None)
        return response

    return post if page.data is not None else get


def _own_statements(client: Client, page: Page, fetch: Callable[[], Any]) -> list[Statement]:
    """The page's own statements: captured once (a write inside a transaction that is rolled
    back, so that it can be replayed), less what the empty page sends."""
    health = reverse("health")
    _, shared = capture(lambda: client.get(health))
    if page.data is None:
        _, statements = capture(fetch)
    else:
        with transaction.atomic():
            _, statements = capture(fetch)
            transaction.set_rollback(True)
    return replayable(without(statements, shared))


def measure_key_page(page: Page, repeats: int = REPEATS, warmup: int = WARMUP) -> dict:
    """One row: the query count and a, b and c of `page`, and whether its goal is met."""
    client = logged_in(page.user)
    fetch = _request(client, page)
    health = reverse("health")
    counts = []
    for _ in range(warmup):
        with CaptureQueriesContext(connection) as queries:
            fetch()
        counts.append(len(queries))
        client.get(health)
        if page.undo:
            page.undo()
    statements = _own_statements(client, page, fetch)
    rollback = page.data is not None

    def empty() -> None:
        response = client.get(health)
        assert response.status_code == 200

    times = side_by_side(
        {"a": lambda: replay(statements, rollback=rollback), "b": empty, "c": fetch},
        repeats,
        between=page.undo,
    )
    with CaptureQueriesContext(connection) as queries:
        fetch()
    counts.append(len(queries))
    if page.undo:
        page.undo()
    a, b, c = (summary(times[k]) for k in "abc")
    ratio = round(c["median_ms"] / (a["median_ms"] + b["median_ms"]), 2)
    return {
        "page": page.key,
        "queries": counts[-1] if len(set(counts[1:])) == 1 else sorted(set(counts)),
        "replayed": len(statements),
        "a_median_ms": a["median_ms"],
        "a_p95_ms": a["p95_ms"],
        "b_median_ms": b["median_ms"],
        "b_p95_ms": b["p95_ms"],
        "c_median_ms": c["median_ms"],
        "c_p95_ms": c["p95_ms"],
        "ratio": ratio,
        "goal": page.goal,
        "ok": ratio <= page.goal,
    }


def _empty_database() -> bool:
    return not JobCentre.objects.exists()


@contextmanager
def tasks_queued() -> Iterator[None]:
    """Background tasks are queued (in memory, never run), as the production queue does: a
    page's time is its request's, not the task consumer's (the test settings run them at once,
    inside the request, after the commit the replay of (a) never makes)."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    saved = HUEY._immediate, HUEY.storage
    HUEY._immediate, HUEY.storage = False, MemoryStorage(HUEY.name)
    try:
        yield
    finally:
        HUEY._immediate, HUEY.storage = saved


def measure_all(repeats: int = REPEATS, warmup: int = WARMUP) -> tuple[list[dict], list[str]]:
    """Every key page's row, and notes on whom each was measured as."""
    pages = key_pages()
    rows, notes = [], []
    with tasks_queued():
        for page in pages:
            rows.append(measure_key_page(page, repeats, warmup))
            notes += [f"{page.key}: {n}" for n in page.notes]
    return rows, notes


def _summary_line(rows: list[dict]) -> str:
    missed = [f"{r['page']} {r['ratio']}x > {r['goal']}x" for r in rows if not r["ok"]]
    worst = max(rows, key=lambda r: r["ratio"] / r["goal"])
    if missed and connection.vendor not in GOAL_VENDORS:
        return f"{connection.vendor}: shown, not judged (goals are PostgreSQL's): " + "; ".join(
            missed
        )
    if missed:
        return f"{len(missed)} of {len(rows)} pages miss their goal: " + "; ".join(missed)
    return (
        f"all {len(rows)} pages within their goal; closest: {worst['page']} "
        f"{worst['ratio']}x of {worst['goal']}x"
    )


@benchmark("key_pages")
def key_pages_benchmark(repeats: int = REPEATS, warmup: int = WARMUP, seed: bool = True) -> Result:
    if seed and _empty_database():
        call_command("seed_demo", stdout=io.StringIO())
    rows, notes = measure_all(repeats, warmup)
    return {
        "title": (
            "The key pages side by side: (a) their own SQL replayed raw, (b) the empty page "
            f"/healthz through all middleware, (c) the real page; {repeats} rounds after "
            f"{warmup} warm-ups, medians; goal c / (a + b) <= {CITIZEN_GOAL}x for the "
            f"citizens' pages, <= {STAFF_GOAL}x for the preparation view and the dashboard"
        ),
        "ok": all(row["ok"] for row in rows) or connection.vendor not in GOAL_VENDORS,
        "summary": _summary_line(rows),
        "repeats": repeats,
        "warmup": warmup,
        "subjects": notes,
        "rows": rows,
        "chart": {"x": "page", "y": "ratio"},
    }


# --- The same at two scales -----------------------------------------------------------------


def compare_scales(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One table: each page at each scale, compared with the smallest scale: the same query
    count, the real page's median growing <= GROWTH_GOAL, and its own goal met."""
    rows = []
    for index, small in enumerate(runs[0]["rows"]):
        for run in runs:
            row = run["rows"][index]
            growth = round(row["c_median_ms"] / small["c_median_ms"], 2)
            same = row["queries"] == small["queries"]
            rows.append(
                {
                    "run": f"{row['page']} @{run['citizens']}",
                    **{k: v for k, v in row.items() if k != "ok"},
                    "growth": growth,
                    "same_queries": same,
                    "ok": row["ok"] and same and growth <= GROWTH_GOAL,
                }
            )
    return rows


def scale_summary(rows: list[dict[str, Any]]) -> str:
    """Which page misses which goal, at which scale."""
    misses = []
    for row in rows:
        why = [f"{row['ratio']}x > {row['goal']}x"] if row["ratio"] > row["goal"] else []
        why += [f"grows {row['growth']}x"] if row["growth"] > GROWTH_GOAL else []
        why += ["other query count"] if not row["same_queries"] else []
        if why:
            misses.append(f"{row['run']}: {', '.join(why)}")
    pages = len({row["page"] for row in rows})
    if not misses:
        return f"all {pages} pages hold at every scale"
    return f"{len(misses)} misses: " + "; ".join(misses)


@benchmark("key_pages_scale")
def key_pages_scale_benchmark(
    urls: list[str] | None = None, repeats: int = REPEATS, warmup: int = WARMUP
) -> Result:
    """key_pages on each database given (smallest scale first), in one run, compared."""
    urls = urls if urls is not None else database_urls()
    if len(urls) < 2:
        raise NothingToMeasure("key_pages_scale needs two --database-url (scale 0.1 and 1.0)")
    runs: list[dict[str, Any]] = []
    pages: list[list[Page]] = []
    for url in urls:
        with connected_to(url) as name:
            pages.append(key_pages())
            runs.append(
                {
                    "database": name,
                    "citizens": Citizen.objects.count(),
                    "version": describe()["version"],
                    "rows": [],
                    "subjects": [f"{p.key}: {n}" for p in pages[-1] for n in p.notes],
                }
            )
    # Page by page, each scale in turn: whatever else the machine does weighs on both alike.
    with tasks_queued():
        for index in range(len(pages[0])):
            for url, run, its_pages in zip(urls, runs, pages, strict=True):
                with connected_to(url):
                    run["rows"].append(measure_key_page(its_pages[index], repeats, warmup))
    rows = compare_scales(runs)
    bad = [r for r in rows if not r["ok"]]
    return {
        "title": (
            f"The key pages at {len(runs)} scales in one run "
            f"({', '.join(r['database'] for r in runs)}, "
            f"{' vs '.join(str(r['citizens']) for r in runs)} citizens): the same query count, "
            f"the real page's median growing <= {GROWTH_GOAL}x, c / (a + b) within its goal at each"
        ),
        "ok": not bad,
        "summary": scale_summary(rows),
        "runs": runs,
        "rows": rows,
        "chart": {"x": "run", "y": "c_median_ms"},
    }
