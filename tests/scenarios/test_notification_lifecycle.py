"""A message's life: queued, then sent, withdrawn (what it is about changed), dropped (a
reminder that would come too late) or failed. The clock is pinned: these rules are about
nights, quiet hours and the daylight-saving night."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from booking import deadlines
from booking.models import MeetingMode
from booking.services import bookings as services
from booking.services.bookings import BookingRequest
from booking.tests.factories import TopicFactory, working_week
from citizens.tests.factories import CitizenFactory
from notifications import backends
from notifications.models import Notification, NotificationStatus
from notifications.services import (
    DEFAULT_QUIET_HOURS,
    QuietHours,
    deliver_due,
    is_allowed_time,
    notifications_withdraw,
    notify,
    notify_reminder,
    reminder_time,
)


@pytest.fixture(autouse=True)
def sms_outbox():
    """The locmem SMS outbox, empty at the start of every test (as notifications/tests/conftest.py
    does for the notifications app's own tests)."""
    backends.outbox.clear()
    return backends.outbox


CPH = ZoneInfo("Europe/Copenhagen")
QUEUED, SENT = NotificationStatus.QUEUED, NotificationStatus.SENT
WITHDRAWN, DROPPED = NotificationStatus.WITHDRAWN, NotificationStatus.DROPPED


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=CPH)  # type: ignore[arg-type,misc]


FRIDAY_NOON = local(2026, 11, 27, 12, 0)
MONDAY_0830 = local(2026, 11, 30, 8, 30)
DAY = timedelta(hours=24)


@pytest.fixture
def topic(centre, consultant):
    """Bookable from 08.00, so a Monday 08.30 meeting can be booked."""
    working_week(consultant, start=time(8, 0))
    return TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])


def book(citizen, topic, start, now, **kwargs):
    with time_machine.travel(now, tick=False):
        booking, _ = services.book(
            citizen=citizen,
            request=BookingRequest(topic=topic, start=start, mode=MeetingMode.PHONE),
            actor=citizen.user,
            now=now,
            **kwargs,
        )
    return booking


def deliver(now):
    with time_machine.travel(now, tick=False):
        return deliver_due(now=now)


def statuses(**filters) -> dict[str, str]:
    return dict(
        Notification.objects.filter(channel="email", **filters).values_list("kind", "status")
    )


# --- When a reminder goes out


def test_a_monday_0830_meeting_booked_friday_is_reminded_sunday_in_the_daytime():
    at = reminder_time(event_at=MONDAY_0830, lead=DAY, quiet=DEFAULT_QUIET_HOURS, now=FRIDAY_NOON)
    assert at == local(2026, 11, 29, 9, 0)  # Sunday, after the quiet hours, never Monday 09.00


def test_quiet_hours_that_would_push_a_reminder_past_the_start_make_it_the_evening_before():
    two_hours = timedelta(hours=2)  # Monday 06.30 is quiet; Monday 09.00 is after the start
    at = reminder_time(
        event_at=MONDAY_0830, lead=two_hours, quiet=DEFAULT_QUIET_HOURS, now=FRIDAY_NOON
    )
    assert at == local(2026, 11, 29, 21, 30)  # Sunday, half an hour before the quiet hours


def test_a_centre_s_own_quiet_hours_decide(centre):
    centre.quiet_hours_start, centre.quiet_hours_end = time(21, 0), time(8, 0)
    quiet = QuietHours(start=time(21, 0), end=time(8, 0))
    assert reminder_time(event_at=MONDAY_0830, lead=DAY, quiet=quiet, now=FRIDAY_NOON) == local(
        2026, 11, 29, 8, 30
    )
    two_hours = timedelta(hours=2)
    assert reminder_time(
        event_at=MONDAY_0830, lead=two_hours, quiet=quiet, now=FRIDAY_NOON
    ) == local(2026, 11, 29, 20, 30)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2026, 11, 29, 20, 0), local(2026, 11, 29, 20, 0)),  # at once
        (local(2026, 11, 29, 21, 45), local(2026, 11, 29, 21, 45)),  # at once: still allowed
        (local(2026, 11, 29, 22, 0), None),  # quiet until after the start: no reminder
        (local(2026, 11, 29, 23, 50), None),
        (local(2026, 11, 30, 8, 0), None),
    ],
)
def test_a_late_booking_is_reminded_before_the_quiet_hours_or_not_at_all(now, expected):
    assert reminder_time(event_at=MONDAY_0830, lead=DAY, quiet=DEFAULT_QUIET_HOURS, now=now) == (
        expected
    )


def test_the_lead_time_is_counted_on_the_clock_across_the_daylight_saving_night():
    # Sunday 25 October 2026: 03.00 CEST becomes 02.00 CET, so that day has 25 hours.
    monday = local(2026, 10, 26, 8, 30)
    at = reminder_time(
        event_at=monday, lead=DAY, quiet=DEFAULT_QUIET_HOURS, now=local(2026, 10, 20)
    )
    assert at == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)  # Sunday 09.00 CET
    sunday_noon = local(2026, 10, 25, 12, 0)
    at = reminder_time(
        event_at=sunday_noon, lead=DAY, quiet=DEFAULT_QUIET_HOURS, now=local(2026, 10, 20)
    )
    assert at == datetime(2026, 10, 24, 10, 0, tzinfo=UTC)  # Saturday 12.00 CEST, 25 hours before
    two_hours = timedelta(hours=2)  # Monday 06.30 is quiet: the evening before, in CET
    at = reminder_time(
        event_at=monday, lead=two_hours, quiet=DEFAULT_QUIET_HOURS, now=local(2026, 10, 20)
    )
    assert at == datetime(2026, 10, 25, 20, 30, tzinfo=UTC)  # Sunday 21.30 CET
    # Booked in the repeated hour between 02.00 and 03.00 for Sunday 10.00: at 09.00 at once.
    repeated = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02.30 CET, the second time
    at = reminder_time(
        event_at=local(2026, 10, 25, 10, 0), lead=DAY, quiet=DEFAULT_QUIET_HOURS, now=repeated
    )
    assert at == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)


def test_a_reminder_follows_the_recipient_s_centre(citizen):
    centre = citizen.job_centre
    centre.quiet_hours_start, centre.quiet_hours_end = time(21, 0), time(8, 0)
    centre.reminder_lead_hours = 12
    centre.save()
    (email, _sms) = notify_reminder(
        recipient=citizen.user,
        key="booking:1:reminder",
        subject="Påmindelse",
        body="Din samtale",
        event_at=MONDAY_0830,
        now=FRIDAY_NOON,
    )
    assert email.scheduled_for == local(2026, 11, 29, 20, 30)  # Sunday, before 21.00
    assert email.kind == "reminder" and email.about == "booking:1" and email.status == QUEUED


# --- Sending


def test_the_sending_task_drops_a_reminder_whose_event_has_begun(citizen, sms_outbox):
    notify_reminder(
        recipient=citizen.user,
        key="booking:1:reminder",
        subject="Påmindelse",
        body="Din samtale",
        event_at=MONDAY_0830,
        now=FRIDAY_NOON,
    )
    # The queue was down from Sunday morning until after the meeting had begun.
    assert deliver(local(2026, 11, 30, 9, 0)) == 0
    assert mail.outbox == [] and sms_outbox == []
    assert set(Notification.objects.values_list("status", flat=True)) == {DROPPED}
    assert Notification.objects.first().status_reason


def test_nothing_is_ever_sent_inside_a_centre_s_quiet_hours(citizen):
    centre = citizen.job_centre
    centre.quiet_hours_start, centre.quiet_hours_end = time(21, 0), time(8, 0)
    centre.save()
    notify(
        recipient=citizen.user,
        key="k",
        subject="Emne",
        body="Tekst",
        now=local(2026, 11, 27, 20, 0),
    )
    assert deliver(local(2026, 11, 27, 21, 0)) == 0  # its turn came too late: the morning
    assert Notification.objects.filter(scheduled_for=local(2026, 11, 28, 8, 0)).count() == 2
    assert deliver(local(2026, 11, 28, 7, 55)) == 0
    assert deliver(local(2026, 11, 28, 8, 0)) == 2


def test_over_two_days_across_the_daylight_saving_night_nothing_goes_out_at_night(citizen, centre):
    """The sending task every five minutes from Saturday noon to Monday noon, 24-26 October
    2026, with messages and reminders asked for at all hours."""
    other = CitizenFactory(job_centre=centre)
    start = local(2026, 10, 24, 12, 0)
    events = [local(2026, 10, 25, 8, 30), local(2026, 10, 25, 10, 0), local(2026, 10, 26, 8, 30)]
    for hour in range(0, 48, 5):
        now = start + timedelta(hours=hour, minutes=7)
        for n, event in enumerate(events):
            notify_reminder(
                recipient=citizen.user,
                key=f"booking:{n}:reminder:{hour}",
                subject="Påmindelse",
                body="Din samtale",
                event_at=event,
                now=now,
            )
        notify(recipient=other.user, key=f"note:{hour}", subject="Emne", body="Tekst", now=now)
    moment = start
    while moment <= start + timedelta(hours=48):
        deliver(moment)
        moment += timedelta(minutes=5)
    sent = Notification.objects.filter(status=SENT)
    assert sent.count() > 20
    for notification in sent:
        assert is_allowed_time(notification.sent_at), notification.sent_at.astimezone(CPH)
        if notification.event_at:
            assert notification.sent_at < notification.event_at
    assert not Notification.objects.filter(status=QUEUED, scheduled_for__lte=moment).exists()


# --- Binding letters


def test_a_binding_letter_is_never_dropped(citizen):
    notify(
        recipient=citizen.user,
        key="summons:1",
        subject="Indkaldelse",
        body="Du er indkaldt",
        binding=True,
        event_at=MONDAY_0830,
        now=local(2026, 11, 29, 23, 50),
    )
    assert deliver(local(2026, 11, 30, 9, 0)) == 2  # after the start, but binding: sent
    letter = Notification.objects.first()
    letter.status = DROPPED
    with pytest.raises(IntegrityError), transaction.atomic():
        letter.save()


def test_a_summons_made_at_night_for_the_morning_goes_out_the_reminder_does_not(
    centre, consultant, topic
):
    citizen = CitizenFactory(
        job_centre=centre, self_booking_exempt=True, self_booking_exemption_reason="language"
    )
    booking = book(citizen, topic, MONDAY_0830, local(2026, 11, 29, 23, 50), summons=True)
    assert statuses(about=f"booking:{booking.pk}") == {"receipt": QUEUED, "reminder": DROPPED}
    assert deliver(local(2026, 11, 30, 9, 0)) == 2
    assert [m.subject for m in mail.outbox] == ["Din samtale er booket"]


def test_a_withdrawn_binding_letter_is_withdrawn_visibly(citizen):
    notify(
        recipient=citizen.user,
        key="deadline:9:given",
        subject="Frist",
        body="Book en samtale",
        binding=True,
        now=local(2026, 11, 29, 23, 0),
    )
    assert notifications_withdraw(about="deadline:9", reason="Fristen blev trukket tilbage.") == 2
    assert set(Notification.objects.values_list("status", "binding")) == {(WITHDRAWN, True)}


# --- What changes withdraws what has not gone out


def test_withdrawing_a_deadline_at_night_sends_nothing_about_it_in_the_morning(citizen, consultant):
    with time_machine.travel(local(2026, 11, 23, 23, 0), tick=False):
        item = deadlines.create(
            citizen=citizen,
            actor=consultant,
            window_start=date(2026, 11, 24),
            window_end=date(2026, 12, 18),
            today=date(2026, 11, 23),
        )
    with time_machine.travel(local(2026, 11, 23, 23, 30), tick=False):
        deadlines.withdraw(item=item)
    assert deliver(local(2026, 11, 24, 9, 0)) == 0
    assert mail.outbox == []
    assert statuses(about=f"deadline:{item.pk}") == {"given": WITHDRAWN}


def test_withdrawing_a_deadline_withdraws_its_queued_reminder_and_keeps_the_sent_letter(
    citizen, consultant
):
    with time_machine.travel(local(2026, 11, 23, 10, 0), tick=False):
        item = deadlines.create(
            citizen=citizen,
            actor=consultant,
            window_start=date(2026, 11, 24),
            window_end=date(2026, 12, 18),
            today=date(2026, 11, 23),
        )
    assert deliver(local(2026, 11, 23, 10, 0)) == 2
    morning = datetime.combine(item.deadline - timedelta(days=2), time(7, 0), tzinfo=CPH)
    with time_machine.travel(morning, tick=False):
        assert deadlines.remind(today=morning.date()) == 2  # e-mail and SMS
    with time_machine.travel(morning + timedelta(minutes=90), tick=False):
        deadlines.withdraw(item=item)
    assert deliver(morning + timedelta(hours=2)) == 0
    assert statuses(about=f"deadline:{item.pk}") == {"given": SENT, "reminder": WITHDRAWN}
    assert len(mail.outbox) == 1


def test_moving_a_meeting_at_night_sends_only_the_moved_message(citizen, topic):
    thursday_10 = local(2026, 11, 26, 10, 0)
    booking = book(citizen, topic, thursday_10, local(2026, 11, 23, 23, 0))
    night = local(2026, 11, 23, 23, 30)
    with time_machine.travel(night, tick=False):
        services.reschedule(
            booking=booking, start=thursday_10 + timedelta(hours=1), actor=citizen.user, now=night
        )
    assert deliver(local(2026, 11, 24, 9, 0)) == 2  # e-mail and SMS
    assert [m.subject for m in mail.outbox] == ["Din samtale er flyttet"]
    rows = Notification.objects.filter(about=f"booking:{booking.pk}", channel="email")
    assert sorted(rows.values_list("kind", "status")) == [
        ("moved", SENT),
        ("receipt", WITHDRAWN),
        ("reminder", QUEUED),
        ("reminder", WITHDRAWN),
    ]
    new_reminder = rows.get(kind="reminder", status=QUEUED)
    assert new_reminder.scheduled_for == local(2026, 11, 25, 11, 0)  # 24 hours before 11.00
    assert deliver(local(2026, 11, 25, 11, 0)) == 2
    assert "kl. 11.00" in mail.outbox[-1].body


def test_moving_back_to_the_first_time_queues_its_reminder_again(citizen, topic):
    thursday_10 = local(2026, 11, 26, 10, 0)
    now = local(2026, 11, 23, 12, 0)
    booking = book(citizen, topic, thursday_10, now)
    with time_machine.travel(now, tick=False):
        for start in (thursday_10 + timedelta(hours=1), thursday_10):
            booking = services.reschedule(booking=booking, start=start, actor=citizen.user, now=now)
    reminders = Notification.objects.filter(channel="email", kind="reminder", status=QUEUED)
    assert [r.event_at for r in reminders] == [thursday_10]


def test_cancelling_at_night_withdraws_the_receipt_and_the_reminder(citizen, topic):
    booking = book(citizen, topic, local(2026, 11, 26, 10, 0), local(2026, 11, 23, 23, 0))
    night = local(2026, 11, 23, 23, 30)
    with time_machine.travel(night, tick=False):
        services.cancel_by_citizen(booking=booking, actor=citizen.user, now=night)
    assert deliver(local(2026, 11, 24, 9, 0)) == 0
    assert statuses(about=f"booking:{booking.pk}") == {"receipt": WITHDRAWN, "reminder": WITHDRAWN}


def test_the_centre_cancelling_withdraws_the_reminder_and_sends_the_cancellation(
    citizen, topic, consultant
):
    booking = book(citizen, topic, local(2026, 11, 26, 10, 0), local(2026, 11, 23, 10, 0))
    assert deliver(local(2026, 11, 23, 10, 0)) == 2  # the receipt
    with time_machine.travel(local(2026, 11, 24, 8, 0), tick=False):
        services.cancel_by_centre(
            booking=booking, actor=consultant, reason="Sygdom", now=local(2026, 11, 24, 8, 0)
        )
    assert deliver(local(2026, 11, 25, 10, 0)) == 2
    assert statuses(about=f"booking:{booking.pk}") == {
        "receipt": SENT,
        "reminder": WITHDRAWN,
        "cancelled": SENT,
    }


@pytest.mark.parametrize(
    ("booked_at", "reminded_at"),
    [
        (local(2026, 11, 29, 21, 45), local(2026, 11, 29, 21, 45)),  # before the quiet hours
        (local(2026, 11, 29, 23, 50), None),  # not after the start, and not at night
    ],
)
def test_a_late_evening_booking_for_tomorrow_0830(citizen, topic, booked_at, reminded_at):
    booking = book(citizen, topic, MONDAY_0830, booked_at)
    reminder = Notification.objects.get(
        about=f"booking:{booking.pk}", kind="reminder", channel="email"
    )
    if reminded_at is None:
        assert reminder.status == DROPPED
    else:
        assert reminder.status == QUEUED and reminder.scheduled_for == reminded_at
    moment = booked_at
    while moment < MONDAY_0830 + timedelta(hours=2):
        deliver(moment)
        moment += timedelta(minutes=5)
    for message in Notification.objects.filter(status=SENT):
        assert message.sent_at < MONDAY_0830 and is_allowed_time(message.sent_at)
    assert bool(Notification.objects.filter(kind="reminder", status=SENT)) == bool(reminded_at)


# --- The citizen's own tools


def test_checking_the_suggestions_at_night_withdraws_the_reminder(citizen):
    from suggestions import services as suggestions
    from suggestions.tests.factories import BatchFactory, SuggestionFactory

    due_on = date(2026, 11, 25)
    batch = BatchFactory(citizen=citizen, due_on=due_on, week_start=date(2026, 11, 16))
    suggestion = SuggestionFactory(batch=batch)
    evening = local(2026, 11, 24, 22, 30)
    with time_machine.travel(evening, tick=False):
        assert suggestions.remind(today=evening.date(), now=evening) == 2
    night = local(2026, 11, 24, 23, 30)
    with time_machine.travel(night, tick=False):
        suggestions.suggestion_mark_seen(suggestion=suggestion, citizen=citizen, now=night)
    assert deliver(local(2026, 11, 25, 9, 0)) == 0
    assert statuses(about=f"suggestions:{batch.pk}") == {"reminder": WITHDRAWN}


def test_writing_in_the_joblog_at_night_withdraws_the_inactivity_messages(citizen, consultant):
    from joblog import services as joblog
    from joblog.tests.factories import EntryFactory, OccupationFactory

    occupation = OccupationFactory()
    EntryFactory(citizen=citizen, occupation=occupation, date=date(2026, 10, 23))
    night = local(2026, 11, 22, 23, 0)
    with time_machine.travel(night, tick=False):
        assert joblog.notify_inactive(date(2026, 11, 22)) == 1
        joblog.entry_create(
            citizen=citizen,
            today=night.date(),
            activity="application",
            occupation=occupation,
            employer="Arla Foods",
            date=night.date(),
            status="sent",
        )
    assert deliver(local(2026, 11, 23, 9, 0)) == 0
    withdrawn = Notification.objects.filter(about=f"joblog:{citizen.pk}")
    assert {(n.recipient, n.status) for n in withdrawn} == {
        (citizen.user, WITHDRAWN),
        (consultant, WITHDRAWN),
    }


@pytest.mark.parametrize(
    ("booked_at", "lead_hours", "sent_at", "subject"),
    [
        (FRIDAY_NOON, 24, local(2026, 11, 29, 10, 30), "Påmindelse: din samtale i morgen"),
        (FRIDAY_NOON, 48, local(2026, 11, 28, 10, 30), "Påmindelse: din samtale med jobcentret"),
        (
            local(2026, 11, 29, 23, 30),
            24,
            local(2026, 11, 30, 9, 0),
            "Påmindelse: din samtale i dag",
        ),
    ],
)
def test_the_reminder_says_tomorrow_only_when_it_is_true(
    citizen, topic, booked_at, lead_hours, sent_at, subject
):
    centre = citizen.job_centre
    centre.reminder_lead_hours = lead_hours
    centre.save()
    booking = book(citizen, topic, local(2026, 11, 30, 10, 30), booked_at)
    reminder = Notification.objects.get(
        about=f"booking:{booking.pk}", kind="reminder", channel="email"
    )
    assert (reminder.scheduled_for, reminder.subject) == (sent_at, subject)
