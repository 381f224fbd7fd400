"""The pages as citizens and staff use them: planning a club, the citizen's list with their
own occupations first, booking, the full page (409), cancelling, the calendar file; hostile
input gives a Danish error and saves nothing; another centre's citizen finds nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog
from citizens.tests.factories import CitizenFactory
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from jobclubs.models import JobClub, Seat, SeatStatus
from jobclubs.tests.conftest import NOW, local
from jobclubs.tests.factories import JobClubFactory, SeatFactory
from labour.models import Industry
from labour.tests.factories import CompanyFactory, OpeningFactory
from occupations.models import Occupation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def plan_data(**changes) -> dict:
    data = {
        "title": "Jobklub: lager",
        "industry": "",
        "occupation": "",
        "description": "Vi øver jobsamtaler.",
        "starts_on": "2026-11-30",
        "starts_time": "10:00",
        "duration_minutes": "120",
        "mode": "fremmoede",
        "place": "Lokale 2",
        "video_link": "",
        "capacity": "8",
        "submission_token": "5d1a4a36-7f2d-4a7e-9d2b-8b1e6f7b0c11",
    }
    data.update(changes)
    return data


def test_a_consultant_plans_a_club_once_on_a_double_click(client, consultant):
    client.force_login(consultant)
    data = plan_data(host=consultant.pk)
    first = client.post(reverse("jobclubs:create"), data)
    second = client.post(reverse("jobclubs:create"), data)
    club = JobClub.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("jobclubs:detail", args=[club.public_id])
    assert (club.capacity, club.host, club.job_centre) == (8, consultant, consultant.job_centre)


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("title", "Jobklub\x00", "styretegn"),
        ("starts_on", "9999-01-01", "1900"),
        ("capacity", "0", "1"),
        ("capacity", "100000", "500"),
        ("title", "<script>x</script>", "HTML"),
        ("starts_on", "2026-11-01", "fremtiden"),
    ],
)
def test_hostile_input_is_refused_in_danish(client, consultant, field, value, error):
    client.force_login(consultant)
    response = client.post(
        reverse("jobclubs:create"), plan_data(host=consultant.pk, **{field: value})
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not JobClub.objects.exists()


def test_a_video_club_with_an_http_link_is_refused_by_its_field(client, consultant):
    client.force_login(consultant)
    data = plan_data(host=consultant.pk, mode="video", place="", video_link="http://m.example/1")
    response = client.post(reverse("jobclubs:create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["video_link"] == [
        "Skriv et link, der begynder med https://"
    ]
    assert not JobClub.objects.exists()


def test_an_administrator_or_a_citizen_may_not_plan(client, centre, citizen):
    for user in (StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR), citizen.user):
        client.force_login(user)
        assert client.get(reverse("jobclubs:create")).status_code == 403


def test_the_citizen_sees_clubs_on_their_occupations_first(client, centre, citizen):
    cook = Occupation.objects.get(title="Kok")
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=cook)
    JobClubFactory(job_centre=centre, title="Tidlig lagerklub", start=NOW + timedelta(days=1))
    JobClubFactory(
        job_centre=centre, title="Sen køkkenklub", occupation=cook, start=NOW + timedelta(days=5)
    )
    restaurants = Industry.objects.get(code="561010")
    company = CompanyFactory(job_centre=centre, industry=restaurants)
    OpeningFactory(job_centre=centre, occupation=cook, company=company)
    JobClubFactory(
        job_centre=centre,
        title="Restaurantklub",
        industry=restaurants,
        start=NOW + timedelta(days=3),
    )
    JobClubFactory(title="Andet jobcenter")
    client.force_login(citizen.user)
    page = client.get(reverse("jobclubs:list")).content.decode()
    assert page.index("Restaurantklub") < page.index("Sen køkkenklub")
    assert page.index("Sen køkkenklub") < page.index("Tidlig lagerklub")
    assert "Passer til et job, du søger" in page and "Andet jobcenter" not in page


def test_book_see_the_receipt_download_ics_and_cancel(client, club, citizen):
    client.force_login(citizen.user)
    response = client.post(reverse("jobclubs:book", args=[club.public_id]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Din plads er booket" in page and "Du kan selv afbestille din plads indtil" in page
    ics = client.get(reverse("jobclubs:ics", args=[club.public_id]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Jobklub: lager og logistik\r\n" in ics.content
    cancel_url = reverse("jobclubs:seat_cancel", args=[club.public_id])
    assert client.post(cancel_url, {}).status_code == 400  # the box not ticked
    assert client.post(cancel_url, {"confirm": "on"}).status_code == 302
    assert Seat.objects.get().status == SeatStatus.CANCELLED
    assert client.get(reverse("jobclubs:ics", args=[club.public_id])).status_code == 404
    assert client.post(reverse("jobclubs:book", args=[club.public_id])).status_code == 302
    assert Seat.objects.filter(status=SeatStatus.BOOKED).count() == 1


def test_a_double_click_on_cancel_says_the_seat_is_cancelled(client, club, citizen):
    client.force_login(citizen.user)
    client.post(reverse("jobclubs:book", args=[club.public_id]))
    cancel_url = reverse("jobclubs:seat_cancel", args=[club.public_id])
    responses = [client.post(cancel_url, {"confirm": "on"}) for _ in "12"]
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[1]["Location"] == reverse("jobclubs:list")
    assert "Din plads er afbestilt" in client.get(reverse("jobclubs:list")).content.decode()
    assert Seat.objects.get().status == SeatStatus.CANCELLED


def test_a_full_club_is_a_409_naming_other_clubs_of_the_industry(client, club, citizen):
    for number in range(1, 9):
        SeatFactory(club=club, number=number)
    other = JobClubFactory(
        job_centre=club.job_centre,
        industry=club.industry,
        title="Næste lagerklub",
        start=club.start + timedelta(days=7),
    )
    client.force_login(citizen.user)
    response = client.post(reverse("jobclubs:book", args=[club.public_id]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Jobklubben er fuld" in page and other.title in page
    assert not Seat.objects.filter(citizen=citizen).exists()


def test_staff_see_who_booked_and_each_look_is_logged(client, club, consultant):
    seat = SeatFactory(club=club, number=1)
    client.force_login(consultant)
    page = client.get(reverse("jobclubs:detail", args=[club.public_id])).content.decode()
    assert seat.citizen.name in page
    assert LookupLog.objects.filter(actor=consultant, citizen=seat.citizen).count() == 1


def test_cancelling_the_club_needs_a_reason(client, club, consultant):
    client.force_login(consultant)
    url = reverse("jobclubs:cancel", args=[club.public_id])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Værten er syg"}).status_code == 302
    club.refresh_from_db()
    assert club.cancel_reason == "Værten er syg"


def test_another_centres_citizen_finds_nothing(client, club, other_centre):
    client.force_login(CitizenFactory(job_centre=other_centre).user)
    for name in ("detail", "ics", "seat_cancel"):
        assert client.get(reverse(f"jobclubs:{name}", args=[club.public_id])).status_code == 404
    assert client.post(reverse("jobclubs:book", args=[club.public_id])).status_code == 404
    assert not Seat.objects.exists()


def test_staff_list_shows_seats_taken_and_an_edit_keeps_the_seats(client, club, consultant):
    SeatFactory(club=club, number=1)
    client.force_login(consultant)
    page = client.get(reverse("jobclubs:list")).content.decode()
    assert club.title in page and "1 / 8" in page and "Planlæg en jobklub" in page
    data = plan_data(host=consultant.pk, title="Jobklub: lager (ny tid)", capacity="10")
    response = client.post(reverse("jobclubs:edit", args=[club.public_id]), data)
    assert response.status_code == 302
    club.refresh_from_db()
    assert (club.title, club.capacity, club.seats.count()) == ("Jobklub: lager (ny tid)", 10, 1)


def test_staff_list_is_in_time_order_whatever_order_clubs_were_planned(client, centre, consultant):
    """Counting seats groups the query, and Django drops Meta.ordering from grouped queries:
    the list came in the order clubs were planned (14.00 before 09.00 on the same day)."""
    for day, hour in [(14, 13), (14, 9), (21, 9), (16, 10)]:
        JobClubFactory(job_centre=centre, host=consultant, start=local(2026, 12, day, hour))
    client.force_login(consultant)
    clubs = list(client.get(reverse("jobclubs:list")).context["clubs"])
    assert [club.start for club in clubs] == sorted(club.start for club in clubs)


def test_booking_offers_no_time_over_the_citizens_seat_or_her_other_conversation(
    client, club, centre, consultant
):
    """A time the confirmation would refuse is not offered: the week view leaves out the
    citizen's job club and her other conversation (another consultant is free then)."""
    from booking.tests.factories import BookingFactory, TopicFactory, working_week

    other = StaffFactory(job_centre=centre, role=Role.JOB_CONSULTANT)
    for person in (consultant, other):
        working_week(person)
    topic = TopicFactory(job_centre=centre, consultants=[consultant, other])
    citizen = CitizenFactory(job_centre=centre)
    SeatFactory(club=club, citizen=citizen)  # Wednesday 10-12
    thursday = club.start + timedelta(days=1)  # 10.00, her conversation with one of them
    BookingFactory(citizen=citizen, consultant=consultant, topic=topic, start=thursday)
    client.force_login(citizen.user)
    week = client.get(
        reverse("booking:start"), {"emne": topic.pk, "konsulent": "alle", "uge": "2026-11-23"}
    ).content.decode()
    assert "tid=2026-11-25T09:00" in week  # before the club
    for taken in ("2026-11-25T10:00", "2026-11-25T11:00", "2026-11-26T10:00"):
        assert f"tid={taken}" not in week, taken
    assert "tid=2026-11-26T09:00" in week
    # Asked for anyway, the time is refused before the confirmation, with the reason.
    chosen = client.get(
        reverse("booking:start"),
        {"emne": topic.pk, "konsulent": "alle", "tid": "2026-11-25T10:00"},
        follow=True,
    ).content.decode()
    assert "ikke længere ledig" in chosen or "jobklub" in chosen


def test_her_seat_is_among_my_conversations_until_the_club_has_been(client, club, centre):
    citizen = CitizenFactory(job_centre=centre)
    SeatFactory(club=club, citizen=citizen)
    client.force_login(citizen.user)
    mine = client.get(reverse("booking:list")).content.decode()
    assert "Dine jobklubber" in mine and "Jobklub: lager og logistik" in mine
    assert reverse("jobclubs:detail", args=[club.public_id]) in mine
    assert "onsdag 25. november 2026 kl. 10.00" in mine
    with time_machine.travel(club.end + timedelta(minutes=1), tick=False):
        client.force_login(citizen.user)
        assert "Dine jobklubber" not in client.get(reverse("booking:list")).content.decode()
