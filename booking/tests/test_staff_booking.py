"""The conversation's page for staff: what it shows, who may act, held / no-show / cancel."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from booking.models import Booking, BookingDeadline, DeadlineStatus, Status
from booking.tests.factories import BookingFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def da(msgid: str) -> str:
    with override("da"):
        return gettext(msgid)


def make(citizen, consultant, starts_in, **kwargs):
    start = timezone.now().replace(microsecond=0) + starts_in
    return BookingFactory(citizen=citizen, consultant=consultant, start=start, **kwargs)


def url(booking: Booking) -> str:
    return reverse("booking:staff_detail", args=[booking.public_id])


def test_the_page_shows_the_booking_and_logs_the_look(client, consultant, citizen):
    booking = make(
        citizen, consultant, timedelta(days=2), talk_about="Min ansøgning", take_away="Feedback"
    )
    client.force_login(consultant)
    response = client.get(url(booking))
    body = response.content.decode()
    assert response.status_code == 200
    assert citizen.user.name in body and booking.topic.name in body
    assert "Min ansøgning" in body and "Feedback" in body
    assert reverse("booking:citizen_bookings", args=[citizen.public_id]) in body
    log = LookupLog.objects.get()
    assert (log.actor, log.citizen, log.subject, log.purpose) == (
        consultant,
        citizen,
        Subject.BOOKINGS,
        Purpose.PREPARATION,
    )


def test_another_centres_staff_get_404(client, consultant, citizen, other_consultant):
    booking = make(citizen, consultant, timedelta(days=2))
    client.force_login(other_consultant)
    assert client.get(url(booking)).status_code == 404
    assert client.post(url(booking), {"outcome": "held"}).status_code == 404


def test_the_citizen_cannot_open_the_staff_page(client, consultant, citizen):
    booking = make(citizen, consultant, timedelta(days=2))
    client.force_login(citizen.user)
    assert client.get(url(booking)).status_code == 403


def test_held_and_no_show_only_once_it_has_begun(client, consultant, citizen):
    booking = make(citizen, consultant, timedelta(hours=3))
    client.force_login(consultant)
    page = client.get(url(booking)).content.decode()
    assert 'value="held"' not in page

    response = client.post(url(booking), {"outcome": "held"})

    assert response.status_code == 400
    assert da("The conversation has not begun yet.") in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.BOOKED and booking.status_changed_at is None


def test_marking_held_then_correcting_to_no_show(client, consultant, citizen):
    booking = make(citizen, consultant, timedelta(minutes=-50))
    client.force_login(consultant)
    assert 'value="held"' in client.get(url(booking)).content.decode()

    response = client.post(url(booking), {"outcome": "held"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.HELD and booking.status_changed_by == consultant

    client.post(url(booking), {"outcome": "no_show"})
    booking.refresh_from_db()
    assert booking.status == Status.NO_SHOW


def test_a_colleague_may_look_but_not_act(client, centre, consultant, citizen):
    booking = make(citizen, consultant, timedelta(minutes=-50))
    colleague = StaffFactory(job_centre=centre)
    client.force_login(colleague)
    page = client.get(url(booking))
    assert page.status_code == 200 and 'value="held"' not in page.content.decode()
    assert client.post(url(booking), {"outcome": "held"}).status_code == 403
    booking.refresh_from_db()
    assert booking.status == Status.BOOKED


def test_a_team_leader_may_act_on_a_colleagues_booking(client, centre, consultant, citizen):
    booking = make(citizen, consultant, timedelta(minutes=-50))
    client.force_login(StaffFactory(job_centre=centre, role=Role.TEAM_LEADER))
    assert client.post(url(booking), {"outcome": "no_show"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.NO_SHOW


def test_cancelling_needs_a_reason(client, consultant, citizen):
    booking = make(citizen, consultant, timedelta(days=2))
    client.force_login(consultant)
    response = client.post(url(booking), {"action": "cancel", "reason": "  "})
    assert response.status_code == 400
    assert "Skriv årsag til borgeren" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.BOOKED
    assert not Notification.objects.exists()


def test_cancelling_tells_the_citizen_and_reopens_the_deadline(
    client, consultant, citizen, django_capture_on_commit_callbacks
):
    booking = make(citizen, consultant, timedelta(days=2))
    today = timezone.localdate()
    deadline = BookingDeadline.objects.create(
        citizen=citizen,
        deadline=today + timedelta(days=8),
        window_start=today,
        window_end=today + timedelta(days=20),
        created_by=consultant,
        status=DeadlineStatus.FULFILLED,
        fulfilled_by=booking,
    )
    client.force_login(consultant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(booking), {"action": "cancel", "reason": "Konsulenten er syg"})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED_BY_CENTRE
    assert booking.cancel_reason == "Konsulenten er syg"
    told = Notification.objects.filter(recipient=citizen.user)
    assert told.count() == 2  # e-mail and SMS
    assert all("Konsulenten er syg" in n.body for n in told)
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN
    page = client.get(url(booking)).content.decode()
    assert 'name="reason"' not in page  # nothing more to cancel


def test_a_held_conversation_cannot_be_cancelled(client, consultant, citizen):
    booking = make(citizen, consultant, timedelta(hours=-2), status=Status.HELD)
    client.force_login(consultant)
    response = client.post(url(booking), {"action": "cancel", "reason": "Fejl"})
    assert response.status_code == 400
    assert da("Only a booked conversation can be cancelled.") in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.HELD
    assert len(mail.outbox) == 0
