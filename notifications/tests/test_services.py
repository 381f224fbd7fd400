import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction

from citizens.tests.factories import CitizenFactory
from notifications import services, tasks
from notifications.backends import SmsBackend
from notifications.models import Channel, Notification
from notifications.services import deliver_due, next_allowed_time, notify, queueing

CPH = ZoneInfo("Europe/Copenhagen")
MORNING = datetime(2026, 11, 10, 10, 0, tzinfo=CPH)


def reminder(
    recipient,
    *,
    key="booking:1:reminder",
    body="Du har en samtale i morgen kl. 10:00 på jobcentret.",
    now=MORNING,
    **kwargs,
):
    return notify(
        recipient=recipient,
        key=key,
        subject="Påmindelse om samtale",
        body=body,
        now=now,
        **kwargs,
    )


# --- Channels


def test_a_citizen_is_reached_by_email_and_sms(citizen):
    created = reminder(citizen.user)
    assert sorted(n.channel for n in created) == [Channel.EMAIL, Channel.SMS]
    sms = next(n for n in created if n.channel == Channel.SMS)
    assert sms.subject == ""


def test_a_citizen_without_a_mobile_number_gets_email_only(centre):
    citizen = CitizenFactory(job_centre=centre, mobile="")
    assert [n.channel for n in reminder(citizen.user)] == [Channel.EMAIL]


def test_a_citizen_without_an_email_address_gets_sms_only(centre):
    citizen = CitizenFactory(job_centre=centre, user__email="")
    assert [n.channel for n in reminder(citizen.user)] == [Channel.SMS]


def test_staff_get_email_only(consultant):
    assert [n.channel for n in reminder(consultant)] == [Channel.EMAIL]


def test_channels_narrow_the_choice_and_skip_what_cannot_reach(citizen, consultant):
    assert [n.channel for n in reminder(citizen.user, channels=[Channel.SMS])] == [Channel.SMS]
    assert reminder(consultant, channels=[Channel.SMS]) == []


# --- Never twice


def test_the_same_key_twice_makes_one_notification_per_channel(citizen):
    assert len(reminder(citizen.user)) == 2
    assert reminder(citizen.user) == []
    assert Notification.objects.count() == 2
    assert len(reminder(citizen.user, key="booking:1:changed")) == 2


def test_the_database_refuses_a_second_notification_with_the_same_key(citizen):
    (email, *_) = reminder(citizen.user, channels=[Channel.EMAIL])
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=citizen.user,
            channel=Channel.EMAIL,
            key=email.key,
            body="igen",
            scheduled_for=MORNING,
        )


def test_delivering_twice_sends_once(citizen, sms_outbox):
    reminder(citizen.user)
    assert deliver_due(now=MORNING) == 2
    assert deliver_due(now=MORNING + timedelta(minutes=5)) == 0
    assert len(mail.outbox) == 1 and len(sms_outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.user.email]
    assert message.subject == "Påmindelse om samtale"
    assert message.from_email == "Jobsamtale <noreply@jobsamtale.local>"
    assert sms_outbox[0].to == "+4520123456"
    assert "i morgen kl. 10:00" in sms_outbox[0].text
    assert Notification.objects.filter(sent_at=MORNING).count() == 2


def test_not_before_holds_a_notification_back(consultant):
    later = MORNING + timedelta(hours=3)
    (email,) = reminder(consultant, not_before=later)
    assert email.scheduled_for == later
    assert deliver_due(now=MORNING) == 0
    assert deliver_due(now=later) == 1


def test_a_due_notification_is_enqueued_after_commit(
    consultant, monkeypatch, django_capture_on_commit_callbacks
):
    runs = []
    monkeypatch.setattr(tasks, "deliver_due", lambda: runs.append("run") or 0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reminder(consultant)
    assert len(callbacks) == 1 and runs == ["run"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reminder(consultant, key="tonight", now=datetime(2026, 11, 10, 23, 0, tzinfo=CPH))
        reminder(consultant)  # exists already
    assert callbacks == []


# --- Quiet hours


def test_a_notification_asked_for_at_night_is_scheduled_for_nine_next_morning(consultant):
    (email,) = reminder(consultant, now=datetime(2026, 11, 10, 23, 30, tzinfo=CPH))
    assert email.scheduled_for == datetime(2026, 11, 11, 9, 0, tzinfo=CPH)
    assert deliver_due(now=datetime(2026, 11, 11, 3, 0, tzinfo=CPH)) == 0
    assert deliver_due(now=datetime(2026, 11, 11, 9, 0, tzinfo=CPH)) == 1
    assert len(mail.outbox) == 1


def test_nothing_goes_out_at_night_even_when_due(consultant):
    reminder(consultant)
    for day, hour, minute in [(10, 22, 0), (10, 23, 59), (11, 0, 0), (11, 3, 0), (11, 8, 59)]:
        assert deliver_due(now=datetime(2026, 11, day, hour, minute, tzinfo=CPH)) == 0
    assert mail.outbox == []
    assert Notification.objects.get().scheduled_for == datetime(2026, 11, 11, 9, 0, tzinfo=CPH)
    assert deliver_due(now=datetime(2026, 11, 11, 9, 0, tzinfo=CPH)) == 1


def test_a_message_due_in_the_daytime_goes_out_until_quiet_hours_begin(consultant):
    reminder(consultant)
    assert deliver_due(now=datetime(2026, 11, 10, 21, 59, tzinfo=CPH)) == 1


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ((2026, 11, 10, 9, 0), (2026, 11, 10, 9, 0)),
        ((2026, 11, 10, 21, 59), (2026, 11, 10, 21, 59)),
        ((2026, 11, 10, 22, 0), (2026, 11, 11, 9, 0)),
        ((2026, 11, 10, 23, 30), (2026, 11, 11, 9, 0)),
        ((2026, 11, 11, 0, 15), (2026, 11, 11, 9, 0)),
        ((2026, 11, 11, 8, 59), (2026, 11, 11, 9, 0)),
        ((2026, 12, 31, 23, 0), (2027, 1, 1, 9, 0)),
    ],
)
def test_next_allowed_time(local, expected):
    assert next_allowed_time(datetime(*local, tzinfo=CPH)) == datetime(*expected, tzinfo=CPH)


@pytest.mark.parametrize(
    ("when_utc", "expected_utc"),
    [
        # Sunday 29 March 2026: clocks go from 02:00 CET to 03:00 CEST; 09:00 is 07:00 UTC.
        (datetime(2026, 3, 28, 22, 30, tzinfo=UTC), datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        (datetime(2026, 3, 29, 20, 30, tzinfo=UTC), datetime(2026, 3, 30, 7, 0, tzinfo=UTC)),
        # Sunday 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET; 09:00 is 08:00 UTC.
        (datetime(2026, 10, 24, 21, 30, tzinfo=UTC), datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
        (datetime(2026, 10, 25, 21, 30, tzinfo=UTC), datetime(2026, 10, 26, 8, 0, tzinfo=UTC)),
    ],
)
def test_next_allowed_time_is_nine_local_on_daylight_saving_days(when_utc, expected_utc):
    result = next_allowed_time(when_utc)
    assert result == expected_utc
    assert result.astimezone(CPH).hour == 9


def test_delivery_follows_local_time_on_daylight_saving_days(consultant):
    # On 29 March 06:30 UTC is 08:30 CEST (night) and 07:30 UTC is 09:30 CEST (day).
    reminder(consultant, now=datetime(2026, 3, 28, 22, 30, tzinfo=UTC))
    assert deliver_due(now=datetime(2026, 3, 29, 6, 30, tzinfo=UTC)) == 0
    assert deliver_due(now=datetime(2026, 3, 29, 7, 30, tzinfo=UTC)) == 1


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        next_allowed_time(datetime(2026, 11, 10, 10, 0))


# --- Failures


class BrokenSmsBackend(SmsBackend):
    def send(self, to: str, text: str) -> None:
        raise RuntimeError(f"gateway refused {to}: {text}")


def test_a_failing_send_is_retried_and_given_up_after_five_attempts(citizen, settings):
    settings.SMS_BACKEND = "notifications.tests.test_services.BrokenSmsBackend"
    reminder(citizen.user)
    assert deliver_due(now=MORNING) == 1  # the e-mail; the SMS is tried once per run
    sms = Notification.objects.get(channel=Channel.SMS)
    assert sms.attempts == 1 and sms.sent_at is None and sms.failed_at is None
    assert sms.error.startswith("RuntimeError: gateway refused")
    assert sms.body not in sms.error and "[body]" in sms.error
    for minutes in range(5, 25, 5):
        assert deliver_due(now=MORNING + timedelta(minutes=minutes)) == 0
    sms.refresh_from_db()
    assert sms.attempts == 5 and sms.failed_at == MORNING + timedelta(minutes=20)
    settings.SMS_BACKEND = "notifications.backends.LocmemSmsBackend"
    assert deliver_due(now=MORNING + timedelta(minutes=25)) == 0
    assert len(mail.outbox) == 1


def test_a_send_that_works_on_retry_is_sent(citizen, settings, sms_outbox):
    settings.SMS_BACKEND = "notifications.tests.test_services.BrokenSmsBackend"
    reminder(citizen.user, channels=[Channel.SMS])
    assert deliver_due(now=MORNING) == 0
    settings.SMS_BACKEND = "notifications.backends.LocmemSmsBackend"
    assert deliver_due(now=MORNING + timedelta(minutes=5)) == 1
    sms = Notification.objects.get()
    assert sms.sent_at is not None and sms.attempts == 1
    assert len(sms_outbox) == 1


def test_a_removed_address_is_a_failure_not_a_send_elsewhere(citizen, sms_outbox):
    reminder(citizen.user, channels=[Channel.SMS])
    citizen.mobile = ""
    citizen.save()
    assert deliver_due(now=MORNING) == 0
    assert Notification.objects.get().error == "ValueError: The recipient has no mobile number."
    assert sms_outbox == []


# --- Personal data


@pytest.mark.parametrize("cpr", ["010190-1234", "0101901234"])
def test_a_cpr_number_is_refused(citizen, cpr):
    with pytest.raises(ValueError, match="CPR"):
        notify(recipient=citizen.user, key="k", subject="s", body=f"Dit CPR-nummer er {cpr}.")
    with pytest.raises(ValueError, match="CPR"):
        notify(recipient=citizen.user, key="k", subject=f"CPR {cpr}", body="b")
    assert not Notification.objects.exists()


def test_a_phone_number_is_not_mistaken_for_a_cpr_number(consultant):
    assert reminder(consultant, key="call", body="Ring til os på +4570123456 eller 70 12 34 56.")


# --- Two workers


slow_outbox: list[str] = []


class SlowSmsBackend(SmsBackend):
    """Slow enough that the two workers overlap."""

    def send(self, to: str, text: str) -> None:
        threading.Event().wait(0.2)
        slow_outbox.append(text)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_notification(centre, settings, monkeypatch) -> None:
    settings.SMS_BACKEND = "notifications.tests.test_services.SlowSmsBackend"
    # Only the two workers send: the queue's own run after commit would otherwise send them
    # all first whenever the suite runs in the daytime.
    monkeypatch.setattr(queueing, "_enqueue_delivery", lambda: None)
    slow_outbox.clear()
    for n in range(4):
        citizen = CitizenFactory(job_centre=centre, user__email="")
        reminder(citizen.user, key=f"k{n}", body=f"Besked nummer {n}.")
    counts: list[int] = []

    def worker() -> None:
        try:
            counts.append(services.deliver_due(now=MORNING))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 4 and all(counts)
    assert len(slow_outbox) == len(set(slow_outbox)) == 4
