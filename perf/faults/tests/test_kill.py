"""A database connection killed in the middle of a booking, a plan save and a registration:
nothing half-written, the Danish error page instead of a success, a retry with the same key
makes exactly one record, and the next request on the same process works (persistent
connections with health checks, no restart). PostgreSQL only: pg_terminate_backend."""

import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib import messages
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from booking.availability import free_slots
from booking.models import Booking, BookingDeadline, DeadlineStatus
from booking.tests.factories import TopicFactory, working_week
from citizens.models import Citizen
from common.models import Submission
from notifications.models import Notification
from perf.faults.kill import conninfo_of, kill_when_writing, terminate
from plans.models import Plan, PlanChange
from plans.tests.factories import OccupationFactory, PlanFactory

pytestmark = [pytest.mark.postgres]

ERROR_PAGE = "Der er sket en fejl"


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def booking_post(server_like_client, centre, consultant, citizen):
    """The confirmation step of the citizen's booking flow, ready to POST, and an open
    deadline the booking will fulfil (so a half-written booking would show there too)."""
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])
    today = timezone.localdate()
    slot = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=today + timedelta(days=3),
        date_to=today + timedelta(days=30),
    )[0]
    day = timezone.localdate(slot.start)
    BookingDeadline.objects.create(
        citizen=citizen, deadline=day, window_start=day - timedelta(days=1), window_end=day
    )
    tid = timezone.localtime(slot.start).strftime("%Y-%m-%dT%H:%M")
    url = f"{reverse('booking:start')}?emne={topic.pk}&konsulent={consultant.pk}&tid={tid}"
    server_like_client.force_login(citizen.user)
    data = {"mode": "telefon", "talk_about": "CV", "take_away": "", "submission_token": ""}
    data["submission_token"] = str(uuid.uuid4())
    return server_like_client, url, data


def _assert_error_page(response) -> None:
    assert response.status_code == 500
    assert ERROR_PAGE in response.content.decode()


def test_a_booking_killed_before_its_notification_leaves_nothing_and_a_retry_books_once(
    booking_post, citizen
):
    client, url, data = booking_post
    # The booking row is inserted and the deadline fulfilled; the notification's INSERT waits
    # for our lock and its connection is terminated there.
    with kill_when_writing(conninfo_of(connection), "notifications_notification") as kill:
        response = client.post(url, data)
    assert kill.done and "notifications_notification" in kill.victims[0][1]
    _assert_error_page(response)
    assert Booking.objects.count() == 0
    assert Notification.objects.count() == 0
    assert BookingDeadline.objects.get().status == DeadlineStatus.OPEN
    # The same process, the same form token: booked once, and again is the same booking.
    first = client.post(url, data)
    again = client.post(url, data)
    booking = Booking.objects.get()
    assert first.status_code == again.status_code == 302
    assert first.url == again.url == reverse("booking:detail", args=[booking.public_id])
    assert BookingDeadline.objects.get().fulfilled_by == booking
    assert Notification.objects.filter(recipient=citizen.user).count() >= 1
    assert "Samtalen er booket" in client.get(first.url).content.decode()


def test_a_plan_save_killed_after_its_update_leaves_the_plan_as_it_was(server_like_client, citizen):
    plan = PlanFactory(citizen=citizen)
    lager = OccupationFactory(title="Lagerarbejder")
    server_like_client.force_login(citizen.user)
    data = {
        "version": 1,
        "job_goal": "Lagerchef",
        "strategy": "Jeg ringer først",
        "required_searches": "6",
        "required_period_days": "28",
        "geography": "Storkøbenhavn",
        "channels": ["job_ad", "network"],
        "occupation_0": lager.title,
    }
    # The plan row is updated and its occupations set; the history line's INSERT is killed.
    with kill_when_writing(conninfo_of(connection), "plans_planchange") as kill:
        response = server_like_client.post(reverse("plans:edit"), data)
    assert kill.done
    _assert_error_page(response)
    plan.refresh_from_db()
    assert (plan.version, plan.job_goal) == (1, "Fast job på et lager")
    assert not plan.required_occupations.exists() and not PlanChange.objects.exists()
    # The retry from the same form (same version) saves once; a third post is a conflict,
    # not a second change.
    saved = server_like_client.post(reverse("plans:edit"), data)
    assert saved.status_code == 302
    assert "Din plan er gemt" in server_like_client.get(saved.url).content.decode()
    assert server_like_client.post(reverse("plans:edit"), data).status_code == 409
    plan.refresh_from_db()
    assert (plan.version, plan.job_goal) == (2, "Lagerchef")
    assert PlanChange.objects.filter(plan=plan).count() == 1


def test_a_registration_killed_after_its_token_and_user_leaves_neither(
    server_like_client, consultant
):
    """The create forms' once-token (common.services.submit_once) is written first, in the
    same transaction as the record: a kill after it must take it along."""
    server_like_client.force_login(consultant)
    data = {
        "name": "Mette Kirstine Hansen",
        "cpr": "010190-1234",
        "email": "mette@example.dk",
        "benefit_type": "dagpenge",
        "target_group": "jobparat",
        "registered_on": "2026-10-01",
        "mobile": "20 12 34 56",
        "submission_token": str(uuid.uuid4()),
    }
    url = reverse("citizens:create")
    with kill_when_writing(conninfo_of(connection), "citizens_citizen") as kill:
        response = server_like_client.post(url, data)
    assert kill.done
    _assert_error_page(response)
    assert not Submission.objects.exists() and not Citizen.objects.exists()
    assert not type(consultant).objects.filter(email="mette@example.dk").exists()
    first = server_like_client.post(url, data)
    again = server_like_client.post(url, data)
    citizen = Citizen.objects.get()
    assert first.status_code == again.status_code == 302
    assert first.url == again.url == reverse("citizens:detail", args=[citizen.public_id])
    assert Submission.objects.count() == 1


def _flashed(client) -> list[str]:
    """The messages (django.contrib.messages) the next page shows."""
    page = client.get(reverse("dashboard:home"))
    assert page.status_code == 200
    return [str(message) for message in page.context["messages"]]


def test_a_connection_killed_at_commit_shows_no_saved_message_later(booking_post, citizen):
    """The view has finished and queued its "booked"/"saved" message; the connection dies
    before ATOMIC_REQUESTS commits. The citizen gets the error page, and the next page must
    not tell them it was saved."""
    client, url, data = booking_post
    PlanFactory(citizen=citizen)
    plan_data = {
        "version": 1,
        "job_goal": "Lagerchef",
        "strategy": "",
        "required_searches": "6",
        "required_period_days": "28",
        "geography": "",
        "channels": ["job_ad"],
    }
    conninfo = conninfo_of(connection)
    original = messages.success

    def success_then_kill(request, message, *args, **kwargs):
        original(request, message, *args, **kwargs)
        assert terminate(conninfo, _backend_pid())

    flashed = []
    with mock.patch.object(messages, "success", success_then_kill):
        for post_url, post_data in ((url, data), (reverse("plans:edit"), plan_data)):
            _assert_error_page(client.post(post_url, post_data))
            flashed.append(_flashed(client))
    assert not Booking.objects.exists() and Plan.objects.get().version == 1
    assert flashed == [[], []]
