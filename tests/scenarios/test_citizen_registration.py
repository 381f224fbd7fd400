"""Registering a person by CPR number ("Opret borger") is no oracle across job centres, and
ten consultants registering one new number at once make one citizen and no server error.

The rule (docs/decisions.md, 2026-12-07): one person, one citizen record. A number already
registered in the consultant's own job centre is refused with "already registered" (they can
see the citizen anyway). A number registered at another job centre means the person moved: the
new centre takes the record over. The answer is the same as for a number never seen."""

import re
import threading
import uuid
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.tests.conftest import bookable_start
from audit.models import LookupLog, Subject
from booking.models import Booking
from booking.tests.factories import BookingFactory, TopicFactory
from citizens import services
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory
from citizens.tests.test_views import CREATE, form_data
from tests.security.test_row_security import app_role  # noqa: F401  (a fixture)

NEW_CPR = "0101901234"

pytestmark = pytest.mark.django_db


def _register(user, cpr: str, name: str = "Mette Kirstine Hansen"):
    """Posts the form as `user` from a fresh browser; returns the response, the messages shown
    and the statements it ran."""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(CREATE, form_data(cpr=cpr, name=name))
    shape = [_statement(q["sql"]) for q in queries.captured_queries]
    return response, [str(m) for m in get_messages(response.wsgi_request)], shape


def _statement(sql: str) -> tuple[str, str]:
    """A statement as the time it takes sees it: a read or a write (an INSERT of a new row
    and an UPDATE of an existing one each write one row), and its table; or a savepoint."""
    verb = sql.split(None, 1)[0].upper()
    if verb in ("SAVEPOINT", "RELEASE", "ROLLBACK"):
        return verb, ""
    table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', sql)
    return ("write" if verb in ("INSERT", "UPDATE") else verb), table.group(1) if table else ""


def _same_answer(new, known):
    """Everything the consultant can observe: status, where the redirect goes (the path
    shape, the id being random either way), the message, the headers, and the statements run
    (as many, on the same tables)."""
    (r1, m1, q1), (r2, m2, q2) = new, known
    assert r1.status_code == r2.status_code == 302
    shape = r"/borgere/[0-9a-f-]{36}/"
    assert re.fullmatch(shape, r1["Location"]) and re.fullmatch(shape, r2["Location"])
    assert m1 == m2
    assert sorted(k for k, _ in r1.items()) == sorted(k for k, _ in r2.items())
    assert r1.content == r2.content
    assert q1 == q2


def test_another_centres_citizen_is_indistinguishable_from_an_unknown_number(
    centre, consultant, citizen, other_consultant
):
    """A consultant of another centre typing this centre's citizen's number gets exactly the
    answer a number never seen gets: no "already registered"."""
    new = _register(other_consultant, NEW_CPR)
    known = _register(other_consultant, citizen.cpr)
    _same_answer(new, known)
    assert "allerede" not in " ".join(known[1])
    assert known[1] == [
        "Mette Kirstine Hansen er oprettet i jobcentret. Var borgeren tilknyttet et andet "
        "jobcenter, er borgeren nu overført hertil."
    ]


def test_the_person_moved_the_new_centre_takes_the_record_over(
    client, centre, consultant, citizen, other_centre, other_consultant
):
    booking = BookingFactory(
        citizen=citizen,
        topic=TopicFactory(job_centre=centre),
        consultant=consultant,
        start=bookable_start(),
    )
    client.force_login(other_consultant)
    response = client.post(
        CREATE, form_data(cpr=citizen.cpr, name="Ny Adresse", email="ny@example.dk")
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    # One person, one record: the same citizen, now the new centre's, with what it typed.
    assert Citizen.objects.count() == 1
    assert response["Location"] == f"/borgere/{citizen.public_id}/"
    assert citizen.job_centre == other_centre and citizen.user.job_centre == other_centre
    assert citizen.name == "Ny Adresse" and citizen.user.email == "ny@example.dk"
    assert citizen.responsible_consultant is None  # the old centre's consultant let go
    assert citizen.postcode == ""  # the old home postcode no longer holds
    # The lookup is in the audit log the citizen reads, by the consultant who made it.
    entry = LookupLog.objects.get(citizen=citizen)
    assert entry.subject == Subject.TRANSFER
    assert entry.actor == other_consultant and entry.job_centre == other_centre
    # The old centre's own records stay its own: the booking is still Jobcenter Test's, and
    # the old centre no longer reaches the citizen.
    booking.refresh_from_db()
    assert booking.job_centre == centre
    assert not Booking.objects.filter(job_centre=other_centre).exists()
    old = Client()
    old.force_login(consultant)
    assert old.get(f"/borgere/{citizen.public_id}/").status_code == 404


def test_a_new_registration_is_logged_too(client, consultant):
    client.force_login(consultant)
    client.post(CREATE, form_data(cpr=NEW_CPR))
    entry = LookupLog.objects.get()
    assert entry.subject == Subject.REGISTRATION and entry.actor == consultant


def test_own_centre_still_hears_already_registered(consultant, citizen):
    response, _messages, _sql = _register(consultant, citizen.cpr)
    assert response.status_code == 400
    assert "Der er allerede oprettet en borger med dette CPR-nummer" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.name != "Mette Kirstine Hansen"
    assert not LookupLog.objects.exists()


def test_a_registration_that_loses_the_race_gets_a_danish_message(client, consultant, centre):
    """Another request inserts the same number between this one's lookup and its insert: the
    unique key refuses the insert; the answer is the Danish message, never a 500."""
    client.force_login(consultant)
    CitizenFactory(job_centre=centre, cpr=NEW_CPR)
    with mock.patch.object(services, "_locked_citizen", _miss_once(services._locked_citizen)):
        response = client.post(CREATE, form_data(cpr=NEW_CPR))
    assert response.status_code == 400
    assert "allerede oprettet" in response.content.decode()
    assert Citizen.objects.count() == 1


def test_a_race_lost_to_another_centre_is_a_take_over(client, other_consultant, centre):
    client.force_login(other_consultant)
    CitizenFactory(job_centre=centre, cpr=NEW_CPR)
    with mock.patch.object(services, "_locked_citizen", _miss_once(services._locked_citizen)):
        response = client.post(CREATE, form_data(cpr=NEW_CPR))
    assert response.status_code == 302
    assert Citizen.objects.get().job_centre == other_consultant.job_centre


def _miss_once(real):
    calls = []

    def lookup(hashed):
        calls.append(hashed)
        return None if len(calls) == 1 else real(hashed)

    return lookup


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_registrations_of_one_new_number(consultant):
    """Ten consultants' browsers post "Opret borger" with one new number at the same moment
    (each its own connection and transaction): one citizen, the rest the Danish message."""
    clients = []
    for _ in range(10):
        c = Client(raise_request_exception=False)
        c.force_login(consultant)
        clients.append(c)
    barrier = threading.Barrier(len(clients))
    results: list = [None] * len(clients)

    def post(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            response = clients[i].post(
                CREATE, form_data(cpr=NEW_CPR, submission_token=str(uuid.uuid4()))
            )
            results[i] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    statuses = sorted(r[0] for r in results)
    assert statuses == [302] + [400] * 9, statuses
    assert all("allerede oprettet" in body for status, body in results if status == 400)
    assert Citizen.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_take_over_works_under_row_security(
    request, settings, centre, citizen, other_centre, other_consultant
):
    """Connected as a role that owns nothing, each request sees its own centre's rows only:
    the lookup by hash still finds the other centre's citizen and takes it over."""
    role = request.getfixturevalue("app_role")
    browser = Client()
    browser.force_login(other_consultant)
    saved_user = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = role
    settings.DATABASE_ROW_SECURITY = True
    try:
        response = browser.post(CREATE, form_data(cpr=citizen.cpr))
        new = browser.post(CREATE, form_data(cpr=NEW_CPR))
    finally:
        connection.close()
        connection.settings_dict["USER"] = saved_user
    assert response.status_code == new.status_code == 302
    citizen.refresh_from_db()
    assert citizen.job_centre == other_centre
    assert Citizen.objects.filter(job_centre=other_centre).count() == 2
