"""The cooperation page as each role uses it: a job consultant asks, a business consultant
answers, a team leader sets the meeting and forms pairs; another centre reaches nothing, a
citizen nothing at all; hostile input is refused with nothing saved."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from occupations.models import Occupation
from teamwork.models import CitizenRequest, FollowUp, JointMeeting, PartnerPair, StandingMeeting

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("teamwork:overview")
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def business(centre):
    return StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, name="Bo Virksomhed")


@pytest.fixture
def leader(centre):
    return StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, name="Lis Leder")


@pytest.fixture
def standing(centre):
    return StandingMeeting.objects.create(
        job_centre=centre, weekday=1, starts_at="09:00", place="Mødelokale 2"
    )


def _login(client, user):
    client.force_login(user)
    return client


def _request(centre, consultant, **kwargs):
    return CitizenRequest.objects.create(
        job_centre=centre,
        asked_by=consultant,
        occupation=Occupation.objects.get(title="Lagerarbejder"),
        **kwargs,
    )


def test_a_job_consultant_asks_and_a_double_click_makes_one_request(client, consultant):
    page = _login(client, consultant).get(reverse("teamwork:request"))
    token = page.context["form"]["submission_token"].value()
    data = {
        "occupation": "Lagerarbejder",
        "citizens": "3",
        "area": "Brøndby",
        "note": "Morgenhold, truckcertifikat",
        "submission_token": token,
    }
    first = client.post(reverse("teamwork:request"), data)
    second = client.post(reverse("teamwork:request"), data)
    assert first.status_code == second.status_code == 302
    request = CitizenRequest.objects.get()
    assert (request.citizens, request.asked_by) == (3, consultant)
    html = client.get(OVERVIEW).content.decode()
    assert "3 borgere, der søger job som lagerarbejder" in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("citizens", "0"),
        ("citizens", "100"),
        ("citizens", "99999999999999999999"),
        ("occupation", "Drømmejob"),
        ("note", "x" * 301),
        ("note", "morgen\x00hold"),
        ("area", "<script>alert(1)</script>" * 10),
    ],
)
def test_a_bad_request_is_refused_in_danish_and_nothing_saved(client, consultant, field, value):
    data = {"occupation": "Lagerarbejder", "citizens": "2", "area": "", "note": ""}
    data[field] = value
    response = _login(client, consultant).post(reverse("teamwork:request"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not CitizenRequest.objects.exists()


def test_a_business_consultant_answers_and_the_request_leaves_the_agenda(
    client, consultant, business
):
    request = _request(consultant.job_centre, consultant)
    url = reverse("teamwork:request_answer", args=[request.public_id])
    assert (
        _login(client, business).post(url, {"answer": "Nordic Pallet søger 4"}).status_code == 302
    )
    request.refresh_from_db()
    assert (request.closed_by, request.answer) == (business, "Nordic Pallet søger 4")
    again = client.post(url, {"answer": "Også Dagrofa"}, follow=True)
    assert "Du har allerede svaret på denne efterspørgsel." in again.content.decode()
    request.refresh_from_db()
    assert request.answer == "Nordic Pallet søger 4"
    assert "lagerarbejder" not in client.get(OVERVIEW).context["agenda"].requests


def test_an_empty_answer_changes_nothing(client, consultant, business):
    request = _request(consultant.job_centre, consultant)
    url = reverse("teamwork:request_answer", args=[request.public_id])
    _login(client, business).post(url, {"answer": "  "})
    request.refresh_from_db()
    assert request.closed_at is None


def test_the_leader_sets_the_meeting_and_anyone_writes_minutes_with_a_follow_up(
    client, leader, business, consultant
):
    _login(client, leader)
    saved = client.post(
        reverse("teamwork:standing"), {"weekday": "1", "starts_at": "09:30", "place": "Lok. 2"}
    )
    assert saved.status_code == 302
    standing = StandingMeeting.objects.get()
    assert (standing.weekday, standing.starts_at.hour, standing.team) == (1, 9, None)
    _login(client, business)
    data = {
        "held_on": "2026-12-08",
        "minutes": "Julesæson: lagrene mangler folk.",
        "follow_up": "Ring til Nordic Pallet",
        "owner": str(consultant.pk),
        "due_on": "2026-12-11",
    }
    assert client.post(reverse("teamwork:minutes"), data).status_code == 302
    data["minutes"] = "Julesæson: lagrene mangler 20 folk."
    data["follow_up"] = ""
    data["owner"] = data["due_on"] = ""
    assert client.post(reverse("teamwork:minutes"), data).status_code == 302
    meeting = JointMeeting.objects.get()  # the same day's minutes, edited
    assert meeting.minutes.endswith("20 folk.") and meeting.written_by == business
    follow_up = FollowUp.objects.get()
    done = reverse("teamwork:follow_up_done", args=[follow_up.public_id])
    assert client.post(done).status_code == 302
    first = FollowUp.objects.get().done_at
    client.post(done)
    assert FollowUp.objects.get().done_at == first


def test_minutes_are_written_for_the_last_meeting_and_shown_to_edit(client, business, standing):
    """The day after Tuesday's meeting the form holds Tuesday and what is already written, so a
    colleague adds to the minutes instead of writing over them unseen."""
    with time_machine.travel(datetime(2026, 12, 9, 10, tzinfo=CPH), tick=False):
        JointMeeting.objects.create(
            standing=standing, held_on=date(2026, 12, 8), minutes="Lagrene mangler folk."
        )
        page = _login(client, business).get(OVERVIEW).content.decode()
    assert 'name="held_on" value="2026-12-08"' in page
    assert ">\nLagrene mangler folk.</textarea>" in page


def test_a_follow_up_alone_keeps_the_days_minutes(client, business, consultant, standing):
    JointMeeting.objects.create(
        standing=standing, held_on=date(2026, 12, 8), minutes="Lagrene mangler folk.",
        written_by=business,
    )  # fmt: skip
    data = {"held_on": "2026-12-08", "minutes": "", "follow_up": "Ring til Nordic Pallet"}
    assert _login(client, consultant).post(reverse("teamwork:minutes"), data).status_code == 302
    meeting = JointMeeting.objects.get()
    assert (meeting.minutes, meeting.written_by) == ("Lagrene mangler folk.", business)
    assert [f.text for f in meeting.follow_ups.all()] == ["Ring til Nordic Pallet"]


def test_a_double_click_adds_the_follow_up_once(client, business, consultant, standing):
    data = {
        "held_on": "2026-12-08",
        "minutes": "Julesæson.",
        "follow_up": "Ring til Nordic Pallet",
        "owner": str(consultant.pk),
    }
    _login(client, business)
    assert [client.post(reverse("teamwork:minutes"), data).status_code for _ in "12"] == [302, 302]
    assert FollowUp.objects.count() == 1


def test_an_empty_form_saves_nothing(client, business, standing):
    data = {"held_on": "2026-12-08", "minutes": "  ", "follow_up": ""}
    response = _login(client, business).post(reverse("teamwork:minutes"), data)
    assert response.status_code == 400
    assert "Skriv referatet eller en opfølgning." in response.content.decode()
    assert not JointMeeting.objects.exists()


def test_a_follow_up_without_text_is_refused(client, business, standing, consultant):
    data = {"held_on": "2026-12-08", "minutes": "", "follow_up": "", "owner": str(consultant.pk)}
    response = _login(client, business).post(reverse("teamwork:minutes"), data)
    assert response.status_code == 400
    assert not JointMeeting.objects.exists()


@pytest.mark.parametrize("held_on", ["9999-12-31", "1899-01-01", "2026-02-30", "i morgen"])
def test_minutes_on_an_impossible_date_are_refused(client, business, standing, held_on):
    response = _login(client, business).post(
        reverse("teamwork:minutes"), {"held_on": held_on, "minutes": "x"}
    )
    assert response.status_code == 400
    assert not JointMeeting.objects.exists()


def test_only_a_team_leader_sets_the_meeting_and_forms_pairs(client, consultant, business):
    _login(client, business)
    assert client.post(reverse("teamwork:standing"), {"weekday": "1"}).status_code == 403
    pair = {"job_consultant": consultant.pk, "business_consultant": business.pk}
    assert client.post(reverse("teamwork:pair"), pair).status_code == 403
    assert not PartnerPair.objects.exists()


def test_a_double_click_answers_once_and_a_colleague_is_told_who_answered(
    client, consultant, business
):
    request = _request(consultant.job_centre, consultant)
    url = reverse("teamwork:request_answer", args=[request.public_id])
    _login(client, business)
    responses = [client.post(url, {"answer": "Nordic Pallet søger 4"}) for _ in "12"]
    assert [r.status_code for r in responses] == [302, 302]
    first = CitizenRequest.objects.get().closed_at
    client.get(OVERVIEW)  # the messages are read
    colleague = StaffFactory(job_centre=consultant.job_centre, role=Role.BUSINESS_CONSULTANT)
    page = _login(client, colleague).post(url, {"answer": "Dagrofa"}, follow=True)
    assert "Bo Virksomhed har allerede svaret på denne efterspørgsel." in page.content.decode()
    assert CitizenRequest.objects.get().closed_at == first


def test_a_double_click_forms_the_pair_once(client, leader, consultant, business):
    data = {"job_consultant": consultant.pk, "business_consultant": business.pk}
    _login(client, leader)
    assert [client.post(reverse("teamwork:pair"), data).status_code for _ in "12"] == [302, 302]
    assert PartnerPair.objects.count() == 1


def test_a_job_consultant_has_one_partner_at_a_time(client, leader, consultant, business):
    other_business = StaffFactory(job_centre=consultant.job_centre, role=Role.BUSINESS_CONSULTANT)
    _login(client, leader)
    for partner in (business, other_business):
        response = client.post(
            reverse("teamwork:pair"),
            {"job_consultant": consultant.pk, "business_consultant": partner.pk},
        )
        assert response.status_code == 302
    current = PartnerPair.objects.get(ended_on__isnull=True)
    assert current.business_consultant == other_business
    assert PartnerPair.objects.filter(ended_on__isnull=False).count() == 1
    end = reverse("teamwork:pair_end", args=[current.public_id])
    assert client.post(end).status_code == 302
    assert not PartnerPair.objects.filter(ended_on__isnull=True).exists()


def test_a_pair_across_centres_is_refused(client, leader, consultant, other_centre):
    stranger = StaffFactory(job_centre=other_centre, role=Role.BUSINESS_CONSULTANT)
    response = _login(client, leader).post(
        reverse("teamwork:pair"),
        {"job_consultant": consultant.pk, "business_consultant": stranger.pk},
    )
    assert response.status_code == 400
    assert not PartnerPair.objects.exists()


def test_another_centre_reaches_none_of_it(client, consultant, standing, other_centre):
    request = _request(consultant.job_centre, consultant)
    meeting = JointMeeting.objects.create(standing=standing, held_on=date(2026, 12, 8))
    follow_up = FollowUp.objects.create(meeting=meeting, text="Ring")
    outsider = StaffFactory(job_centre=other_centre, role=Role.TEAM_LEADER)
    pair = PartnerPair.objects.create(
        job_centre=consultant.job_centre,
        job_consultant=consultant,
        business_consultant=StaffFactory(
            job_centre=consultant.job_centre, role=Role.BUSINESS_CONSULTANT
        ),
        started_on=date(2026, 12, 1),
    )
    _login(client, outsider)
    for url, data in [
        (reverse("teamwork:request_answer", args=[request.public_id]), {"answer": "Hej"}),
        (reverse("teamwork:follow_up_done", args=[follow_up.public_id]), {}),
        (reverse("teamwork:pair_end", args=[pair.public_id]), {}),
    ]:
        assert client.post(url, data).status_code == 404
    page = client.get(OVERVIEW).content.decode()
    assert "Ring" not in page and "lagerarbejder" not in page
    request.refresh_from_db(), follow_up.refresh_from_db(), pair.refresh_from_db()
    assert request.closed_at is None and follow_up.done_at is None and pair.ended_on is None


def test_a_citizen_and_an_administrator_are_not_part_of_it(client, citizen, admin_user):
    for user in (citizen.user, admin_user):
        _login(client, user)
        assert client.get(OVERVIEW).status_code == 403
        assert client.get(reverse("teamwork:request")).status_code == 403


def test_the_page_shows_the_weeks_agenda_and_the_menu_entry(client, business, standing):
    html = _login(client, business).get(OVERVIEW).content.decode()
    assert "Samarbejde" in html
    assert "Hver tirsdag kl. 09.00" in html or "Hver tirsdag" in html
    assert "Mødelokale 2" in html
