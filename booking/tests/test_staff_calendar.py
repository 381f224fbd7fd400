"""Min kalender: the consultant's day and week, and the lookup log they write."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from booking.models import Origin, Status
from booking.tests.factories import BookingFactory
from citizens.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

DAY = reverse("booking:calendar_day")
WEEK = reverse("booking:calendar_week")
#: A Wednesday; its week runs Monday 2 to Friday 6 November 2026.
WEDNESDAY = date(2026, 11, 4)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def booking(citizen, consultant, start, **kwargs):
    return BookingFactory(citizen=citizen, consultant=consultant, start=start, **kwargs)


def test_the_day_shows_own_conversations_with_the_citizens_own_words(
    client, consultant, citizen, other_citizen
):
    booking(
        citizen,
        consultant,
        at(WEDNESDAY, 10),
        talk_about="Jeg vil skifte branche",
        take_away="En plan for næste måned",
    )
    booking(other_citizen, consultant, at(WEDNESDAY, 13), origin=Origin.SUMMONED)
    colleague = StaffFactory(job_centre=consultant.job_centre)
    hidden = CitizenFactory(job_centre=consultant.job_centre)
    booking(hidden, colleague, at(WEDNESDAY, 10))
    booking(citizen, consultant, at(WEDNESDAY + timedelta(days=1), 10))
    client.force_login(consultant)

    body = client.get(DAY, {"dag": "2026-11-04"}).content.decode()

    assert "Onsdag 4. november 2026" in body
    assert "10.00\N{EN DASH}10.45" in body and "13.00\N{EN DASH}13.45" in body
    assert "Jeg vil skifte branche" in body and "En plan for næste måned" in body
    assert citizen.user.name in body and other_citizen.user.name in body
    assert hidden.user.name not in body
    assert reverse("citizens:detail", args=[citizen.public_id]) in body
    assert "?dag=2026-11-03" in body and "?dag=2026-11-05" in body


def test_the_day_defaults_to_today_and_survives_a_bad_date(client, consultant):
    client.force_login(consultant)
    today = timezone.localdate()
    assert client.get(DAY).context["day"] == today
    assert client.get(DAY, {"dag": "i-morgen"}).context["day"] == today
    assert client.get(DAY, {"dag": "9999-12-31"}).context["day"] == today


def test_one_lookup_line_per_citizen_shown(client, consultant, citizen, other_citizen):
    booking(citizen, consultant, at(WEDNESDAY, 9))
    booking(citizen, consultant, at(WEDNESDAY, 11), status=Status.CANCELLED_BY_CITIZEN)
    booking(other_citizen, consultant, at(WEDNESDAY, 13))
    client.force_login(consultant)

    client.get(DAY, {"dag": "2026-11-04"})

    rows = LookupLog.objects.filter(actor=consultant)
    assert sorted(r.citizen_id for r in rows) == sorted([citizen.pk, other_citizen.pk])
    assert {(r.subject, r.purpose) for r in rows} == {(Subject.BOOKINGS, Purpose.PREPARATION)}


def test_an_empty_day_logs_nothing(client, consultant):
    client.force_login(consultant)
    response = client.get(DAY, {"dag": "2026-11-04"})
    assert response.status_code == 200
    assert not LookupLog.objects.exists()


def test_the_week_shows_monday_to_friday_of_any_date_in_it(client, consultant, citizen):
    monday, friday = date(2026, 11, 2), date(2026, 11, 6)
    booking(citizen, consultant, at(monday, 9), facilitated_by=consultant)
    booking(citizen, consultant, at(friday, 14))
    booking(citizen, consultant, at(monday - timedelta(days=1), 9))  # the Sunday before
    client.force_login(consultant)

    response = client.get(WEEK, {"uge": WEDNESDAY.isoformat()})

    days = response.context["days"]
    assert [d["date"] for d in days] == [monday + timedelta(days=i) for i in range(5)]
    assert [len(d["bookings"]) for d in days] == [1, 0, 0, 0, 1]
    assert response.context["week_number"] == 45
    body = response.content.decode()
    assert "?uge=2026-10-26" in body and "?uge=2026-11-09" in body
    assert LookupLog.objects.filter(actor=consultant, citizen=citizen).count() == 1


def test_a_team_leader_sees_a_colleagues_calendar(client, centre, consultant, citizen):
    booking(citizen, consultant, at(WEDNESDAY, 10), talk_about="Cv'et")
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    client.force_login(leader)

    response = client.get(DAY, {"dag": "2026-11-04", "konsulent": consultant.pk})

    assert response.status_code == 200
    assert response.context["owner"] == consultant
    assert "Cv&#x27;et" in response.content.decode()
    assert LookupLog.objects.get().actor == leader
    week = client.get(WEEK, {"uge": "2026-11-04", "konsulent": consultant.pk})
    assert week.status_code == 200 and week.context["owner"] == consultant


def test_a_team_leader_cannot_see_another_centres_calendar(client, centre, other_consultant):
    client.force_login(StaffFactory(job_centre=centre, role=Role.TEAM_LEADER))
    assert client.get(DAY, {"konsulent": other_consultant.pk}).status_code == 404
    assert client.get(DAY, {"konsulent": "x"}).status_code == 404


def test_a_consultant_sees_only_their_own_calendar(client, centre, consultant):
    colleague = StaffFactory(job_centre=centre)
    client.force_login(consultant)
    assert client.get(DAY, {"konsulent": colleague.pk}).status_code == 403
    assert client.get(DAY, {"konsulent": consultant.pk}).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.BUSINESS_CONSULTANT, Role.MANAGER, Role.ADMINISTRATOR, Role.CITIZEN]
)
def test_who_has_no_calendar(client, centre, role):
    client.force_login(StaffFactory(job_centre=centre, role=role))
    assert client.get(DAY).status_code == 403
    assert client.get(WEEK).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(DAY)
    assert response.status_code == 302 and response["Location"].startswith("/konto/")


def test_the_menu_has_my_calendar_for_consultants(client, consultant, admin_user):
    client.force_login(consultant)
    assert f'href="{DAY}"' in client.get("/").content.decode()
    client.force_login(admin_user)
    assert f'href="{DAY}"' not in client.get("/").content.decode()
