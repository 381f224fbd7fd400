from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.availability import rule_for
from booking.models import (
    DEFAULT_RULE,
    Absence,
    BookingRule,
    ClosingDay,
    MeetingMode,
    Room,
    Topic,
    WorkingDay,
)
from booking.selectors.config import coming_public_holidays, rule_rows
from booking.services import config as services
from booking.services import hours as hours_services
from booking.services.hours import DayHours, day_hours_errors
from booking.tests.factories import BookingFactory, TopicFactory, working_week
from citizens.models import TargetGroup

pytestmark = pytest.mark.django_db

#: A Monday with no public holiday near it; the services take "today" as an argument.
TODAY = date(2026, 11, 23)


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def da(message: str) -> str:
    with translation.override("da"):
        return gettext(message)


# --- Topics


def test_topic_create_stores_the_choices_in_a_fixed_order(centre, consultant):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    topic = services.topic_create(
        centre=centre,
        name="Min jobsøgning",
        description="Vi taler om din jobsøgning.",
        duration_minutes=30,
        consultants=[consultant, leader],
        target_groups=[TargetGroup.ACTIVITY_READY, TargetGroup.JOB_READY],
        modes=[MeetingMode.VIDEO, MeetingMode.IN_PERSON],
    )
    topic.refresh_from_db()
    assert set(topic.consultants.all()) == {consultant, leader}
    assert topic.target_groups == ["jobparat", "aktivitetsparat"]
    assert topic.modes == ["fremmoede", "video"]
    assert topic.active


def test_topic_needs_a_meeting_mode_and_a_unique_name(centre):
    TopicFactory(job_centre=centre, name="Min jobsøgning")
    with pytest.raises(ValidationError) as caught:
        services.topic_create(centre=centre, name="min jobsøgning", duration_minutes=30, modes=[])
    assert set(caught.value.message_dict) == {"name", "modes"}
    assert Topic.objects.count() == 1


@pytest.mark.parametrize("role", [Role.BUSINESS_CONSULTANT, Role.ADMINISTRATOR])
def test_topic_is_offered_only_by_staff_who_hold_conversations(centre, role):
    with pytest.raises(ValidationError) as caught:
        services.topic_create(
            centre=centre,
            name="Emne",
            duration_minutes=30,
            modes=[MeetingMode.PHONE],
            consultants=[StaffFactory(job_centre=centre, role=role)],
        )
    assert "consultants" in caught.value.message_dict


def test_topic_is_offered_only_by_the_centres_own_active_consultants(
    centre, consultant, other_consultant
):
    consultant.is_active = False
    consultant.save()
    for person in (consultant, other_consultant):
        with pytest.raises(ValidationError):
            services.topic_create(
                centre=centre,
                name="Emne",
                duration_minutes=30,
                modes=[MeetingMode.PHONE],
                consultants=[person],
            )
    assert not Topic.objects.exists()


def test_topic_duration_is_kept_within_bounds(centre):
    with pytest.raises(ValidationError) as caught:
        services.topic_create(
            centre=centre, name="Kort", duration_minutes=5, modes=[MeetingMode.PHONE]
        )
    assert "duration_minutes" in caught.value.message_dict


def test_topic_update_changes_everything_and_keeps_its_own_name(centre, consultant):
    topic = TopicFactory(job_centre=centre, name="Emne", consultants=[consultant])
    services.topic_update(
        topic=topic,
        name="Emne",
        duration_minutes=60,
        modes=[MeetingMode.PHONE],
        consultants=[],
        target_groups=[TargetGroup.JOB_READY],
        active=False,
    )
    topic.refresh_from_db()
    assert (topic.duration_minutes, topic.modes, topic.active) == (60, ["telefon"], False)
    assert not topic.consultants.exists()
    assert topic.target_groups == ["jobparat"]


def test_topic_update_refuses_another_topics_name(centre):
    TopicFactory(job_centre=centre, name="Første")
    topic = TopicFactory(job_centre=centre, name="Anden")
    with pytest.raises(ValidationError):
        services.topic_update(
            topic=topic, name="FØRSTE", duration_minutes=45, modes=[MeetingMode.PHONE]
        )
    topic.refresh_from_db()
    assert topic.name == "Anden"


def test_a_topic_never_booked_is_deleted(centre):
    topic = TopicFactory(job_centre=centre)
    assert services.topic_delete(topic=topic) is True
    assert not Topic.objects.exists()


def test_a_topic_with_bookings_is_deactivated_instead(centre, consultant, citizen):
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=topic,
        start=timezone.now() + timedelta(days=2),
    )
    assert services.topic_delete(topic=topic) is False
    topic.refresh_from_db()
    assert not topic.active


# --- Rooms


def test_rooms_are_created_and_renamed_with_unique_names(centre, other_centre):
    room = services.room_create(centre=centre, name="Lokale 1", location="1. sal")
    services.room_create(centre=other_centre, name="Lokale 1")  # another centre may
    with pytest.raises(ValidationError):
        services.room_create(centre=centre, name="lokale 1")
    services.room_update(room=room, name="Lokale 2", location="", active=False)
    room.refresh_from_db()
    assert (room.name, room.location, room.active) == ("Lokale 2", "", False)
    assert Room.objects.filter(job_centre=centre).count() == 1


# --- Closing days


def test_a_closing_day_is_added(centre):
    day = services.closing_day_add(
        centre=centre, date=date(2026, 12, 24), name="Juleaftensdag", today=TODAY
    )
    assert ClosingDay.objects.get() == day


@pytest.mark.parametrize(
    "day, message",
    [
        (date(2026, 11, 20), "Choose a date from today onwards."),
        (date(2026, 11, 28), "The job centre is closed on Saturdays and Sundays anyway."),
        (date(2026, 12, 25), "Juledag"),
    ],
)
def test_a_closing_day_is_refused_in_the_past_at_weekends_and_on_holidays(centre, day, message):
    with pytest.raises(ValidationError) as caught:
        services.closing_day_add(centre=centre, date=day, name="Lukket", today=TODAY)
    assert message in messages_of(caught.value) or da(message) in messages_of(caught.value)
    assert not ClosingDay.objects.exists()


def test_a_closing_day_is_added_once(centre):
    services.closing_day_add(centre=centre, date=date(2026, 12, 24), name="Jul", today=TODAY)
    with pytest.raises(ValidationError) as caught:
        services.closing_day_add(centre=centre, date=date(2026, 12, 24), name="Jul", today=TODAY)
    assert "date" in caught.value.message_dict
    assert ClosingDay.objects.count() == 1


def test_coming_public_holidays_cover_a_year():
    holidays = coming_public_holidays(today=TODAY)
    assert holidays[0].date == date(2026, 12, 25) and holidays[0].name == "Juledag"
    assert holidays[-1].date <= date(2027, 11, 23)
    assert len(holidays) == 10


# --- Booking rules


def test_rule_save_creates_then_changes_one_row(centre):
    values = {**DEFAULT_RULE, "max_days_ahead": 14}
    services.rule_save(centre=centre, target_group=TargetGroup.JOB_READY, **values)
    services.rule_save(
        centre=centre, target_group=TargetGroup.JOB_READY, **{**values, "buffer_minutes": 0}
    )
    rule = BookingRule.objects.get()
    assert (rule.max_days_ahead, rule.buffer_minutes) == (14, 0)
    assert rule_for(centre.id, TargetGroup.JOB_READY).max_days_ahead == 14
    assert rule_for(centre.id, TargetGroup.ACTIVITY_READY).max_days_ahead == 42


def test_rule_save_refuses_values_out_of_range(centre):
    with pytest.raises(ValidationError) as caught:
        services.rule_save(centre=centre, target_group="", **{**DEFAULT_RULE, "max_days_ahead": 0})
    assert "max_days_ahead" in caught.value.message_dict
    assert not BookingRule.objects.exists()


def test_groups_without_rules_of_their_own_show_what_applies(centre):
    services.rule_save(centre=centre, target_group="", **{**DEFAULT_RULE, "min_notice_hours": 24})
    rows = {row.target_group: row for row in rule_rows(centre=centre)}
    assert rows[""].own and rows[""].values["min_notice_hours"] == 24
    assert not rows["jobparat"].own and rows["jobparat"].values["min_notice_hours"] == 24
    assert list(rows) == ["", "jobparat", "aktivitetsparat"]


# --- Rules that would trap a citizen


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        # Three days ahead, but 72 hours' notice: no time is ever far enough ahead.
        ({"max_days_ahead": 3, "min_notice_hours": 72}, "min_notice_hours"),
        # A week ahead, but changes only until a week before: nothing booked can be changed.
        ({"max_days_ahead": 7, "cancel_cutoff_hours": 168}, "cancel_cutoff_hours"),
        ({"max_open_bookings": 0}, "max_open_bookings"),
    ],
)
def test_rules_under_which_nothing_can_be_booked_or_changed_are_refused(centre, changes, field):
    with pytest.raises(ValidationError) as caught:
        services.rule_save(centre=centre, target_group="", **{**DEFAULT_RULE, **changes})
    assert list(caught.value.message_dict) == [field]
    assert not BookingRule.objects.exists()


def test_the_refusal_names_both_fields_in_danish(centre):
    with translation.override("da"):
        with pytest.raises(ValidationError) as caught:
            services.rule_save(
                centre=centre,
                target_group="",
                **{**DEFAULT_RULE, "max_days_ahead": 3, "min_notice_hours": 72},
            )
        message = caught.value.message_dict["min_notice_hours"][0]
    assert "mindste varsel (timer)" in message and "hvor langt frem (dage)" in message


def test_notice_shorter_than_the_cut_off_is_saved_with_a_warning(centre):
    values = {**DEFAULT_RULE, "min_notice_hours": 2, "cancel_cutoff_hours": 24}
    services.rule_save(centre=centre, target_group="", **values)
    assert BookingRule.objects.get().cancel_cutoff_hours == 24
    with translation.override("da"):
        warnings = services.rule_warnings(values)
    assert len(warnings) == 1
    assert "aflys eller flyt indtil (timer før)" in warnings[0]
    assert "mindste varsel (timer)" in warnings[0]


def test_notice_as_long_as_the_cut_off_has_no_warning():
    assert services.rule_warnings({**DEFAULT_RULE, "min_notice_hours": 24}) == []


# --- Working hours


def test_working_hours_replace_the_old_ones(consultant):
    working_week(consultant)
    hours_services.working_hours_save(
        consultant=consultant,
        days=[
            DayHours(0, time(8), time(16), time(12), time(12, 30)),
            DayHours(2, time(8), time(12)),
            DayHours(4),
        ],
    )
    rows = list(WorkingDay.objects.filter(consultant=consultant).order_by("weekday"))
    assert [(w.weekday, w.start, w.end, w.break_start) for w in rows] == [
        (0, time(8), time(16), time(12)),
        (2, time(8), time(12), None),
    ]


@pytest.mark.parametrize(
    "day, blamed",
    [
        (DayHours(0, time(12), time(8)), "end"),
        (DayHours(0, time(12), time(12)), "end"),
        (DayHours(0, time(8)), "end"),
        (DayHours(0, None, time(16)), "start"),
        (DayHours(0, time(8), time(16), time(7), time(8)), "break_start"),
        (DayHours(0, time(8), time(16), time(15, 30), time(16, 30)), "break_start"),
        (DayHours(0, time(8), time(16), time(13), time(12)), "break_end"),
        (DayHours(0, time(8), time(16), time(12)), "break_end"),
        (DayHours(0, None, None, time(12), time(13)), "break_start"),
    ],
)
def test_day_hours_errors_blame_the_right_field(day, blamed):
    assert list(day_hours_errors(day)) == [blamed]


def test_a_day_without_hours_or_with_a_break_inside_is_fine():
    assert day_hours_errors(DayHours(0)) == {}
    assert day_hours_errors(DayHours(0, time(8), time(16), time(8), time(16))) == {}


def test_invalid_working_hours_keep_the_old_ones(consultant):
    working_week(consultant)
    with pytest.raises(ValidationError) as caught:
        hours_services.working_hours_save(
            consultant=consultant,
            days=[DayHours(0, time(8), time(16)), DayHours(1, time(16), time(8))],
        )
    assert da("The working day must end after it starts.") in messages_of(caught.value)
    assert WorkingDay.objects.filter(consultant=consultant).count() == 5


def test_only_conversation_staff_have_working_hours(centre):
    business = StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT)
    with pytest.raises(ValidationError):
        hours_services.working_hours_save(
            consultant=business, days=[DayHours(0, time(8), time(16))]
        )
    assert not WorkingDay.objects.exists()


# --- Absence


def test_absence_is_added_and_deleted(consultant):
    absence = hours_services.absence_add(
        consultant=consultant,
        first_day=TODAY,
        last_day=TODAY + timedelta(days=4),
        note="Ferie",
        today=TODAY,
    )
    assert Absence.objects.get() == absence
    hours_services.absence_delete(absence=absence)
    assert not Absence.objects.exists()


@pytest.mark.parametrize(
    "first, last, blamed",
    [
        (TODAY - timedelta(days=1), TODAY, "first_day"),
        (TODAY + timedelta(days=3), TODAY + timedelta(days=2), "last_day"),
        (TODAY + timedelta(days=9), TODAY + timedelta(days=12), "first_day"),
    ],
)
def test_absence_is_refused_in_the_past_backwards_or_overlapping(consultant, first, last, blamed):
    Absence.objects.create(
        consultant=consultant,
        first_day=TODAY + timedelta(days=10),
        last_day=TODAY + timedelta(days=11),
    )
    with pytest.raises(ValidationError) as caught:
        hours_services.absence_add(
            consultant=consultant, first_day=first, last_day=last, today=TODAY
        )
    assert list(caught.value.message_dict) == [blamed]
    assert Absence.objects.count() == 1
