"""The annual wheel as iCalendar: parsed back, each event is an all-day span from the Monday of
its first week to the Sunday of its last, also across a new year, and only the user's own job
centre's events are in it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from labour import wheel
from labour.feeds import wheel_calendar
from labour.tests.factories import CompanyFactory, WheelEventFactory

pytestmark = pytest.mark.django_db


def events_of(body: bytes) -> tuple[Calendar, dict]:
    calendar = Calendar.from_ical(body)
    return calendar, {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def business(centre):
    return StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk")


def test_each_event_is_an_all_day_span_with_a_stable_uid(centre):
    company = CompanyFactory(job_centre=centre, name="Lager X")
    event = WheelEventFactory(
        job_centre=centre,
        company=company,
        title="20 lagermedarbejdere",
        positions=20,
        description="Julesæson, skiftehold.",
        year=2026,
        week_from=40,
        week_to=44,
    )
    calendar, items = events_of(wheel_calendar(centre_name=centre.name, events=[event]))
    assert str(calendar["X-WR-CALNAME"]).endswith(f"\N{EN DASH} {centre.name}")
    item = items["Lager X: 20 lagermedarbejdere"]
    assert item["DTSTART"].dt == date(2026, 9, 28)  # Monday of week 40
    assert item["DTEND"].dt == date(2026, 11, 2)  # the day after Sunday 1 November (week 44)
    assert not hasattr(item["DTSTART"].dt, "hour")
    assert str(item["UID"]) == f"{event.public_id}@jobsamtale"
    assert "Julesæson, skiftehold." in str(item["DESCRIPTION"])
    assert item["LAST-MODIFIED"].dt == event.updated_at.replace(microsecond=0)

    again = Calendar.from_ical(wheel_calendar(centre_name=centre.name, events=[event]))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(item["UID"])]


def test_dates_across_the_turn_of_the_year(centre):
    week_53 = WheelEventFactory(
        job_centre=centre, title="Nytår", year=2026, week_from=52, week_to=53
    )
    week_1 = WheelEventFactory(job_centre=centre, title="Januar", year=2025, week_from=1, week_to=1)
    _calendar, items = events_of(wheel_calendar(centre_name=centre.name, events=[week_53, week_1]))
    assert items["Nytår"]["DTSTART"].dt == date(2026, 12, 21)
    assert items["Nytår"]["DTEND"].dt == date(2027, 1, 4)  # Sunday 3 January 2027 + 1
    assert items["Januar"]["DTSTART"].dt == date(2024, 12, 30)  # ISO week 1 of 2025
    assert items["Januar"]["DTEND"].dt == date(2025, 1, 6)
    assert wheel.event_last_day(week_53) - wheel.event_first_day(week_53) == timedelta(days=13)


def test_the_feed_holds_only_the_users_own_centres_events(client, centre, other_centre, business):
    ours = WheelEventFactory(job_centre=centre, title="Vores behov", year=date.today().year)
    WheelEventFactory(job_centre=other_centre, title="Andres behov", year=date.today().year)
    token = wheel.calendar_feed_create(user=business)
    response = client.get(reverse("labour:wheel_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    _calendar, items = events_of(response.content)
    assert list(items) == ["Vores behov"]
    assert str(items["Vores behov"]["UID"]) == f"{ours.public_id}@jobsamtale"


def test_the_feed_of_another_centres_user_shows_their_centre(client, centre, other_centre):
    WheelEventFactory(job_centre=centre, title="Vores behov", year=date.today().year)
    stranger = StaffFactory(job_centre=other_centre, username="andet")
    token = wheel.calendar_feed_create(user=stranger)
    calendar, items = events_of(client.get(reverse("labour:wheel_feed", args=[token])).content)
    assert items == {}
    assert other_centre.name in str(calendar["X-WR-CALNAME"])


def test_a_citizen_cannot_use_a_feed(client, citizen):
    token = wheel.calendar_feed_create(user=citizen.user)
    assert client.get(reverse("labour:wheel_feed", args=[token])).status_code == 404
