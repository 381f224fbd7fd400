"""Races through the booking services, each caller on its own connection: many citizens after
one time, "first free" with a few consultants and rooms, and one citizen booking from many
tabs at once. Whatever the order, the losers get SlotTaken or a clear refusal, never another
error, and nothing ends up double-booked."""

import contextlib
import importlib
import itertools
import threading
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from booking.calendar import next_working_day
from booking.models import Booking, BookingRule, MeetingMode, Status
from booking.services import bookings as services
from booking.services.bookings import BookingRequest, SlotTaken
from booking.tests.concurrency import at_once, own_connections
from booking.tests.conftest import NOW, local
from booking.tests.factories import BookingFactory, RoomFactory, TopicFactory, working_week
from citizens.models import ExemptionReason
from citizens.tests.factories import CitizenFactory

#: Wednesday 10:00 in the week of NOW, well inside the booking window.
START = local(2026, 11, 25, 10, 0)


def outcomes(results: list) -> Counter:
    counts: Counter = Counter()
    for result in results:
        if isinstance(result, tuple):
            counts["booked"] += 1
        elif isinstance(result, SlotTaken):
            assert result.alternatives, "a lost race offers the nearest free times"
            counts["taken"] += 1
        elif isinstance(result, ValidationError):
            counts["refused"] += 1
        else:
            counts[repr(result)] += 1
    print(f"[{connection.vendor}]", dict(counts))  # the figures, with -s
    return counts


def book_call(citizen, topic, start, mode, consultant=None):
    request = BookingRequest(topic=topic, start=start, mode=mode, consultant=consultant)
    return lambda: services.book(citizen=citizen, request=request, actor=citizen.user, now=NOW)


def consultants_offering(centre, n: int):
    people = [StaffFactory(job_centre=centre) for _ in range(n)]
    for person in people:
        working_week(person)
    return people, TopicFactory(job_centre=centre, consultants=people)


def assert_no_overlaps(bookings: list[Booking], key) -> None:
    for a, b in itertools.combinations(bookings, 2):
        if key(a) == key(b):
            assert a.blocked_until <= b.start or b.blocked_until <= a.start, (a, b)


MODES = [MeetingMode.IN_PERSON, MeetingMode.VIDEO]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", MODES)
def test_fifty_citizens_one_named_consultant(centre, tmp_path, mode):
    """One wins; 49 are told the time was just taken and offered others."""
    (consultant,), topic = consultants_offering(centre, 1)
    RoomFactory(job_centre=centre), RoomFactory(job_centre=centre)
    calls = [
        book_call(CitizenFactory(job_centre=centre), topic, START, mode, consultant)
        for _ in range(50)
    ]
    with own_connections(tmp_path) as connect:
        counts = outcomes(at_once(calls, connect))
        assert counts == {"booked": 1, "taken": 49}
        booking = Booking.objects.get()
        assert (booking.start, booking.consultant_id) == (START, consultant.pk)
        assert (booking.room is not None) == (mode == MeetingMode.IN_PERSON)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", MODES)
def test_first_free_fills_every_free_consultant_and_room(centre, tmp_path, mode):
    """Four consultants, two rooms: in person two conversations fit, by video four. "First
    free" goes on to the next free consultant and room before it gives up."""
    _people, topic = consultants_offering(centre, 4)
    RoomFactory(job_centre=centre), RoomFactory(job_centre=centre)
    calls = [book_call(CitizenFactory(job_centre=centre), topic, START, mode) for _ in range(30)]
    fits = 2 if mode == MeetingMode.IN_PERSON else 4
    with own_connections(tmp_path) as connect:
        counts = outcomes(at_once(calls, connect))
        assert counts == {"booked": fits, "taken": 30 - fits}
        bookings = list(Booking.objects.all())
        assert len({b.consultant_id for b in bookings}) == fits
        if mode == MeetingMode.IN_PERSON:
            assert len({b.room_id for b in bookings}) == fits


@pytest.mark.django_db(transaction=True)
def test_one_citizen_thirty_tabs_at_once(centre, tmp_path):
    """Thirty bookings from one citizen at once, with ten consultants and times that overlap
    in pairs: never two conversations at once, never more than the rule's three coming ones."""
    people, topic = consultants_offering(centre, 10)
    citizen = CitizenFactory(job_centre=centre)
    # Four pairs of overlapping times: any choice without overlaps has room for four.
    starts = [
        local(2026, 11, day, hour, minute)
        for day, hour in ((25, 9), (25, 13), (26, 10), (26, 13))
        for minute in (0, 30)
    ]
    calls = [
        book_call(citizen, topic, starts[i % len(starts)], MeetingMode.VIDEO, people[i % 10])
        for i in range(30)
    ]
    with own_connections(tmp_path) as connect:
        counts = outcomes(at_once(calls, connect))
        assert counts["booked"] == 3
        assert counts["booked"] + counts["taken"] + counts["refused"] == 30
        bookings = list(Booking.objects.filter(citizen=citizen))
        assert len(bookings) == 3
        for a, b in itertools.combinations(bookings, 2):
            assert a.end <= b.start or b.end <= a.start, (a, b)


@pytest.mark.django_db(transaction=True)
def test_thirty_tabs_at_the_same_minute_give_one_booking(centre, tmp_path):
    """The browser-tab case: the same minute with ten different consultants."""
    people, topic = consultants_offering(centre, 10)
    citizen = CitizenFactory(job_centre=centre)
    calls = [book_call(citizen, topic, START, MeetingMode.VIDEO, people[i % 10]) for i in range(30)]
    with own_connections(tmp_path) as connect:
        counts = outcomes(at_once(calls, connect))
        assert counts["booked"] == 1 and counts["refused"] + counts["taken"] == 29, counts
        assert Booking.objects.filter(citizen=citizen).count() == 1


# --- The citizen's own time, one call after another -----------------------------------------


@pytest.fixture
def two_consultants(centre):
    return consultants_offering(centre, 2)


def test_a_citizen_cannot_book_two_conversations_at_once(citizen, two_consultants):
    (first, second), topic = two_consultants
    book_call(citizen, topic, START, MeetingMode.PHONE, first)()
    with pytest.raises(ValidationError) as error:
        book_call(citizen, topic, START + timedelta(minutes=30), MeetingMode.PHONE, second)()
    assert "start" in error.value.message_dict
    assert "Du har allerede en samtale" in str(error.value)
    # After the first one has ended, the citizen is free again.
    _booking, created = book_call(
        citizen, topic, START + timedelta(minutes=60), MeetingMode.PHONE, second
    )()
    assert created and Booking.objects.filter(citizen=citizen).count() == 2


def test_a_cancelled_conversation_does_not_hold_the_citizen(citizen, two_consultants):
    (first, second), topic = two_consultants
    booking, _ = book_call(citizen, topic, START, MeetingMode.PHONE, first)()
    services.cancel_by_citizen(booking=booking, actor=citizen.user, now=NOW)
    _again, created = book_call(citizen, topic, START, MeetingMode.PHONE, second)()
    assert created


def test_a_summons_cannot_clash_with_the_citizens_own_booking(citizen, two_consultants):
    (first, second), topic = two_consultants
    citizen.self_booking_exempt = True
    citizen.self_booking_exemption_reason = ExemptionReason.values[0]
    citizen.save()
    book_call(citizen, topic, START, MeetingMode.PHONE, first)()
    request = BookingRequest(topic=topic, start=START, mode=MeetingMode.PHONE, consultant=second)
    with pytest.raises(ValidationError) as error:
        services.summon(citizen=citizen, request=request, actor=second, now=NOW)
    assert "start" in error.value.message_dict
    assert Booking.objects.filter(citizen=citizen).count() == 1


def test_moving_a_booking_onto_another_of_ones_own_is_refused(citizen, two_consultants):
    (first, second), topic = two_consultants
    book_call(citizen, topic, START, MeetingMode.PHONE, first)()
    later, _ = book_call(citizen, topic, local(2026, 11, 26, 10, 0), MeetingMode.PHONE, second)()
    with pytest.raises(ValidationError) as error:
        services.reschedule(
            booking=later, start=START + timedelta(minutes=30), actor=citizen.user, now=NOW
        )
    assert "start" in error.value.message_dict
    later.refresh_from_db()
    assert later.start == local(2026, 11, 26, 10, 0)
    # Moving a booking within its own time is not a clash with itself.
    moved = services.reschedule(
        booking=later, start=local(2026, 11, 26, 10, 30), actor=citizen.user, now=NOW
    )
    assert moved.start == local(2026, 11, 26, 10, 30)


def test_the_open_bookings_limit_says_so(citizen, two_consultants):
    (first, _second), topic = two_consultants
    BookingRule.objects.create(job_centre=citizen.job_centre, max_open_bookings=1)
    book_call(citizen, topic, START, MeetingMode.PHONE, first)()
    with pytest.raises(ValidationError) as error:
        book_call(citizen, topic, local(2026, 11, 26, 10, 0), MeetingMode.PHONE, first)()
    assert "Du har allerede 1 kommende samtale" in str(error.value)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_citizens_overlapping_bookings(citizen, two_consultants):
    """The last guard on PostgreSQL: an exclusion constraint on the citizen's active times,
    whatever wrote the rows."""
    (first, second), topic = two_consultants
    BookingFactory(citizen=citizen, consultant=first, topic=topic, start=START)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            citizen=citizen, consultant=second, topic=topic, start=START + timedelta(minutes=30)
        )
    cancelled = BookingFactory(
        citizen=citizen,
        consultant=second,
        topic=topic,
        start=START + timedelta(minutes=30),
        status=Status.CANCELLED_BY_CITIZEN,
    )
    assert cancelled.pk and Booking.objects.filter(citizen=citizen).count() == 2


@pytest.mark.postgres
def test_the_migration_lists_overlaps_made_before_the_guard(citizen, two_consultants):
    """Overlaps from before the constraint stop the migration, named, rather than being
    cancelled behind the job centre's back."""
    migration = importlib.import_module("booking.migrations.0007_citizen_no_overlap")
    (first, second), topic = two_consultants
    with connection.schema_editor(atomic=False) as editor:
        migration.backward(None, editor)
        a = BookingFactory(citizen=citizen, consultant=first, topic=topic, start=START)
        b = BookingFactory(citizen=citizen, consultant=second, topic=topic, start=START)
        editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks before ALTER
        with pytest.raises(RuntimeError) as error:
            migration.forward(None, editor)
        assert f"{a.public_id} and {b.public_id}" in str(error.value)
        b.delete()
        editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        migration.forward(None, editor)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_waiting_bookings_do_not_deadlock_when_the_one_they_wait_for_is_undone(centre):
    """The deadlock seen under load, made to happen every time: two in-person bookings of one
    consultant both wait for a third, uncommitted insert of the same time and room. When that
    one is rolled back, both wake at once; with both their rows already in the constraint's
    index, each would wait for the other. Queued on the consultant's lock instead, the first
    books and the second is told the time is taken."""
    (consultant,), topic = consultants_offering(centre, 1)
    room = RoomFactory(job_centre=centre)
    first, second, other = (CitizenFactory(job_centre=centre) for _ in range(3))
    inserted, release = threading.Event(), threading.Event()

    def undone_insert() -> str:
        with contextlib.suppress(RuntimeError), transaction.atomic():
            BookingFactory(
                citizen=other, consultant=consultant, topic=topic, start=START, room=room
            )
            inserted.set()
            release.wait(timeout=60)
            raise RuntimeError("rolled back")
        return "rolled back"

    calls = [book_call(c, topic, START, MeetingMode.IN_PERSON, consultant) for c in (first, second)]
    results: list = []
    blocker = threading.Thread(target=lambda: results.append(at_once([undone_insert], None)))
    blocker.start()
    try:
        assert inserted.wait(timeout=30)
        bookers = threading.Thread(target=lambda: results.append(at_once(calls, None)))
        bookers.start()
        _wait_until_waiting(2)
    finally:
        release.set()
        blocker.join(timeout=60)
    bookers.join(timeout=60)
    counts = outcomes(results[-1])
    assert counts == {"booked": 1, "taken": 1}
    assert Booking.objects.get().citizen in (first, second)


def _wait_until_waiting(n: int) -> None:
    """Until `n` other connections wait for a lock (a row's or an advisory one)."""
    for _ in range(200):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"
            )
            if cursor.fetchone()[0] >= n:
                return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {n} connections came to wait")


def test_the_booking_page_names_the_conversation_the_citizen_already_has(
    client, citizen, topic, consultant, centre
):
    """The web flow: the clash is told in Danish on the confirm page, nothing is saved."""
    colleague = StaffFactory(job_centre=centre)
    working_week(colleague)
    topic.consultants.add(colleague)
    start = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    start = datetime.combine(next_working_day(start.date()), start.timetz())
    BookingFactory(citizen=citizen, consultant=colleague, topic=topic, start=start)
    client.force_login(citizen.user)
    tid = start.strftime("%Y-%m-%dT%H:%M")
    url = f"{reverse('booking:start')}?emne={topic.pk}&konsulent={consultant.pk}&tid={tid}"
    page = client.post(url, {"mode": "telefon", "submission_token": str(uuid.uuid4())})
    assert page.status_code == 400
    assert "Du har allerede en samtale fra kl. 10.00 til 10.45 den dag" in page.content.decode()
    assert Booking.objects.count() == 1
