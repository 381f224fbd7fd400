"""A simulated fortnight: the periodic tasks run as huey's scheduler would run them, every five
minutes of simulated time, while citizens book, move and cancel, get deadlines and lose them
(through the real services), and staff and citizens open their main pages at odd moments.
Then the rules that must hold whatever the clock says are checked:

- nothing is sent in the centre's quiet hours (here 21-08: not the default 22-09), and nothing
  at night in any case (22-08 Copenhagen time, quiet under both);
- no message about something withdrawn or changed is sent after the change (a reminder of a
  booking that was moved or cancelled, of a deadline that was withdrawn or met);
- no reminder of a conversation is sent once it has started;
- no deadline falls on a day the citizen cannot book (weekend, public holiday, the centre's
  closing days, the citizen's absence);
- no page answers with a server error.

Two stretches: 18 December 2026 to 1 January 2027 (nights, weekends, Christmas, New Year's
Eve, the centre closed on the 24th and the 31st) and the week around the October
daylight-saving change (25 October 2026, when 02:00-03:00 happens twice). The clock moves in
UTC, so the repeated hour is lived through twice.

Each stretch runs once per module (a module-scoped database transaction, rolled back at the
end) and each rule is its own test."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from importlib import import_module
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import timezone

#: Each test only reads what the module's stretch found; the marker has the test database made.
pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
STEP = timedelta(minutes=5)

#: The periodic tasks the fortnight runs (every periodic task of these modules).
TASK_MODULES = [
    "booking.tasks",
    "notifications.tasks",
    "suggestions.tasks",
    "joblog.tasks",
    "cv.tasks",
    "evaluations.tasks",
    "kpis.tasks",
]


def local(year, month, day, hour=0, minute=0, fold=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CPH, fold=fold)


@dataclass
class World:
    centre: Any
    consultants: list
    topic: Any
    citizens: dict
    bookings: dict = field(default_factory=dict)
    #: what was changed when: ("booking", pk) or ("deadline", pk) -> [(moment, old start/None)]
    changes: dict = field(default_factory=dict)
    pages: list = field(default_factory=list)


# --- what people do ------------------------------------------------------------------------


def book(name: str, start: datetime, key: str | None = None):
    def act(world: World, now: datetime):
        from booking.models import BookingDeadline, MeetingMode
        from booking.services import bookings as services

        citizen = world.citizens[name]
        request = services.BookingRequest(
            topic=world.topic, start=start, mode=MeetingMode.PHONE, consultant=None
        )
        booking, _created = services.book(
            citizen=citizen, request=request, actor=citizen.user, now=now
        )
        world.bookings[key or name] = booking
        for item in BookingDeadline.objects.filter(fulfilled_by=booking):  # met by it
            world.changes.setdefault(("deadline", item.pk), []).append(now)

    return act


def move(key: str, start: datetime):
    def act(world: World, now: datetime):
        from booking.services import bookings as services

        booking = world.bookings[key]
        booking.refresh_from_db()
        world.changes.setdefault(("booking", booking.pk), []).append(now)
        services.reschedule(booking=booking, start=start, actor=booking.citizen.user, now=now)

    return act


def cancel(key: str, by_centre: bool = False):
    def act(world: World, now: datetime):
        from booking.services import bookings as services

        booking = world.bookings[key]
        booking.refresh_from_db()
        world.changes.setdefault(("booking", booking.pk), []).append(now)
        if by_centre:
            services.cancel_by_centre(
                booking=booking,
                actor=world.consultants[0],
                reason="Konsulenten er syg",
                now=now,
            )
        else:
            services.cancel_by_citizen(booking=booking, actor=booking.citizen.user, now=now)

    return act


def held(key: str):
    def act(world: World, now: datetime):
        from booking.models import Status
        from booking.services import bookings as services

        booking = world.bookings[key]
        booking.refresh_from_db()
        services.mark_outcome(
            booking=booking, status=Status.HELD, actor=booking.consultant, now=now
        )

    return act


def withdraw_deadline(name: str):
    def act(world: World, now: datetime):
        from booking import deadlines
        from booking.models import BookingDeadline, DeadlineStatus

        for item in BookingDeadline.objects.filter(
            citizen=world.citizens[name], status=DeadlineStatus.OPEN
        ):
            world.changes.setdefault(("deadline", item.pk), []).append(now)
            deadlines.withdraw(item=item)

    return act


def visit_pages(world: World, now: datetime):
    """The citizens' and a consultant's main pages, answered at `now`."""
    from accounts.two_factor import MFA_BY_IDP

    visitors = [(c.user, ["/", "/samtaler/"]) for c in world.citizens.values()]
    visitors.append((world.consultants[0], ["/", "/kalender/", "/kalender/uge/"]))
    for user, urls in visitors:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        if not user.is_citizen:
            session = client.session
            session[MFA_BY_IDP] = True
            session.save()
        for url in urls:
            response = client.get(url)
            world.pages.append((now, user.username, url, response.status_code))


# --- the stretches -------------------------------------------------------------------------


def christmas_plan() -> tuple[datetime, datetime, list[tuple[datetime, Callable]], list[date]]:
    closed = [date(2026, 12, 24), date(2026, 12, 31)]
    plan = [
        # Friday morning, after the 07:00 run gave everyone a deadline (Monday 28th).
        (local(2026, 12, 18, 8, 3), book("anna", local(2026, 12, 21, 10))),
        (local(2026, 12, 18, 8, 4), book("bent", local(2026, 12, 22, 9))),
        (local(2026, 12, 18, 8, 5), book("carl", local(2026, 12, 23, 13))),
        (local(2026, 12, 18, 8, 6), book("emil", local(2026, 12, 28, 11))),
        (local(2026, 12, 20, 21, 30), move("carl", local(2026, 12, 23, 14))),  # centre quiet
        (local(2026, 12, 20, 23, 55), visit_pages),  # Sunday night
        # Monday before 09:00: the reminder of Bent's Tuesday 09:00 waits for 09:00.
        (local(2026, 12, 21, 8, 3), move("bent", local(2026, 12, 22, 14))),
        (local(2026, 12, 21, 10, 50), held("anna")),
        # Late in the evening for 09:00 tomorrow: everything waits until 09:00.
        (local(2026, 12, 21, 22, 33), book("dora", local(2026, 12, 22, 9))),
        # Tuesday before 09:00: the reminder of Carl's Wednesday is waiting.
        (local(2026, 12, 22, 8, 33), cancel("carl")),
        (local(2026, 12, 24, 0, 5), visit_pages),  # Christmas Eve, closed
        (local(2026, 12, 26, 8, 3), withdraw_deadline("frida")),  # reminded at 07:00
        (local(2026, 12, 26, 8, 13), book("gert", local(2026, 12, 28, 13))),
        (local(2026, 12, 27, 23, 10), cancel("emil", by_centre=True)),
        (local(2026, 12, 30, 12, 0), visit_pages),
        (local(2026, 12, 31, 23, 59), visit_pages),  # New Year's Eve, closed
    ]
    return local(2026, 12, 18, 0, 0), local(2027, 1, 1, 0, 0), plan, closed


def dst_plan() -> tuple[datetime, datetime, list[tuple[datetime, Callable]], list[date]]:
    plan = [
        (local(2026, 10, 23, 8, 3), book("carl", local(2026, 10, 27, 10))),
        (local(2026, 10, 24, 21, 3), book("anna", local(2026, 10, 26, 9))),
        (local(2026, 10, 25, 2, 30, fold=0), visit_pages),  # 02:30 summer time
        (local(2026, 10, 25, 2, 30, fold=1), visit_pages),  # 02:30 again, winter time
        (local(2026, 10, 25, 22, 33), book("dora", local(2026, 10, 26, 9))),
        (local(2026, 10, 26, 8, 3), move("carl", local(2026, 10, 27, 13))),
        (local(2026, 10, 26, 9, 50), held("anna")),
        (local(2026, 10, 27, 8, 3), withdraw_deadline("frida")),
    ]
    return local(2026, 10, 21, 0, 0), local(2026, 10, 29, 0, 0), plan, []


PLANS = {"christmas": christmas_plan, "dst": dst_plan}


def make_world(closed: list[date]) -> World:
    from accounts.tests.factories import StaffFactory
    from booking.models import BookingRule, ClosingDay
    from booking.tests.factories import TopicFactory, working_week
    from centres.tests.factories import JobCentreFactory
    from citizens.tests.factories import CitizenFactory

    centre: Any = JobCentreFactory(
        name="Jobcenter Simulation", quiet_hours_start=time(21), quiet_hours_end=time(8)
    )
    consultants = [
        StaffFactory(job_centre=centre, username=f"sim-jc{n}", name=f"Konsulent {n}")
        for n in (1, 2)
    ]
    for consultant in consultants:
        working_week(consultant)
    topic = TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=consultants)
    # Citizens may move or cancel until 2 hours before; everyone is given a booking deadline
    # after 14 days without a conversation.
    BookingRule.objects.create(
        job_centre=centre, cancel_cutoff_hours=2, deadline_every_days=14, max_open_bookings=3
    )
    for day in closed:
        ClosingDay.objects.create(job_centre=centre, date=day, name="Lukket")
    citizens = {
        name: CitizenFactory(
            job_centre=centre,
            responsible_consultant=consultants[0],
            user__username=f"sim-{name}",
            registered_on=date(2026, 6, 1),
        )
        for name in ("anna", "bent", "carl", "dora", "emil", "frida", "gert")
    }
    return World(centre=centre, consultants=consultants, topic=topic, citizens=citizens)


def periodic_tasks_due(at: datetime) -> list:
    """What huey's scheduler would start at `at`: it asks with a naive UTC time."""
    from huey.contrib.djhuey import HUEY

    for module in TASK_MODULES:
        import_module(module)
    naive_utc = at.astimezone(UTC).replace(tzinfo=None)
    return [t for t in HUEY.read_periodic(naive_utc) if type(t).__module__ in TASK_MODULES]


def live_through(stretch: str) -> dict:
    """Runs the stretch and returns what each rule found wrong, and what happened."""
    from notifications import tasks as notification_tasks

    first, last, plan, closed = PLANS[stretch]()
    plan = sorted(plan, key=lambda item: item[0].astimezone(UTC))
    with time_machine.travel(first, tick=False) as traveller:
        world = make_world(closed)
        ran: dict[str, int] = {}
        moment = first.astimezone(UTC)
        while moment <= last.astimezone(UTC):
            while plan and plan[0][0].astimezone(UTC) <= moment:
                at, act = plan.pop(0)
                traveller.move_to(at)
                act(world, timezone.now())
                # notify() asks for a delivery once its transaction commits (huey immediate).
                notification_tasks.deliver_notifications.call_local()
            traveller.move_to(moment)
            for task in periodic_tasks_due(moment):
                task.execute()
                ran[task.name] = ran.get(task.name, 0) + 1
            moment += STEP
        return check(world, closed) | {"ran": ran}


def check(world: World, closed: list[date]) -> dict:
    from booking.calendar import WorkingCalendar
    from booking.models import Booking, BookingDeadline
    from notifications.models import Notification

    sent = [
        (n, n.sent_at)
        for n in Notification.objects.order_by("sent_at", "pk")
        if n.sent_at is not None
    ]
    centre = world.centre
    quiet, night = [], []
    for n, sent_at in sent:
        at = sent_at.astimezone(CPH)
        if not centre.quiet_hours_end <= at.time() < centre.quiet_hours_start:
            quiet.append(f"{n.key} at {at:%a %d %b %H:%M}")
        if not time(8) <= at.time() < time(22):
            night.append(f"{n.key} at {at:%a %d %b %H:%M}")
    stale, late = [], []
    for n, sent_at in sent:
        kind, pk, *rest = n.key.split(":")
        changed = [at for at in world.changes.get((kind, int(pk)), []) if at <= sent_at]
        if kind == "booking":
            booking = Booking.objects.get(pk=pk)
            if rest[0] == "reminder":
                starts = datetime.fromisoformat(":".join(rest[1:]))
                if sent_at >= starts:
                    late.append(f"{n.key} at {sent_at.astimezone(CPH):%a %d %b %H:%M}")
                if changed and n.created_at < changed[-1]:
                    stale.append(f"{n.key}: {booking.get_status_display()}, {booking.start}")
        elif kind == "deadline" and changed and n.created_at < changed[-1]:
            stale.append(f"{n.key}: {BookingDeadline.objects.get(pk=pk).status}")
    off_days = [
        f"{item.citizen.user.username}: {item.deadline:%a %d %b}"
        for item in BookingDeadline.objects.select_related("citizen__user")
        if not WorkingCalendar.for_citizen(item.citizen, item.deadline).is_working_day(
            item.deadline
        )
    ]
    errors = [page for page in world.pages if page[3] >= 500]
    return {
        "quiet": quiet,
        "night": night,
        "stale": stale,
        "late": late,
        "deadlines": off_days,
        "errors": errors,
        "sent": [n.key for n, _sent_at in sent],
        "bookings": Booking.objects.filter(job_centre=world.centre).count(),
        "deadlines_given": BookingDeadline.objects.filter(citizen__job_centre=world.centre).count(),
        "pages": world.pages,
    }


@pytest.fixture(scope="module", params=sorted(PLANS))
def lived(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        found = live_through(request.param)
        transaction.set_rollback(True)
    return request.param, found


def test_the_stretch_happened(lived):
    """The rules below are checked against something: the tasks ran on their schedule, people
    booked and were reminded, deadlines were given, pages were visited."""
    stretch, found = lived
    days = 14 if stretch == "christmas" else 8
    assert found["ran"]["deliver_notifications_periodically"] >= days * 24 * 12 - 12
    assert found["ran"]["send_booking_reminders"] >= days * 24 * 6 - 6
    assert found["ran"]["daily_deadlines"] == days
    assert found["ran"]["nightly_snapshots"] >= days
    assert found["bookings"] >= 3
    assert found["deadlines_given"] >= 3
    assert any(":reminder:" in key and key.startswith("booking:") for key in found["sent"])
    assert any(key.startswith("deadline:") for key in found["sent"])
    assert found["pages"]


def test_nothing_is_sent_in_the_centres_quiet_hours(lived):
    _stretch, found = lived
    assert not found["quiet"], "\n".join(map(str, found["quiet"]))


def test_nothing_is_sent_at_night(lived):
    _stretch, found = lived
    assert not found["night"], "\n".join(map(str, found["night"]))


def test_no_message_about_a_withdrawn_or_changed_thing(lived):
    _stretch, found = lived
    assert not found["stale"], "\n".join(map(str, found["stale"]))


def test_no_reminder_after_its_conversation_began(lived):
    _stretch, found = lived
    assert not found["late"], "\n".join(map(str, found["late"]))


def test_no_deadline_on_a_day_the_citizen_cannot_book(lived):
    _stretch, found = lived
    assert not found["deadlines"], "\n".join(map(str, found["deadlines"]))


def test_no_page_fails(lived):
    _stretch, found = lived
    assert not found["errors"], "\n".join(map(str, found["errors"]))
