import uuid
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.tests.factories import StaffFactory
from booking import deadlines, reminders
from booking.models import Booking, BookingRule, MeetingMode, Origin, Status
from booking.services import bookings as services
from booking.services.bookings import BookingRequest, SlotTaken
from booking.tests.conftest import NOW, local
from booking.tests.factories import working_week
from citizens.tests.factories import CitizenFactory
from notifications.models import Notification
from notifications.services import deliver_due

pytestmark = pytest.mark.django_db

TUESDAY_10 = local(2026, 11, 24, 10, 0)


def req(topic, start=TUESDAY_10, mode=MeetingMode.PHONE, **kw):
    return BookingRequest(topic=topic, start=start, mode=mode, **kw)


def test_book_records_a_self_booking_with_the_citizens_words(topic, citizen):
    booking, created = services.book(
        citizen=citizen,
        request=req(topic, talk_about="Mit CV", take_away="En plan"),
        actor=citizen.user,
        now=NOW,
    )
    assert created and booking.origin == Origin.SELF_BOOKED and booking.facilitated_by is None
    assert booking.end - booking.start == timedelta(minutes=45)
    assert booking.blocked_until - booking.end == timedelta(minutes=15)
    assert booking.talk_about == "Mit CV"
    assert Notification.objects.filter(recipient=citizen.user, key__endswith="receipt").exists()


def test_same_idempotency_key_makes_one_booking(topic, citizen):
    key = uuid.uuid4()
    first, created = services.book(
        citizen=citizen, request=req(topic), actor=citizen.user, idempotency_key=key, now=NOW
    )
    again, created_again = services.book(
        citizen=citizen, request=req(topic), actor=citizen.user, idempotency_key=key, now=NOW
    )
    assert created and not created_again and first.pk == again.pk
    assert Booking.objects.count() == 1


def test_a_taken_time_raises_slot_taken_with_the_nearest_free_times(topic, citizen):
    services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    other = CitizenFactory(job_centre=citizen.job_centre)
    with pytest.raises(SlotTaken) as taken:
        services.book(citizen=other, request=req(topic), actor=other.user, now=NOW)
    assert taken.value.alternatives
    assert all(s.start != TUESDAY_10 for s in taken.value.alternatives)
    assert Booking.objects.count() == 1


def test_first_free_prefers_the_citizens_own_consultant_then_takes_another(topic, citizen):
    colleague = StaffFactory(job_centre=citizen.job_centre, username="jc2")
    working_week(colleague)
    topic.consultants.add(colleague)
    mine, _ = services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    assert mine.consultant == citizen.responsible_consultant
    other = CitizenFactory(job_centre=citizen.job_centre)
    theirs, _ = services.book(citizen=other, request=req(topic), actor=other.user, now=NOW)
    assert theirs.consultant == colleague


@pytest.mark.parametrize(
    ("start", "field"),
    [
        (local(2026, 11, 22, 10, 0), "start"),  # in the past
        (local(2026, 11, 23, 9, 0), "start"),  # less than 2 hours' notice
        (local(2027, 3, 1, 10, 0), "start"),  # beyond 42 days
        (local(2026, 11, 24, 10, 15), "start"),  # not on the grid
        (local(2026, 12, 25, 10, 0), "start"),  # Juledag
        (local(2026, 11, 28, 10, 0), "start"),  # Saturday
        (local(2026, 11, 24, 12, 0), "start"),  # lunch break
    ],
)
def test_times_that_cannot_be_booked_are_refused_and_nothing_saved(topic, citizen, start, field):
    with pytest.raises(ValidationError) as error:
        services.book(citizen=citizen, request=req(topic, start=start), actor=citizen.user, now=NOW)
    assert field in error.value.message_dict
    assert not Booking.objects.exists()


def test_topic_closed_to_the_group_mode_and_foreign_consultant_are_refused(
    topic, citizen, other_consultant
):
    with pytest.raises(ValidationError) as error:
        services.book(
            citizen=citizen,
            request=req(topic, consultant=other_consultant, mode="brevdue"),
            actor=citizen.user,
            now=NOW,
        )
    assert {"consultant", "mode"} <= set(error.value.message_dict)
    topic.target_groups = ["aktivitetsparat"]
    topic.save()
    with pytest.raises(ValidationError) as error:
        services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    assert "topic" in error.value.message_dict


def test_maximum_open_bookings(topic, citizen):
    BookingRule.objects.create(job_centre=citizen.job_centre, max_open_bookings=1)
    services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    with pytest.raises(ValidationError):
        services.book(
            citizen=citizen,
            request=req(topic, start=TUESDAY_10 + timedelta(days=1)),
            actor=citizen.user,
            now=NOW,
        )


def test_in_person_gets_a_room_and_no_room_means_taken(topic, citizen, room):
    booking, _ = services.book(
        citizen=citizen, request=req(topic, mode=MeetingMode.IN_PERSON), actor=citizen.user, now=NOW
    )
    assert booking.room == room
    colleague = StaffFactory(job_centre=citizen.job_centre, username="jc2")
    working_week(colleague)
    topic.consultants.add(colleague)
    other = CitizenFactory(job_centre=citizen.job_centre)
    with pytest.raises(SlotTaken):
        services.book(
            citizen=other, request=req(topic, mode=MeetingMode.IN_PERSON), actor=other.user, now=NOW
        )
    by_phone, _ = services.book(citizen=other, request=req(topic), actor=other.user, now=NOW)
    assert by_phone.room is None and by_phone.consultant == colleague


def test_facilitated_counts_as_self_booked_a_summons_does_not(topic, citizen, consultant):
    facilitated, _ = services.book(
        citizen=citizen, request=req(topic), actor=consultant, facilitated=True, now=NOW
    )
    assert facilitated.origin == Origin.SELF_BOOKED and facilitated.facilitated_by == consultant
    with pytest.raises(ValidationError):
        services.summon(
            citizen=citizen,
            request=req(topic, start=TUESDAY_10 + timedelta(days=1)),
            actor=consultant,
            now=NOW,
        )
    citizen.self_booking_exempt, citizen.self_booking_exemption_reason = True, "language"
    citizen.save()
    summoned = services.summon(
        citizen=citizen,
        request=req(topic, start=TUESDAY_10 + timedelta(days=1), consultant=consultant),
        actor=consultant,
        now=NOW,
    )
    assert summoned.origin == Origin.SUMMONED and not summoned.is_self_booked


def test_reschedule_and_cancel_within_the_cut_off_only(topic, citizen):
    booking, _ = services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    moved = services.reschedule(
        booking=booking, start=TUESDAY_10 + timedelta(hours=1), actor=citizen.user, now=NOW
    )
    assert moved.start == TUESDAY_10 + timedelta(hours=1) and moved.rescheduled_at == NOW
    late = moved.start - timedelta(hours=23)
    with pytest.raises(ValidationError):
        services.reschedule(
            booking=moved, start=TUESDAY_10 + timedelta(days=1), actor=citizen.user, now=late
        )
    with pytest.raises(ValidationError):
        services.cancel_by_citizen(booking=moved, actor=citizen.user, now=late)
    services.cancel_by_citizen(booking=moved, actor=citizen.user, now=NOW)
    assert Booking.objects.get().status == Status.CANCELLED_BY_CITIZEN


def test_reschedule_to_an_overlapping_time_of_its_own_is_allowed(topic, citizen):
    booking, _ = services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    moved = services.reschedule(
        booking=booking, start=TUESDAY_10 + timedelta(minutes=30), actor=citizen.user, now=NOW
    )
    assert moved.start == TUESDAY_10 + timedelta(minutes=30)


def test_centre_cancels_with_a_reason_and_the_citizen_is_told(topic, citizen, consultant):
    booking, _ = services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    with pytest.raises(ValidationError):
        services.cancel_by_centre(booking=booking, actor=consultant, reason=" ", now=NOW)
    services.cancel_by_centre(booking=booking, actor=consultant, reason="Sygdom", now=NOW)
    assert booking.status == Status.CANCELLED_BY_CENTRE
    assert Notification.objects.filter(key__endswith="cancelled-by-centre").exists()


def test_held_and_no_show_only_once_begun(topic, citizen, consultant):
    booking, _ = services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    with pytest.raises(ValidationError):
        services.mark_outcome(booking=booking, status=Status.HELD, actor=consultant, now=NOW)
    services.mark_outcome(
        booking=booking, status=Status.NO_SHOW, actor=consultant, now=TUESDAY_10 + timedelta(1)
    )
    assert booking.status == Status.NO_SHOW


def test_deadline_at_least_8_days_past_weekends_holidays_and_absence(citizen):
    # 2026-12-17 + 8 = Friday 25 December (Juledag) → 26th holiday → Monday 28th.
    assert deadlines.earliest_deadline(citizen, date(2026, 12, 17)) == date(2026, 12, 28)
    citizen.absences.create(first_day=date(2026, 12, 28), last_day=date(2026, 12, 30))
    assert deadlines.earliest_deadline(citizen, date(2026, 12, 17)) == date(2026, 12, 31)


def test_a_booking_fulfils_the_deadline_and_a_cancellation_reopens_it(topic, citizen, consultant):
    item = deadlines.create(
        citizen=citizen,
        actor=consultant,
        window_start=date(2026, 11, 23),
        window_end=date(2026, 12, 18),
        today=date(2026, 11, 23),
    )
    with pytest.raises(ValidationError):
        deadlines.create(
            citizen=citizen,
            actor=consultant,
            window_start=date(2026, 11, 23),
            window_end=date(2026, 12, 18),
            deadline=date(2026, 11, 26),
            today=date(2026, 11, 23),
        )
    booking, _ = services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    item.refresh_from_db()
    assert item.status == "fulfilled" and item.fulfilled_by == booking
    services.cancel_by_citizen(booking=booking, actor=citizen.user, now=NOW)
    item.refresh_from_db()
    assert item.status == "open"
    assert deadlines.flag_missed(today=item.deadline + timedelta(days=1)) == 1
    item.refresh_from_db()
    assert item.status == "missed"
    assert Notification.objects.filter(recipient=consultant, key__endswith="missed").exists()


def test_reminders_are_not_sent_at_night_nor_twice(topic, citizen):
    mail.outbox.clear()
    night = local(2026, 11, 23, 23, 30)
    booking, _ = services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=night)
    reminder = Notification.objects.get(key__contains="reminder", channel="email")
    assert reminder.scheduled_for == local(2026, 11, 24, 9, 0)  # not before 09.00
    assert reminders.queue_booking_reminders(now=night) == 0  # never the same one twice
    assert deliver_due(now=local(2026, 11, 24, 3, 0)) == 0
    assert not mail.outbox
    assert deliver_due(now=local(2026, 11, 24, 9, 0)) >= 1
    assert deliver_due(now=local(2026, 11, 24, 9, 5)) == 0
    assert len(mail.outbox) == 2  # the receipt and the reminder
    assert all(booking.topic.name in message.body for message in mail.outbox)


def test_a_rule_gives_a_deadline_once_to_citizens_without_conversations(centre, citizen, topic):
    from booking.models import BookingDeadline

    BookingRule.objects.create(job_centre=centre, deadline_every_days=60)
    exempt = CitizenFactory(
        job_centre=centre, self_booking_exempt=True, self_booking_exemption_reason="language"
    )
    recent = CitizenFactory(job_centre=centre, registered_on=date(2026, 11, 1))
    today = date(2026, 11, 23)  # the citizen fixture registered 1 September: 83 days ago
    assert deadlines.apply_rules(today=today) == 1
    item = BookingDeadline.objects.get()
    assert item.citizen == citizen and item.by_rule and item.created_by is None
    assert item.deadline == deadlines.earliest_deadline(citizen, today)
    assert item.window_end == item.deadline + timedelta(days=14)
    assert deadlines.apply_rules(today=today) == 0  # never twice
    assert deadlines.apply_rules(today=today + timedelta(days=1)) == 0
    assert not BookingDeadline.objects.filter(citizen__in=[exempt, recent]).exists()


def test_a_recent_conversation_means_no_deadline_by_rule(centre, citizen, topic):
    BookingRule.objects.create(job_centre=centre, deadline_every_days=60)
    services.book(citizen=citizen, request=req(topic), actor=citizen.user, now=NOW)
    assert deadlines.apply_rules(today=date(2026, 11, 23)) == 0


def test_first_free_books_in_the_own_consultant_s_team(topic, citizen, consultant, centre, teams):
    """The citizen's own consultant is busy: the time goes to a colleague in the same team,
    not to the lower id of another team."""
    from booking.tests.factories import BookingFactory

    _north, colleague, other = teams
    BookingFactory(
        citizen=CitizenFactory(job_centre=centre),
        consultant=consultant,
        topic=topic,
        start=TUESDAY_10,
    )
    booking, _created = services.book(
        citizen=citizen, request=req(topic), actor=citizen.user, now=NOW
    )
    assert booking.consultant == colleague
    assert (
        services.book(
            citizen=CitizenFactory(job_centre=centre),
            request=req(topic),
            actor=citizen.user,
            now=NOW,
        )[0].consultant
        == other
    )
