import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import PASSWORD, StaffFactory, app_device_for, next_code
from booking.models import BookingDeadline, DeadlineStatus, Status
from booking.tests.factories import BookingFactory
from citizens.tests.factories import CitizenFactory

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY = datetime(2026, 11, 23, 8, 5, tzinfo=CPH)


def _key_figures(body: str) -> dict[str, str]:
    """The home page's key figures: each line's text by its KPI."""
    lines = re.findall(r'<li data-kpi="([a-z_0-9]+)">(.*?)</li>', body, re.S)
    return {key: " ".join(re.sub(r"<[^>]+>", " ", text).split()) for key, text in lines}


def _month_of_figures(centre, team=None):
    from kpis.tests.factories import SnapshotFactory

    november = date(2026, 11, 1)
    for kpi, numerator, denominator, base in (
        ("self_booking_share", 78, 100, 60),
        ("satisfaction_average", 82, 10, 10),
        ("satisfaction_answers", 10, 0, 10),
    ):
        SnapshotFactory(
            job_centre=centre,
            team=team,
            kpi=kpi,
            period_start=november,
            numerator=numerator,
            denominator=denominator,
            base=base,
            consultants=3,
        )


@pytest.mark.parametrize("role", [Role.MANAGER, Role.TEAM_LEADER])
def test_the_leaders_home_pages_show_their_key_figures_as_numbers(client, centre, role):
    from centres.tests.factories import TeamFactory

    team = TeamFactory(job_centre=centre, name="Team Vest")
    for _ in range(2):
        StaffFactory(job_centre=centre, team=team)
    _month_of_figures(centre)
    _month_of_figures(centre, team)
    leader = StaffFactory(job_centre=centre, role=role, team=team)
    with time_machine.travel(MONDAY, tick=False):
        client.force_login(leader)  # at that moment: a session from another clock has expired
        body = client.get("/").content.decode()
    figures = _key_figures(body)
    assert "78,0 %" in figures["self_booking_share"]
    assert "Selvbookingsandel" in figures["self_booking_share"]
    assert "8,2" in figures["satisfaction_average"] and "10" in figures["satisfaction_average"]
    assert "november 2026" in body
    assert ", : :" not in body and "(: )" not in body


def test_a_benefit_row_total_does_not_give_a_small_cell_away(client, centre):
    for _ in range(10):
        CitizenFactory(job_centre=centre, target_group="jobparat")
    for _ in range(3):
        CitizenFactory(job_centre=centre, target_group="aktivitetsparat")
    client.force_login(StaffFactory(job_centre=centre, role=Role.MANAGER))
    rows = {row["label"]: row for row in client.get("/").context["citizen_rows"]}
    dagpenge = rows["Dagpenge"]
    assert dagpenge["cells"][1] == "< 5"
    # 13 - 10 would be the 3: the 10 is hidden as well (or the total is).
    assert dagpenge["cells"][0] != 10 or dagpenge["total"] != 13


def test_a_centre_with_threshold_10_hides_the_home_pages_cells_under_10(client, centre):
    centre.small_number_threshold = 10
    centre.save()
    for _ in range(12):
        CitizenFactory(job_centre=centre)
    for _ in range(7):
        CitizenFactory(job_centre=centre, benefit_type="kontanthjaelp")
    client.force_login(StaffFactory(job_centre=centre, role=Role.MANAGER))
    body = client.get("/").content.decode()
    rows = {row["label"]: row for row in client.get("/").context["citizen_rows"]}
    assert rows["Kontanthjælp"]["cells"][0] == "< 10"
    assert "&lt; 10" in body


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
    assert rows["Kontanthjælp"]["cells"][0] == "< 5"
    # 7 citizens in total minus 6 on dagpenge would be the one on kontanthjælp.
    assert rows["Dagpenge"]["cells"][0] == rows["Dagpenge"]["total"] == "skjult"


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


def test_citizen_home_shows_the_next_coming_booking(client, citizen, consultant):
    now = timezone.now()
    made = {
        name: BookingFactory(
            citizen=citizen, consultant=consultant, start=now + timedelta(days=days), status=status
        )
        for name, days, status in [
            ("past", -2, Status.HELD),
            ("cancelled", 1, Status.CANCELLED_BY_CITIZEN),
            ("next", 2, Status.BOOKED),
            ("later", 5, Status.BOOKED),
        ]
    }
    client.force_login(citizen.user)
    page = client.get("/")
    assert page.context["next_booking"] == made["next"]
    assert reverse("booking:detail", args=[made["next"].public_id]) in page.content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_own_home_page(client, centre, role):
    if role == Role.CITIZEN:
        user = CitizenFactory(job_centre=centre).user
    else:
        user = StaffFactory(job_centre=centre, role=role)
    response = client.post("/konto/log-ind/", {"username": user.username, "password": PASSWORD})
    if role != Role.CITIZEN:  # staff confirm with their second factor first
        assert response["Location"] == f"{reverse('accounts:two_factor_enrol')}?next=%2F"
        code = next_code(app_device_for(user))
        response = client.post(response["Location"].replace("opsaet", "bekraeft"), {"code": code})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert f"dashboard/home_{role.value}.html" in [t.name for t in home.templates]
