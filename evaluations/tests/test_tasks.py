"""The reminder: once per held conversation, by the channels the citizen can be reached on,
with the question and the link, and never about a conversation that was not held."""

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from booking.models import Status
from booking.services.bookings import mark_outcome
from booking.tests.factories import BookingFactory
from evaluations import services, tasks
from evaluations.tests.conftest import held_booking
from notifications.models import Channel, Notification

pytestmark = pytest.mark.django_db


def asked(booking):
    return Notification.objects.filter(key=f"evaluation:{booking.pk}")


def test_a_held_conversation_asks_the_citizen_once_by_email_and_sms(booking, citizen):
    assert services.remind_to_evaluate() == 1
    assert services.remind_to_evaluate() == 0
    assert tasks.ask_for_evaluations.call_local() == 0
    sent = asked(booking)
    assert {n.channel for n in sent} == {Channel.EMAIL, Channel.SMS}
    assert {n.recipient for n in sent} == {citizen.user}
    link = f"{settings.SITE_URL}/samtaler/{booking.public_id}/vurdering/"
    for notification in sent:
        assert link in notification.body
        assert "Hvordan fungerede" in notification.body or "How did" in notification.body
        assert citizen.cpr not in notification.body
        assert citizen.cpr[:6] not in notification.body


def test_only_the_channels_the_citizen_can_be_reached_on(booking, citizen):
    citizen.mobile = ""
    citizen.save()
    services.remind_to_evaluate()
    assert [n.channel for n in asked(booking)] == [Channel.EMAIL]


def test_the_periodic_task_asks_when_the_consultant_marks_the_conversation_held(
    citizen, consultant_in_team
):
    now = timezone.now()
    booking = BookingFactory(
        citizen=citizen, consultant=consultant_in_team, start=now - timedelta(hours=1)
    )
    assert tasks.ask_for_evaluations.call_local() == 0
    mark_outcome(booking=booking, status=Status.HELD, actor=consultant_in_team)
    assert tasks.ask_for_evaluations.call_local() == 1
    assert asked(booking).exists()


def test_no_question_about_a_no_show(citizen, consultant_in_team, today):
    no_show = held_booking(
        citizen, consultant_in_team, day=today - timedelta(days=1), status=Status.NO_SHOW
    )
    assert services.remind_to_evaluate() == 0
    assert not asked(no_show).exists()


def test_no_question_when_already_answered(booking, citizen, today):
    services.evaluation_give(booking=booking, actor=citizen.user, score=8, words="", today=today)
    assert services.remind_to_evaluate() == 0
    assert not Notification.objects.exists()


def test_no_question_about_a_conversation_marked_held_long_ago(booking):
    later = booking.status_changed_at + timedelta(days=3)
    assert services.remind_to_evaluate(now=later) == 0


def test_no_question_when_it_is_marked_held_after_the_window(citizen, consultant_in_team, today):
    old = held_booking(citizen, consultant_in_team, day=today - timedelta(days=20))
    old.status_changed_at = timezone.now()
    old.save()
    assert services.remind_to_evaluate() == 0


def test_a_question_at_night_waits_for_the_morning(booking):
    night = datetime.combine(
        timezone.localdate(booking.status_changed_at),
        time(23, 30),
        tzinfo=timezone.get_current_timezone(),
    )
    services.remind_to_evaluate(now=night)
    assert all(timezone.localtime(n.scheduled_for).hour == 9 for n in asked(booking))
