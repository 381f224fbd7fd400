import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext, override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from api.tests.conftest import API, bearer_client, bookable_start, booking_body
from booking.models import Booking, BookingRule, Origin, Status
from booking.tests.factories import BookingFactory, TopicFactory
from citizens.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def _danish(message: str) -> str:
    with override("da"):
        return gettext(message)


def _post(api, body, **headers):
    return api.post(f"{API}/bookings", body, content_type="application/json", headers=headers)


def test_a_citizen_books_and_gets_201_with_the_booking(citizen_api, citizen, topic, start):
    response = _post(citizen_api, booking_body(topic, start, take_away="En plan"))
    assert response.status_code == 201, response.json()
    booking = Booking.objects.get()
    assert booking.citizen == citizen and booking.origin == Origin.SELF_BOOKED
    assert booking.talk_about == "Mit CV" and booking.take_away == "En plan"
    body = response.json()
    assert body["id"] == str(booking.public_id)
    assert body["status"] == "booked"
    assert body["topic"] == {"id": topic.pk, "name": "Min jobsøgning"}
    assert body["consultant"]["id"] == booking.consultant_id
    assert datetime.fromisoformat(body["start"]) == start
    assert body["start"] == start.isoformat()  # local time with its offset
    assert body["mode"] == "telefon" and body["room"] is None
    assert body["note"] == "Mit CV" and body["take_away"] == "En plan"
    assert datetime.fromisoformat(body["cancellable_until"]) == start - timedelta(hours=24)


def test_a_utc_start_books_the_same_local_time(citizen_api, topic, start):
    utc = start.astimezone(UTC).isoformat().replace("+00:00", "Z")
    response = _post(citizen_api, booking_body(topic, start, start=utc))
    assert response.status_code == 201, response.json()
    assert response.json()["start"] == start.isoformat()


def test_a_retry_with_the_same_idempotency_key_returns_the_same_booking(citizen_api, topic, start):
    key = str(uuid.uuid4())
    first = _post(citizen_api, booking_body(topic, start), **{"Idempotency-Key": key})
    again = _post(citizen_api, booking_body(topic, start), **{"Idempotency-Key": key})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json()
    assert Booking.objects.count() == 1


def test_another_citizens_idempotency_key_is_refused(citizen_api, topic, start, centre):
    key = str(uuid.uuid4())
    first = _post(citizen_api, booking_body(topic, start), **{"Idempotency-Key": key})
    assert first.status_code == 201
    other = bearer_client(CitizenFactory(job_centre=centre).user)
    later = bookable_start(at=start.time().replace(hour=13))
    response = _post(other, booking_body(topic, later), **{"Idempotency-Key": key})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["__all__"]
    assert Booking.objects.count() == 1


def test_a_malformed_idempotency_key_is_422(citizen_api, topic, start):
    response = _post(citizen_api, booking_body(topic, start), **{"Idempotency-Key": "abc"})
    assert response.status_code == 422
    assert response.json() == {"errors": {"Idempotency-Key": ["Indtast et gyldigt UUID."]}}


def test_a_taken_time_is_409_with_alternatives(citizen_api, topic, start, centre):
    other = bearer_client(CitizenFactory(job_centre=centre).user)
    assert _post(other, booking_body(topic, start)).status_code == 201
    response = _post(citizen_api, booking_body(topic, start))
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == _danish("The time has just been booked by someone else.")
    assert body["alternatives"]
    assert all(a["start"] != start.isoformat() for a in body["alternatives"])
    assert set(body["alternatives"][0]) == {"start", "end", "consultants", "modes"}
    assert Booking.objects.count() == 1


def test_a_naive_start_is_422(citizen_api, topic, start):
    naive = start.replace(tzinfo=None).isoformat()
    response = _post(citizen_api, booking_body(topic, start, start=naive))
    assert response.status_code == 422
    assert response.json() == {"errors": {"start": [_danish("The time must include a time zone.")]}}


def test_schema_errors_are_422_per_field_in_danish(citizen_api):
    response = _post(citizen_api, {"topic": "x", "mode": "brevdue", "note": "a" * 1001})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["topic"] == ["Indtast et heltal."]
    assert errors["start"] == ["Dette felt er påkrævet."]
    assert set(errors) == {"topic", "start", "mode", "note"}


def test_a_body_that_is_not_json_is_400_json(citizen_api):
    response = citizen_api.post(f"{API}/bookings", "{", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": _danish("The request body is not valid JSON.")}


def test_service_rules_are_422_per_field(citizen_api, topic, start, centre):
    topic.modes = ["telefon"]
    topic.save()
    too_soon = timezone.localtime() + timedelta(minutes=30)
    response = _post(citizen_api, booking_body(topic, too_soon, mode="video"))
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"mode", "start"}


def test_the_maximum_of_open_bookings_is_a_422(citizen_api, citizen, topic, start):
    BookingRule.objects.create(job_centre=citizen.job_centre, max_open_bookings=1)
    assert _post(citizen_api, booking_body(topic, start)).status_code == 201
    later = start + timedelta(hours=3)
    response = _post(citizen_api, booking_body(topic, later))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["__all__"]


def test_another_centres_topic_or_consultant_is_404(citizen_api, topic, start, other_consultant):
    foreign = TopicFactory(name="Et andet jobcenters emne", consultants=[other_consultant])
    assert _post(citizen_api, booking_body(foreign, start)).status_code == 404
    response = _post(citizen_api, booking_body(topic, start, consultant=other_consultant.pk))
    assert response.status_code == 404
    assert Booking.objects.count() == 0


def test_a_chosen_consultant_is_booked(citizen_api, topic, start, consultant):
    response = _post(citizen_api, booking_body(topic, start, consultant=consultant.pk))
    assert response.status_code == 201
    assert response.json()["consultant"] == {"id": consultant.pk, "name": consultant.name}


def test_staff_cannot_book(consultant_api, topic, start):
    response = _post(consultant_api, booking_body(topic, start))
    assert response.status_code == 403
    assert response.json() == {"detail": _danish("You may not do this.")}
    assert Booking.objects.count() == 0


def _booking(citizen, topic, start, **kwargs):
    return BookingFactory(
        citizen=citizen, topic=topic, consultant=topic.consultants.get(), start=start, **kwargs
    )


def test_a_citizen_lists_only_their_own_bookings_newest_first(
    citizen_api, citizen, other_citizen, topic, start
):
    older = _booking(citizen, topic, start - timedelta(days=30), status=Status.HELD)
    newer = _booking(citizen, topic, start)
    _booking(other_citizen, topic, start + timedelta(hours=2))
    response = citizen_api.get(f"{API}/bookings")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [b["id"] for b in body["items"]] == [str(newer.public_id), str(older.public_id)]
    assert body["items"][1]["status"] == "held"


def test_staff_list_the_conversations_they_hold(
    consultant_api, consultant, citizen, topic, start, centre
):
    mine = _booking(citizen, topic, start)
    colleague_topic = TopicFactory(job_centre=centre, consultants=[consultant])
    BookingFactory(
        citizen=citizen,
        topic=colleague_topic,
        consultant=StaffFactory(job_centre=centre),
        start=start + timedelta(hours=2),
    )
    body = consultant_api.get(f"{API}/bookings").json()
    assert [b["id"] for b in body["items"]] == [str(mine.public_id)]


def StaffFactoryInCentre(centre):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(job_centre=centre)


def test_bookings_are_paged(citizen_api, citizen, topic, start):
    for day in range(5):
        _booking(citizen, topic, start - timedelta(days=day + 1), status=Status.HELD)
    body = citizen_api.get(f"{API}/bookings", {"limit": 2, "offset": 1}).json()
    assert body["count"] == 5 and len(body["items"]) == 2
    assert citizen_api.get(f"{API}/bookings", {"limit": 500}).status_code == 422


def _cancel(api, booking_id):
    return api.post(f"{API}/bookings/{booking_id}/cancel")


def test_a_citizen_cancels_their_own_booking(citizen_api, citizen, topic, start):
    booking = _booking(citizen, topic, start)
    response = _cancel(citizen_api, booking.public_id)
    assert response.status_code == 200
    assert response.json()["status"] == Status.CANCELLED_BY_CITIZEN
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED_BY_CITIZEN


def test_cancelling_after_the_cut_off_is_422_in_danish(citizen_api, citizen, topic):
    soon = timezone.localtime() + timedelta(hours=3)
    booking = _booking(citizen, topic, soon)
    response = _cancel(citizen_api, booking.public_id)
    assert response.status_code == 422
    message = _danish(
        "It is too late to move or cancel the conversation yourself. Please contact the job centre."
    )
    assert response.json() == {"errors": {"__all__": [message]}}
    booking.refresh_from_db()
    assert booking.status == Status.BOOKED


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("owner", 200),
        ("other_citizen", 404),
        ("consultant", 404),
        ("admin", 404),
        ("other_centre_admin", 404),
        ("anonymous", 401),
    ],
)
def test_cancel_access_matrix(
    client, actor, expected, citizen, other_citizen, consultant, admin_user, other_centre, topic
):
    booking = _booking(citizen, topic, bookable_start())
    users = {
        "owner": citizen.user,
        "other_citizen": other_citizen.user,
        "consultant": consultant,
        "admin": admin_user,
        "other_centre_admin": StaffFactory(job_centre=other_centre, role=Role.ADMINISTRATOR),
    }
    api = bearer_client(users[actor]) if actor in users else client
    response = _cancel(api, booking.public_id)
    assert response.status_code == expected
    assert response["Content-Type"].startswith("application/json")
    booking.refresh_from_db()
    assert (booking.status == Status.CANCELLED_BY_CITIZEN) == (expected == 200)


def test_a_malformed_or_unknown_booking_id_is_404_json(citizen_api):
    for booking_id in ["abc", uuid.uuid4()]:
        response = _cancel(citizen_api, booking_id)
        assert response.status_code == 404
        assert response.json() == {"detail": _danish("Not found.")}


def test_listing_costs_the_same_queries_for_one_booking_or_many(citizen_api, citizen, topic, start):
    _booking(citizen, topic, start)
    citizen_api.get(f"{API}/bookings")  # the token's first use of the minute writes last_used_at
    with CaptureQueriesContext(connection) as one:
        citizen_api.get(f"{API}/bookings")
    for day in range(1, 6):
        _booking(citizen, topic, start - timedelta(days=day), status=Status.HELD)
    with CaptureQueriesContext(connection) as six:
        assert len(citizen_api.get(f"{API}/bookings").json()["items"]) == 6
    assert len(six) == len(one)
