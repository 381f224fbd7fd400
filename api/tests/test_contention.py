"""Races: twenty citizens ask for the same time at the same moment, and overlapping bookings
inserted side by side. The database, not a Python check, decides who wins."""

import http.client
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
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
from booking.models import Booking, MeetingMode
from booking.tests.factories import RoomFactory, TopicFactory, working_week
from citizens.tests.factories import CitizenFactory

CITIZENS = 20


def _post_at_once(base_url: str, path: str, body: dict, secrets: list[str]) -> list:
    """POSTs `body` once per token from as many threads, released together by a barrier."""
    barrier = threading.Barrier(len(secrets))
    results: list = [None] * len(secrets)
    address = urlsplit(base_url)

    def post(i: int, secret: str) -> None:
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

    threads = [threading.Thread(target=post, args=(i, s)) for i, s in enumerate(secrets)]
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
def _sqlite_file_server(directory: Path) -> Iterator[str]:
    """A live server over a file copy of the in-memory test database. pytest-django's
    `live_server` hands its request threads the one in-memory connection, so concurrent
    requests would share one transaction; with a file each request has its own connection
    and SQLite's IMMEDIATE transactions queue the writers, as in production. The test thread
    reads the file too until the block ends."""
    memory = connections[DEFAULT_DB_ALIAS]
    path = directory / "race.sqlite3"
    memory.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        memory.connection.backup(copy)
    settings_dict = {**memory.settings_dict, "NAME": str(path)}

    def connect() -> BaseDatabaseWrapper:
        return memory.__class__(settings_dict, DEFAULT_DB_ALIAS)

    server = _FileDatabaseServerThread(connect)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    reader = connect()
    connections[DEFAULT_DB_ALIAS] = reader
    try:
        yield f"http://{server.host}:{server.port}"
    finally:
        connections[DEFAULT_DB_ALIAS] = memory
        reader.close()
        server.terminate()


def _twenty_citizens_book_the_same_time(serve, centre, consultant):
    """`serve()` is a context manager giving the base URL of a live server."""
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant], modes=["telefon"])
    secrets = [
        api_token_create(user=CitizenFactory(job_centre=centre).user, name="race")[1]
        for _ in range(CITIZENS)
    ]
    start = bookable_start()
    body = {"topic": topic.pk, "consultant": consultant.pk, "start": start.isoformat()}
    body["mode"] = "telefon"

    with serve() as base_url:
        results = _post_at_once(base_url, "/api/v1/bookings", body, secrets)

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
def test_twenty_citizens_one_time_one_booking(request, tmp_path, centre, consultant):
    """On whichever database the suite runs: SQLite serializes the writers (IMMEDIATE
    transactions), so each later request finds the time taken."""
    if connection.vendor == "sqlite":
        serve = partial(_sqlite_file_server, tmp_path)
    else:
        serve = partial(nullcontext, request.getfixturevalue("live_server").url)
    _twenty_citizens_book_the_same_time(serve, centre, consultant)


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
