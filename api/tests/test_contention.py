"""Races through the whole request path (threaded live server, ATOMIC_REQUESTS, commit):
twenty citizens ask for one time at the same moment, with a named consultant or "first free",
by phone, video or in person (a consultant and a room); one citizen books from thirty tabs at
once; and overlapping bookings inserted side by side. No response is a server error; the
losers get 409 with other times, or 422 with the reason."""

import http.client
import itertools
import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.testcases import LiveServerThread

from accounts.tests.factories import StaffFactory
from api.services import api_token_create
from api.tests.conftest import bookable_start
from booking.calendar import next_working_day
from booking.models import Booking, MeetingMode
from booking.tests.concurrency import RACE_BUSY_TIMEOUT, own_connections
from booking.tests.factories import RoomFactory, TopicFactory, working_week
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory

CITIZENS = 20


def _post_at_once(base_url: str, path: str, requests: list[tuple[dict, str]]) -> list:
    """POSTs each (body, token) from its own thread, all released together by a barrier."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)
    address = urlsplit(base_url)

    def post(i: int, body: dict, secret: str) -> None:
        conn = http.client.HTTPConnection(
            address.hostname or "localhost", address.port, timeout=120
        )
        try:
            conn.connect()
            barrier.wait(timeout=30)
            conn.request(
                "POST",
                path,
                body=json.dumps(body),
                headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
            )
            response = conn.getresponse()
            results[i] = (response.status, json.loads(response.read()))
        except Exception as error:  # recorded and asserted on below
            results[i] = ("error", repr(error))
        finally:
            conn.close()

    threads = [
        threading.Thread(target=post, args=(i, body, secret))
        for i, (body, secret) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return results


class _FileDatabaseServer(ThreadedWSGIServer):
    """Each request thread gets its own connection to the database file."""

    connect: Callable[[], BaseDatabaseWrapper]

    def process_request_thread(self, request, client_address):
        connections[DEFAULT_DB_ALIAS] = self.connect()
        super().process_request_thread(request, client_address)  # closes it when done


class _FileDatabaseServerThread(LiveServerThread):
    server_class = _FileDatabaseServer

    def __init__(self, connect: Callable[[], BaseDatabaseWrapper]):
        super().__init__("localhost", StaticFilesHandler)
        self.connect = connect

    def _create_server(self, connections_override=None):
        server = super()._create_server(connections_override=None)
        server.connect = self.connect
        return server


@contextmanager
def _sqlite_file_server(directory: Path, timeout: float = RACE_BUSY_TIMEOUT) -> Iterator[str]:
    """A live server over a file copy of the in-memory test database (see
    booking.tests.concurrency). pytest-django's `live_server` hands its request threads the
    one in-memory connection, so concurrent requests would share one transaction; with a file
    each request has its own connection and SQLite's IMMEDIATE transactions queue the writers,
    as in production. The test thread reads the file too until the block ends."""
    with own_connections(directory, timeout) as connect:
        assert connect is not None
        server = _FileDatabaseServerThread(connect)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            yield f"http://{server.host}:{server.port}"
        finally:
            server.terminate()


@pytest.fixture
def serve(request, tmp_path):
    """A context manager giving the base URL of a threaded live server on the suite's
    database, each request on its own connection."""
    if connection.vendor == "sqlite":
        return partial(_sqlite_file_server, tmp_path)
    return partial(nullcontext, request.getfixturevalue("live_server").url)


def _statuses(results: list) -> Counter:
    counts = Counter(str(r[0]) for r in results)
    print(f"[{connection.vendor}]", dict(counts))  # the figures, with -s
    assert not [r for r in results if r[0] == "error" or r[0] >= 500], results
    return counts


def _secrets(centre, n: int) -> list[str]:
    return [
        api_token_create(user=citizen.user, name="race")[1]
        for citizen in [cast(Citizen, CitizenFactory(job_centre=centre)) for _ in range(n)]
    ]


def _consultants(centre, n: int) -> list:
    people = [StaffFactory(job_centre=centre) for _ in range(n)]
    for person in people:
        working_week(person)
    return people


def _twenty_citizens_book_the_same_time(serve, centre, consultant):
    """`serve()` is a context manager giving the base URL of a live server."""
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant], modes=["telefon"])
    secrets = _secrets(centre, CITIZENS)
    start = bookable_start()
    body = {"topic": topic.pk, "consultant": consultant.pk, "start": start.isoformat()}
    body["mode"] = "telefon"

    with serve() as base_url:
        results = _post_at_once(base_url, "/api/v1/bookings", [(body, s) for s in secrets])

        statuses = sorted(str(r[0]) for r in results)
        assert statuses == ["201"] + ["409"] * (CITIZENS - 1), results
        taken = [r[1] for r in results if r[0] == 409]
        assert all(t["detail"] and "alternatives" in t for t in taken)
        booking = Booking.objects.get()
        assert booking.start == start and booking.consultant_id == consultant.pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_citizens_one_time_one_booking_postgres(live_server, centre, consultant):
    """PostgreSQL: the twenty requests run their transactions side by side; all but one
    INSERT fail on the exclusion constraint and answer 409."""
    _twenty_citizens_book_the_same_time(lambda: nullcontext(live_server.url), centre, consultant)


@pytest.mark.django_db(transaction=True)
def test_twenty_citizens_one_time_one_booking(serve, centre, consultant):
    """On whichever database the suite runs: SQLite serializes the writers (IMMEDIATE
    transactions), so each later request finds the time taken."""
    _twenty_citizens_book_the_same_time(serve, centre, consultant)


@pytest.mark.django_db(transaction=True)
def test_twenty_citizens_one_consultant_in_person(serve, centre):
    """In person a booking takes a consultant and a room: the two guards must not deadlock."""
    (consultant,) = _consultants(centre, 1)
    RoomFactory(job_centre=centre), RoomFactory(job_centre=centre)
    topic = TopicFactory(job_centre=centre, consultants=[consultant], modes=["fremmoede"])
    body = {"topic": topic.pk, "consultant": consultant.pk, "mode": "fremmoede"}
    body["start"] = bookable_start().isoformat()
    secrets = _secrets(centre, CITIZENS)
    with serve() as base_url:
        counts = _statuses(
            _post_at_once(base_url, "/api/v1/bookings", [(body, s) for s in secrets])
        )
        assert counts == {"201": 1, "409": CITIZENS - 1}
        assert Booking.objects.get().room is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("mode", "fits"), [("fremmoede", 2), ("video", 4)])
def test_twenty_citizens_first_free(serve, centre, mode, fits):
    """ "Første ledige" with four consultants and two rooms: every free consultant (and, in
    person, room) is booked once, the rest get 409 with other times."""
    people = _consultants(centre, 4)
    RoomFactory(job_centre=centre), RoomFactory(job_centre=centre)
    topic = TopicFactory(job_centre=centre, consultants=people, modes=[mode])
    body = {"topic": topic.pk, "mode": mode, "start": bookable_start().isoformat()}
    secrets = _secrets(centre, CITIZENS)
    with serve() as base_url:
        results = _post_at_once(base_url, "/api/v1/bookings", [(body, s) for s in secrets])
        counts = _statuses(results)
        assert counts == {"201": fits, "409": CITIZENS - fits}
        assert all(r[1]["alternatives"] for r in results if r[0] == 409)
        bookings = list(Booking.objects.all())
        assert len({b.consultant_id for b in bookings}) == fits
        assert len({b.room_id for b in bookings}) == (fits if mode == "fremmoede" else 1)


@pytest.mark.django_db(transaction=True)
def test_one_citizen_thirty_requests_at_once(serve, centre):
    """Ten tabs times three, each with another consultant: one citizen gets at most the rule's
    three coming conversations and never two at once; the rest 409 or 422 with the reason."""
    people = _consultants(centre, 10)
    topic = TopicFactory(job_centre=centre, consultants=people, modes=["video"])
    citizen = CitizenFactory(job_centre=centre)
    _token, secret = api_token_create(user=citizen.user, name="tabs")
    first = bookable_start()
    second = first + (next_working_day(first.date() + timedelta(days=1)) - first.date())
    # Four pairs of overlapping times: any choice without overlaps has room for four.
    starts = [d + timedelta(minutes=m) for d in (first, second) for m in (0, 30, 180, 210)]
    bodies = [
        {
            "topic": topic.pk,
            "consultant": people[i % 10].pk,
            "mode": "video",
            "start": starts[i % len(starts)].isoformat(),
        }
        for i in range(30)
    ]
    with serve() as base_url:
        results = _post_at_once(base_url, "/api/v1/bookings", [(b, secret) for b in bodies])
        counts = _statuses(results)
        assert counts["201"] == 3 and counts["409"] + counts["422"] == 27, counts
        assert all(r[1].get("errors") for r in results if r[0] == 422)
        bookings = list(Booking.objects.filter(citizen=citizen))
        assert len(bookings) == 3
        for a, b in itertools.combinations(bookings, 2):
            assert a.end <= b.start or b.end <= a.start, (a, b)


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_database_busy_past_its_wait_answers_503_not_500(tmp_path, centre, consultant):
    """SQLite: a writer waits for the lock for the busy timeout (20 s in production, a
    fraction of a second here); a request still waiting then gets 503 and "try again" in
    Danish, nothing saved, and the next request books."""
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant], modes=["telefon"])
    body = {"topic": topic.pk, "mode": "telefon", "start": bookable_start().isoformat()}
    (secret,) = _secrets(centre, 1)
    with _sqlite_file_server(tmp_path, timeout=0.2) as base_url:
        with closing(sqlite3.connect(tmp_path / "race.sqlite3")) as holder:
            holder.execute("BEGIN IMMEDIATE")  # another writer holding the lock
            ((status, answer),) = _post_at_once(base_url, "/api/v1/bookings", [(body, secret)])
            holder.rollback()
        assert status == 503 and "Prøv igen" in answer["detail"], answer
        assert not Booking.objects.exists()
        ((status, answer),) = _post_at_once(base_url, "/api/v1/bookings", [(body, secret)])
        assert status == 201, answer


def _insert_side_by_side(first: dict, second: dict) -> dict[str, str]:
    """Inserts `first` in one transaction and, while it is still open, `second` in another.
    Returns each outcome, and under "second" "waited" whether the second insert had to wait
    for the first transaction to end (as a conflict on the exclusion constraint makes it)."""
    outcome: dict[str, str] = {}
    first_inserted, release_first = threading.Event(), threading.Event()

    def insert(name: str, fields: dict, inserted: threading.Event | None) -> None:
        try:
            with transaction.atomic():
                Booking.objects.create(**fields)
                if inserted is not None:
                    inserted.set()
                    release_first.wait(timeout=30)
            outcome[name] = "committed"
        except IntegrityError:
            outcome[name] = "IntegrityError"
        finally:
            connection.close()

    a = threading.Thread(target=insert, args=("first", first, first_inserted))
    b = threading.Thread(target=insert, args=("second", second, None))
    a.start()
    try:
        assert first_inserted.wait(timeout=30)
        b.start()
        time.sleep(0.5)  # time enough for the second insert to finish, unless it must wait
        waited = "second" not in outcome
    finally:
        release_first.set()
        a.join(timeout=30)
        b.join(timeout=30)
    return {**outcome, "waited": str(waited)}


def _fields(citizen, consultant, topic, start: datetime, room=None) -> dict:
    end = start + timedelta(minutes=45)
    return {
        "job_centre": citizen.job_centre,
        "citizen": citizen,
        "consultant": consultant,
        "topic": topic,
        "mode": MeetingMode.IN_PERSON if room else MeetingMode.PHONE,
        "room": room,
        "start": start,
        "end": end,
        "blocked_until": end,
        "created_by": citizen.user,
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_overlapping_times_of_one_consultant_never_coexist(
    centre, consultant, citizen, other_citizen
):
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    ten = bookable_start()
    outcome = _insert_side_by_side(
        _fields(citizen, consultant, topic, ten),  # 10:00-10:45
        _fields(other_citizen, consultant, topic, ten + timedelta(minutes=30)),  # 10:30-11:15
    )
    assert outcome == {"first": "committed", "second": "IntegrityError", "waited": "True"}
    assert Booking.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_room_is_never_booked_twice_at_once(centre, consultant, citizen, other_citizen):
    colleague = StaffFactory(job_centre=centre)
    topic = TopicFactory(job_centre=centre, consultants=[consultant, colleague])
    room = RoomFactory(job_centre=centre)
    ten = bookable_start()
    outcome = _insert_side_by_side(
        _fields(citizen, consultant, topic, ten, room=room),
        _fields(other_citizen, colleague, topic, ten + timedelta(minutes=30), room=room),
    )
    assert outcome == {"first": "committed", "second": "IntegrityError", "waited": "True"}
    assert Booking.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_back_to_back_and_cancelled_bookings_do_coexist(centre, consultant, citizen, other_citizen):
    """The guard is exactly the overlap: [start, blocked_until) touching is fine, and a
    cancelled booking frees its time."""
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    ten = bookable_start()
    outcome = _insert_side_by_side(
        _fields(citizen, consultant, topic, ten),
        _fields(other_citizen, consultant, topic, ten + timedelta(minutes=45)),
    )
    assert outcome == {"first": "committed", "second": "committed", "waited": "False"}
    Booking.objects.filter(start=ten).update(status="cancelled_citizen")
    Booking.objects.create(**_fields(other_citizen, consultant, topic, ten))
    assert Booking.objects.count() == 3
