"""Guests of the method: a team leader invites an external supervisor to one observation and a
mentor to one sparring event; each sees exactly that until the end date and nothing else; after
it, a Danish message and nothing saved."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import StaffFactory
from accounts.two_factor import requires_second_factor
from citizens.tests.factories import CitizenFactory
from learning.models import GuestAccess
from learning.tests.factories import (
    ObservationFactory,
    SparringCaseFactory,
    SparringEventFactory,
    conversation_of,
    team_with_members,
)

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
PASSWORD = "Supervision-2026!"


@pytest.fixture
def team():
    return team_with_members(consultants=2)


@pytest.fixture
def observation(team):
    _team, _leader, (observed, observer) = team
    return ObservationFactory(booking=conversation_of(observed), observer=observer)


def _invite(client, leader, **overrides):
    client.force_login(leader)
    page = client.get(reverse("learning:guests"))
    data = {
        "submission_token": page.context["form"]["submission_token"].value(),
        "name": "Rikke Rambøll",
        "username": "rikke-supervisor",
        "email": "rikke@example.org",
        "password": PASSWORD,
        "ends_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "observation": "",
        "sparring_event": "",
    }
    data.update(overrides)
    return client.post(reverse("learning:guests"), data), data


def test_a_supervisor_sees_exactly_the_observation_and_comments(client, team, observation):
    _team, leader, _members = team
    response, data = _invite(client, leader, observation=str(observation.pk))
    assert response.status_code == 302
    again = client.post(reverse("learning:guests"), data)  # a double click
    assert again.status_code == 302
    access = GuestAccess.objects.get()
    guest = access.guest
    assert (guest.role, guest.job_centre_id, guest.team_id) == (
        Role.GUEST,
        leader.job_centre_id,
        None,
    )
    assert requires_second_factor(guest)

    client.force_login(guest)
    home = client.get(reverse("dashboard:home")).content.decode()
    page_url = reverse("learning:guest_page", args=[access.public_id])
    assert page_url in home
    page = client.get(page_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert observation.observed.name in html
    assert observation.booking.citizen.name not in html  # no citizen, ever
    saved = client.post(page_url, {"comment": "Flot kontrakt; prøv flere åbne spørgsmål."})
    assert saved.status_code == 302
    access.refresh_from_db()
    assert access.comment.startswith("Flot kontrakt")

    leader_page = client.get(reverse("learning:guests"))
    assert leader_page.status_code == 403  # the guest is no leader
    client.force_login(leader)
    assert "Flot kontrakt" in client.get(reverse("learning:guests")).content.decode()


def test_a_guest_reaches_nothing_else(client, team, observation):
    _team, leader, _members = team
    _invite(client, leader, observation=str(observation.pk))
    guest = User.objects.get(role=Role.GUEST)
    other = ObservationFactory(
        booking=conversation_of(observation.observer), observer=observation.observed
    )
    client.force_login(guest)
    for name, args in [
        ("learning:observation", [observation.pk]),
        ("learning:observation", [other.pk]),
        ("learning:logbook", []),
        ("learning:observations", []),
        ("learning:sparring", []),
        ("citizens:list", []),
        ("booking:calendar_day", []),
        ("labour:board", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code in (403, 404), name
    stranger = GuestAccess.objects.create(
        guest=StaffFactory(role=Role.GUEST, job_centre=leader.job_centre),
        team=leader.team,
        observation=other,
        ends_on=timezone.localdate(),
        invited_by=leader,
    )
    assert client.get(reverse("learning:guest_page", args=[stranger.public_id])).status_code == 404


def test_a_mentor_sees_the_sparring_event_by_pseudonym(client, team):
    team_obj, leader, (consultant, _other) = team
    event = SparringEventFactory(team=team_obj, created_by=leader)
    case = SparringCaseFactory(
        event=event,
        consultant=consultant,
        citizen=CitizenFactory(job_centre=leader.job_centre),
        question="Lager eller butik?",
    )
    response, _data = _invite(
        client, leader, sparring_event=str(event.pk), username="mentor-ole", name="Ole Mentor"
    )
    assert response.status_code == 302
    access = GuestAccess.objects.get()
    client.force_login(access.guest)
    html = client.get(reverse("learning:guest_page", args=[access.public_id])).content.decode()
    assert case.pseudonym in html and "Lager eller butik?" in html
    assert case.citizen.name not in html


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2027, 1, 7, 0, 5, tzinfo=CPH),  # just after midnight the day after
        datetime(2027, 1, 10, 23, 30, tzinfo=CPH),  # a Sunday night later
    ],
)
def test_after_the_end_date_a_danish_message_and_nothing_saved(client, team, observation, moment):
    _team, leader, _members = team
    with time_machine.travel(datetime(2027, 1, 4, 10, tzinfo=CPH), tick=False):
        _invite(client, leader, observation=str(observation.pk), ends_on="2027-01-06")
    access = GuestAccess.objects.get()
    page_url = reverse("learning:guest_page", args=[access.public_id])
    with time_machine.travel(moment, tick=False):
        client.force_login(access.guest)  # the session starts then: staff sessions end in 10 h
        page = client.get(page_url)
        assert page.status_code == 403
        html = page.content.decode()
        assert "Din adgang udløb den 6. januar 2027" in html
        assert observation.observed.name not in html
        posted = client.post(page_url, {"comment": "For sent"})
        assert posted.status_code == 403
        home = client.get(reverse("dashboard:home")).content.decode()
        assert "Du har ingen åbne invitationer" in home
    access.refresh_from_db()
    assert access.comment == ""


def test_the_last_day_still_counts(client, team, observation):
    _team, leader, _members = team
    with time_machine.travel(datetime(2027, 1, 4, 10, tzinfo=CPH), tick=False):
        _invite(client, leader, observation=str(observation.pk), ends_on="2027-01-06")
    access = GuestAccess.objects.get()
    with time_machine.travel(datetime(2027, 1, 6, 23, 55, tzinfo=CPH), tick=False):
        client.force_login(access.guest)
        assert (
            client.get(reverse("learning:guest_page", args=[access.public_id])).status_code == 200
        )


def test_the_leader_ends_the_access_at_once(client, team, observation):
    _team, leader, _members = team
    _invite(client, leader, observation=str(observation.pk))
    access = GuestAccess.objects.get()
    client.post(reverse("learning:guest_end", args=[access.public_id]))
    client.force_login(access.guest)
    assert client.get(reverse("learning:guest_page", args=[access.public_id])).status_code == 403


def test_inviting_the_guest_again_gives_the_access_a_new_end_date(client, team, observation):
    """The end page tells the guest to ask the team leader for more time: the leader invites
    them again, and the same access opens until the new date."""
    _team, leader, _members = team
    _invite(client, leader, observation=str(observation.pk))
    access = GuestAccess.objects.get()
    client.post(reverse("learning:guest_end", args=[access.public_id]))
    later = (timezone.localdate() + timedelta(days=14)).isoformat()
    response, _data = _invite(client, leader, observation=str(observation.pk), ends_on=later)
    assert response.status_code == 302
    access.refresh_from_db()
    assert GuestAccess.objects.count() == 1 and access.ends_on.isoformat() == later
    client.force_login(access.guest)
    assert client.get(reverse("learning:guest_page", args=[access.public_id])).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": "2000-01-01"}, "ends_on"),
        ({"ends_on": "9999-12-31"}, "ends_on"),
        ({"ends_on": "i morgen"}, "ends_on"),
        ({"name": "Rikke\x00"}, "name"),
        ({"username": "jc"}, "username"),  # a member of staff's username
        ({"password": ""}, "password"),
        ({"password": "kort"}, "password"),
        ({"observation": ""}, "observation"),  # neither
    ],
)
def test_a_bad_invitation_is_refused_and_nothing_saved(
    client, team, observation, consultant, overrides, field
):
    _team, leader, _members = team
    values = {"observation": str(observation.pk), **overrides}
    response, _data = _invite(client, leader, **values)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors.get(field) or form.non_field_errors(), form.errors
    assert not GuestAccess.objects.exists()
    assert not User.objects.filter(role=Role.GUEST).exists()


def test_both_an_observation_and_an_event_is_refused(client, team, observation):
    team_obj, leader, _members = team
    event = SparringEventFactory(team=team_obj, created_by=leader)
    response, _data = _invite(
        client, leader, observation=str(observation.pk), sparring_event=str(event.pk)
    )
    assert response.status_code == 400
    assert not GuestAccess.objects.exists()


def test_another_teams_observation_cannot_be_offered(client, team):
    _team, leader, _members = team
    _other_team, _other_leader, (stranger, watcher) = team_with_members(
        consultants=2, job_centre=leader.job_centre
    )
    theirs = ObservationFactory(booking=conversation_of(stranger), observer=watcher)
    response, _data = _invite(client, leader, observation=str(theirs.pk))
    assert response.status_code == 400
    assert not GuestAccess.objects.exists()


def test_only_team_leaders_invite(client, team):
    _team, _leader, (consultant, _other) = team
    client.force_login(consultant)
    assert client.get(reverse("learning:guests")).status_code == 403
