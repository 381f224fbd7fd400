from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import BookingDeadline, DeadlineStatus, Status
from booking.tests.factories import BookingFactory
from citizens.tests.factories import CitizenFactory
from dashboard.selectors import protect


def test_small_numbers_are_protected():
    assert [protect(n) for n in (0, 1, 4, 5, 120)] == [0, "< 5", "< 5", 5, 120]


def test_citizen_home_names_the_consultant(client, citizen):
    client.force_login(citizen.user)
    body = client.get("/").content.decode()
    assert f"Velkommen, {citizen.user.name}" in body
    assert citizen.responsible_consultant.name in body


def test_consultant_home_lists_own_citizens_only(client, consultant, citizen, other_citizen):
    client.force_login(consultant)
    body = client.get("/").content.decode()
    assert citizen.user.name in body and other_citizen.user.name not in body
    assert "Mine borgere (1)" in body


def test_team_leader_sees_team_caseloads(client, centre, consultant, citizen):
    from centres.tests.factories import TeamFactory

    team = TeamFactory(job_centre=centre, name="Team Vest")
    consultant.team = team
    consultant.save()
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=team)
    client.force_login(leader)
    body = client.get("/").content.decode()
    assert "Team Vest" in body and consultant.name in body


def test_manager_sees_the_centre_in_numbers_with_small_cells_protected(
    client, centre, other_centre
):
    for _ in range(6):
        CitizenFactory(job_centre=centre)
    CitizenFactory(job_centre=centre, benefit_type="kontanthjaelp")
    for _ in range(9):
        CitizenFactory(job_centre=other_centre)
    client.force_login(StaffFactory(job_centre=centre, role=Role.MANAGER))
    response = client.get("/")
    rows = {row["label"]: row for row in response.context["citizen_rows"]}
    assert response.context["citizen_total"] == 7
    assert rows["Dagpenge"]["cells"][0] == 6
    assert rows["Kontanthjælp"]["cells"][0] == "< 5"


def _caseload_with_bookings(consultant, n, first_hour):
    """n citizens of the consultant's, each with a conversation today and a missed deadline."""
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for i in range(n):
        citizen = CitizenFactory(
            job_centre=consultant.job_centre, responsible_consultant=consultant
        )
        start = datetime.combine(today, time(first_hour + i), tzinfo=tz)
        BookingFactory(citizen=citizen, consultant=consultant, start=start)
        BookingDeadline.objects.create(
            citizen=citizen,
            deadline=today - timedelta(days=1),
            window_start=today - timedelta(days=10),
            window_end=today + timedelta(days=10),
            created_by=consultant,
            status=DeadlineStatus.MISSED,
        )


def test_consultant_home_query_count_does_not_grow_with_the_caseload(
    client, consultant, django_assert_max_num_queries
):
    client.force_login(consultant)
    _caseload_with_bookings(consultant, 2, first_hour=7)
    with django_assert_max_num_queries(14) as few:
        client.get("/")
    _caseload_with_bookings(consultant, 12, first_hour=9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/")
    assert len(response.context["todays_bookings"]) == 14
    assert len(response.context["missed_deadlines"]) == 10
    assert response.context["missed_count"] == 14


def test_consultant_home_shows_todays_conversations_and_missed_deadlines(
    client, consultant, citizen, other_citizen
):
    today = timezone.localdate()
    start = datetime.combine(today, time(10, 30), tzinfo=timezone.get_current_timezone())
    booking = BookingFactory(citizen=citizen, consultant=consultant, start=start)
    BookingFactory(
        citizen=citizen,
        consultant=consultant,
        start=start + timedelta(hours=2),
        status=Status.CANCELLED_BY_CITIZEN,
    )
    missed = BookingDeadline.objects.create(
        citizen=citizen,
        deadline=today - timedelta(days=2),
        window_start=today - timedelta(days=12),
        window_end=today + timedelta(days=5),
        created_by=consultant,
        status=DeadlineStatus.MISSED,
    )
    BookingDeadline.objects.create(  # not the consultant's citizen
        citizen=other_citizen,
        deadline=missed.deadline,
        window_start=missed.window_start,
        window_end=missed.window_end,
        created_by=consultant,
        status=DeadlineStatus.MISSED,
    )
    client.force_login(consultant)

    response = client.get("/")

    assert response.context["todays_bookings"] == [booking]
    assert response.context["missed_deadlines"] == [missed]
    body = response.content.decode()
    assert reverse("booking:staff_detail", args=[booking.public_id]) in body
    assert "10.30" in body
    assert reverse("booking:citizen_bookings", args=[citizen.public_id]) in body


def test_team_leader_without_a_team_sees_no_members(client, centre, consultant):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    client.force_login(leader)
    response = client.get("/")
    assert list(response.context["members"]) == []
    assert "Du er ikke med i et team endnu" in response.content.decode()
