"""The citizen's booking flow through the views, as a browser would drive it."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import LookupLog, Subject
from booking.availability import free_slots
from booking.models import Booking, BookingDeadline, BookingRule, Origin, Status
from booking.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen.user)
    return client


def first_slot(topic, citizen, skip=0):
    today = timezone.localdate()
    slots = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=today + timedelta(days=3),
        date_to=today + timedelta(days=30),
    )
    return slots[skip]


def tid(slot) -> str:
    return timezone.localtime(slot.start).strftime("%Y-%m-%dT%H:%M")


def test_the_four_steps_then_a_receipt(citizen_client, topic, citizen, consultant):
    url = reverse("booking:start")
    page = citizen_client.get(url)
    assert "Min jobsøgning" in page.content.decode()
    page = citizen_client.get(url, {"emne": topic.pk})
    assert consultant.name in page.content.decode()
    page = citizen_client.get(url, {"emne": topic.pk, "konsulent": "alle", "uge": "forste"})
    assert page.status_code == 302
    page = citizen_client.get(page.url)
    slot = first_slot(topic, citizen)
    assert timezone.localtime(slot.start).strftime("%H.%M") in page.content.decode()
    query = {"emne": topic.pk, "konsulent": consultant.pk, "tid": tid(slot)}
    page = citizen_client.get(url, query)
    assert page.status_code == 200 and "submission_token" in page.content.decode()
    token = str(uuid.uuid4())
    data = {
        "mode": "telefon",
        "talk_about": "Brancheskift",
        "take_away": "",
        "submission_token": token,
    }
    post_url = f"{url}?emne={topic.pk}&konsulent={consultant.pk}&tid={tid(slot)}"
    done = citizen_client.post(post_url, data)
    again = citizen_client.post(post_url, data)  # a double click
    booking = Booking.objects.get()
    assert done.status_code == again.status_code == 302
    assert done.url == again.url == reverse("booking:detail", args=[booking.public_id])
    assert booking.talk_about == "Brancheskift" and booking.origin == Origin.SELF_BOOKED
    receipt = citizen_client.get(done.url).content.decode()
    assert topic.name in receipt and consultant.name in receipt


def test_a_lost_race_answers_409_with_other_times_and_keeps_nothing(
    citizen_client, topic, citizen, other_citizen, consultant
):
    slot = first_slot(topic, citizen)
    BookingFactory(
        citizen=other_citizen,
        consultant=consultant,
        topic=topic,
        start=slot.start,
    )
    url = f"{reverse('booking:start')}?emne={topic.pk}&konsulent=alle&tid={tid(slot)}"
    page = citizen_client.post(url, {"mode": "telefon", "submission_token": str(uuid.uuid4())})
    assert page.status_code == 409
    assert "Tiden er lige blevet booket af en anden" in page.content.decode()
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "query",
    [
        {"emne": "abc"},
        {"emne": "999999"},
        {"emne": "{topic}", "konsulent": "xyz"},
        {"emne": "{topic}", "konsulent": "alle", "tid": "igår"},
        {"emne": "{topic}", "konsulent": "alle", "uge": "2026-13-45"},
    ],
)
def test_malformed_steps_are_shown_again_never_an_error(citizen_client, topic, query):
    query = {k: v.format(topic=topic.pk) for k, v in query.items()}
    page = citizen_client.get(reverse("booking:start"), query)
    assert page.status_code == 200


def test_a_time_not_free_or_off_grid_sends_back_to_the_week(citizen_client, topic):
    query = {"emne": topic.pk, "konsulent": "alle", "tid": "2026-12-25T10:00"}
    page = citizen_client.get(reverse("booking:start"), query)
    assert page.status_code == 302 and "tid" not in page.url


def test_invalid_mode_keeps_what_was_typed(citizen_client, topic, citizen):
    slot = first_slot(topic, citizen)
    url = f"{reverse('booking:start')}?emne={topic.pk}&konsulent=alle&tid={tid(slot)}"
    page = citizen_client.post(
        url, {"mode": "brevdue", "talk_about": "Min tekst", "submission_token": str(uuid.uuid4())}
    )
    assert page.status_code == 400
    assert "Min tekst" in page.content.decode()
    assert not Booking.objects.exists()


def test_move_cancel_ics_and_card(citizen_client, topic, citizen, consultant):
    slot = first_slot(topic, citizen)
    booking = BookingFactory(citizen=citizen, consultant=consultant, topic=topic, start=slot.start)
    new = first_slot(topic, citizen, skip=3)
    move_url = reverse("booking:reschedule", args=[booking.public_id])
    assert citizen_client.get(move_url).status_code == 200
    assert citizen_client.get(move_url, {"tid": tid(new)}).status_code == 200
    assert citizen_client.post(f"{move_url}?tid={tid(new)}").status_code == 302
    booking.refresh_from_db()
    assert booking.start == new.start
    ics = citizen_client.get(reverse("booking:ics", args=[booking.public_id]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content and topic.name.encode() in ics.content
    card = citizen_client.get(reverse("booking:card", args=[booking.public_id]))
    assert citizen.name in card.content.decode()
    cancel_url = reverse("booking:cancel", args=[booking.public_id])
    assert citizen_client.post(cancel_url, {}).status_code == 400
    assert citizen_client.post(cancel_url, {"confirm": "on"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED_BY_CITIZEN
    listing = citizen_client.get(reverse("booking:list")).content.decode()
    assert "Aflyst af borgeren" in listing


def test_another_citizens_booking_is_not_found(client, topic, citizen, other_citizen, consultant):
    slot = first_slot(topic, citizen)
    booking = BookingFactory(citizen=citizen, consultant=consultant, topic=topic, start=slot.start)
    client.force_login(other_citizen.user)
    for name in ("detail", "reschedule", "cancel", "ics", "card"):
        assert client.get(reverse(f"booking:{name}", args=[booking.public_id])).status_code == 404


def test_staff_cannot_use_the_citizens_own_booking(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("booking:start")).status_code == 403


def test_facilitated_booking_is_self_booked_and_logged(client, topic, citizen, consultant):
    client.force_login(consultant)
    url = reverse("booking:facilitate", args=[citizen.public_id])
    page = client.get(url, {"emne": topic.pk})
    assert citizen.name in page.content.decode()
    assert LookupLog.objects.filter(citizen=citizen, subject=Subject.BOOKING_SCREEN).exists()
    slot = first_slot(topic, citizen)
    done = client.post(
        f"{url}?emne={topic.pk}&konsulent=alle&tid={tid(slot)}",
        {"mode": "video", "submission_token": str(uuid.uuid4())},
    )
    assert done.status_code == 302
    booking = Booking.objects.get()
    assert booking.origin == Origin.SELF_BOOKED and booking.facilitated_by == consultant


def test_facilitation_is_only_for_the_staffs_own_centre(client, citizen, other_consultant):
    client.force_login(other_consultant)
    url = reverse("booking:facilitate", args=[citizen.public_id])
    assert client.get(url).status_code == 404


def test_the_consultants_to_choose_among_are_the_own_consultant_s_team(
    citizen_client, topic, citizen, consultant, centre
):
    from accounts.tests.factories import StaffFactory
    from centres.tests.factories import TeamFactory

    north, south = TeamFactory(job_centre=centre), TeamFactory(job_centre=centre)
    colleague = StaffFactory(job_centre=centre, team=north, name="Kaja Kollega")
    stranger = StaffFactory(job_centre=centre, team=south, name="Frede Fremmed")
    topic.consultants.add(colleague, stranger)
    url = reverse("booking:start")
    page = citizen_client.get(url, {"emne": topic.pk}).content.decode()
    assert "Kaja Kollega" in page and "Frede Fremmed" in page  # no team of her own yet
    consultant.team = north
    consultant.save()
    page = citizen_client.get(url, {"emne": topic.pk}).content.decode()
    assert consultant.name in page and "Kaja Kollega" in page and "Frede Fremmed" not in page
    # Someone outside the team, chosen by a crafted link, is not offered: the step again.
    page = citizen_client.get(url, {"emne": topic.pk, "konsulent": stranger.pk})
    assert "Frede Fremmed" not in page.content.decode()


def test_a_citizen_at_the_maximum_is_told_at_the_first_step(
    client, topic, citizen, consultant, centre
):
    """Not at the last step: before she chooses a topic she learns she must cancel or wait."""
    BookingRule.objects.create(job_centre=centre, max_open_bookings=1)
    with time_machine.travel(datetime(2026, 12, 27, 23, 30, tzinfo=CPH), tick=False):
        BookingFactory(
            citizen=citizen,
            consultant=consultant,
            topic=topic,
            start=datetime(2027, 1, 20, 10, 0, tzinfo=CPH),
        )
        BookingDeadline.objects.create(
            citizen=citizen,
            deadline=date(2027, 1, 6),
            window_start=date(2026, 12, 28),
            window_end=date(2027, 1, 15),
        )
        client.force_login(citizen.user)
        body = client.get(reverse("booking:start")).content.decode()
    assert (
        "Du har allerede 1 kommende samtaler, og flere kan du ikke booke. "
        "Aflys en af dem, eller vent, til en er afholdt."
    ) in body
    assert f"?emne={topic.pk}" not in body  # no topic to choose that would fail at the end
    assert reverse("booking:list") in body


def test_a_missed_deadline_is_not_shown_as_one_still_to_meet(client, topic, citizen):
    """Once its date has passed, the banner says when it was, not "no later than" a past day:
    on the home page, at the first booking step and on "Mine samtaler"."""
    from booking.models import DeadlineStatus

    BookingDeadline.objects.create(
        citizen=citizen,
        topic=topic,
        deadline=date(2026, 12, 21),
        window_start=date(2026, 12, 14),
        window_end=date(2027, 1, 8),
        status=DeadlineStatus.MISSED,
    )
    with time_machine.travel(datetime(2026, 12, 23, 0, 5, tzinfo=CPH), tick=False):
        client.force_login(citizen.user)
        responses = [
            client.get(reverse(name))
            for name in ("dashboard:home", "booking:start", "booking:list")
        ]
    assert [r.status_code for r in responses] == [200, 200, 200]
    pages = [r.content.decode() for r in responses]
    for page in pages:
        assert "Din frist for at booke en samtale om" in page and "var 21. december 2026" in page
        assert "senest 21. december 2026" not in page


def test_the_booking_post_reads_no_more_than_it_needs(
    citizen_client, topic, citizen, consultant, django_assert_num_queries
):
    """The confirmation reads the rule once (the service and the receipt reuse the view's),
    neither counts the coming bookings nor reads the consultants the page would show (it
    redirects, and "alle" chooses no one), and reads the deadline it meets in one query. One
    query asks whether the citizen has a job club seat at the time (booking.hooks)."""
    slot = first_slot(topic, citizen)
    url = reverse("booking:start")
    post_url = f"{url}?emne={topic.pk}&konsulent=alle&tid={tid(slot)}"
    data = {"mode": "telefon", "talk_about": "", "take_away": "", "submission_token": uuid.uuid4()}
    # PostgreSQL's advisory locks and SQLite's IMMEDIATE transaction are not the same count.
    with django_assert_num_queries(48 if connection.vendor == "postgresql" else 46):
        done = citizen_client.post(post_url, data)
    assert done.status_code == 302
