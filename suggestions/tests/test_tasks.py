"""Reminders go to the citizen once per week of suggestions, the rule's number of days
before the deadline; a missed check is flagged to the responsible consultant once, and
nothing else happens."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Channel, Notification
from suggestions import services, tasks
from suggestions.models import SuggestionRule
from suggestions.tests.factories import BatchFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


def _batch(citizen, due_on):
    week = services.week_start(due_on - timedelta(days=7))
    batch = BatchFactory(citizen=citizen, due_on=due_on, week_start=week)
    SuggestionFactory(batch=batch)
    return batch


def test_the_citizen_is_reminded_once_the_day_before(citizen, other_citizen):
    today = timezone.localdate()
    tomorrow = _batch(citizen, today + timedelta(days=1))
    _batch(other_citizen, today + timedelta(days=3))  # later: no reminder yet
    assert services.remind(today) == 2  # e-mail and SMS
    assert services.remind(today) == 0
    sent = Notification.objects.filter(key=f"suggestions:{tomorrow.pk}:reminder")
    assert {n.channel for n in sent} == {Channel.EMAIL, Channel.SMS}
    assert {n.recipient for n in sent} == {citizen.user}
    assert all("/jobforslag/" in n.body for n in sent)
    assert Notification.objects.count() == 2


def test_the_rule_decides_how_early(citizen, centre):
    SuggestionRule.objects.create(job_centre=centre, remind_days_before=3)
    _batch(citizen, timezone.localdate() + timedelta(days=3))
    assert services.remind() == 2


def test_a_checked_batch_is_not_reminded(citizen):
    batch = _batch(citizen, timezone.localdate() + timedelta(days=1))
    batch.checked_at = timezone.now()
    batch.save()
    assert services.remind() == 0


def test_a_missed_check_is_flagged_to_the_consultant_once(citizen, consultant, other_citizen):
    today = timezone.localdate()
    missed = _batch(citizen, today - timedelta(days=1))
    on_time = _batch(citizen, today - timedelta(days=8))
    on_time.checked_at = timezone.now() - timedelta(days=9)
    on_time.save()
    _batch(other_citizen, today)  # the deadline is today: not missed yet
    assert services.flag_missed(today) == 1
    assert tasks.daily_suggestion_checks.call_local()[0] == 0
    missed.refresh_from_db()
    assert missed.missed_at is not None and missed.checked_at is None
    flagged = Notification.objects.get(key=f"suggestions:{missed.pk}:missed")
    assert (flagged.recipient, flagged.channel) == (consultant, Channel.EMAIL)
    assert citizen.name in flagged.body
    assert f"/borgere/{citizen.public_id}/jobforslag/" in flagged.body
    assert not Notification.objects.filter(recipient=citizen.user, key__endswith=":missed")


def test_without_a_consultant_the_flag_is_still_set(other_citizen):
    batch = _batch(other_citizen, timezone.localdate() - timedelta(days=2))
    assert services.flag_missed() == 1
    batch.refresh_from_db()
    assert batch.missed_at is not None
    assert not Notification.objects.exists()
