"""The meeting pages: the team's list, scheduling and changing a meeting, its page with the
learning points kept private, and the facilitator's view with its timer, steps, notes and end;
who reaches what, and the bad input of the issue. Pages are read in English (the language
cookie) so the assertions hold whatever the Danish translation says."""

import re
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import JobCentreFactory, TeamFactory
from citizens.tests.factories import CitizenFactory
from learning.models import AgendaKind, FocusArea, LearningMeeting, LearningPoint, MeetingStatus
from learning.services import meetings as services
from learning.tests.factories import team_with_members
from notifications.models import Notification

pytestmark = pytest.mark.django_db

LIST = reverse("learning:meetings")
CREATE = reverse("learning:meeting_create")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def team():
    """(team, leader, [three consultants])"""
    return team_with_members(3)


@pytest.fixture
def meeting(team):
    _team, leader, _members = team
    return services.meeting_create(
        team=_team, facilitator=leader, starts_at=timezone.now(), place="Mødelokale 2"
    )


@pytest.fixture
def running(meeting):
    services.meeting_start(meeting=meeting)
    return meeting


def url(name, meeting, *args):
    return reverse(f"learning:{name}", args=[meeting.pk, *args])


def body(response) -> str:
    return response.content.decode()


def items(meeting):
    return list(meeting.items.order_by("position"))


def current(meeting):
    return services.current_item(meeting)


def end_data(**changes):
    today = timezone.localdate()
    data = {
        "focus_1": "Lad borgeren opsummere til sidst",
        "focus_2": "Brug Jobloggen som udgangspunkt i status",
        "focus_3": "",
        "focus_from": today.isoformat(),
        "focus_until": (today + timedelta(weeks=6)).isoformat(),
        "minutes": "Godt møde.",
    }
    data.update(changes)
    return data


def outsiders(meeting):
    """Staff and citizens who are not in the meeting's team, by what they are."""
    centre = meeting.team.job_centre
    other_team = TeamFactory(job_centre=centre)
    elsewhere = JobCentreFactory()
    return {
        "other team's consultant": StaffFactory(job_centre=centre, team=other_team),
        "other team's leader": StaffFactory(
            role=Role.TEAM_LEADER, job_centre=centre, team=other_team
        ),
        "other centre's consultant": StaffFactory(
            job_centre=elsewhere, team=TeamFactory(job_centre=elsewhere)
        ),
        "manager": StaffFactory(role=Role.MANAGER, job_centre=centre),
        "citizen": CitizenFactory(job_centre=centre).user,
    }


# The list


def test_members_see_their_teams_coming_and_held_meetings_with_focus_areas(english, team):
    _team, leader, members = team
    held = services.meeting_create(team=_team, facilitator=leader, starts_at=timezone.now())
    services.meeting_start(meeting=held)
    services.meeting_end(
        meeting=held,
        minutes="",
        focus_areas=["Kontrakt i starten", "Nysgerrige spørgsmål"],
        focus_from=timezone.localdate(),
        focus_until=timezone.localdate() + timedelta(days=40),
    )
    coming = services.meeting_create(
        team=_team, facilitator=leader, starts_at=timezone.now() + timedelta(days=30)
    )
    english.force_login(members[0])
    response = english.get(LIST)
    assert response.status_code == 200
    page = body(response)
    assert url("meeting", coming) in page and url("meeting", held) in page
    assert "Kontrakt i starten" in page and "Nysgerrige spørgsmål" in page
    assert CREATE not in page  # a consultant does not schedule
    english.force_login(leader)
    assert CREATE in body(english.get(LIST))


def test_the_list_shows_no_other_teams_meetings(client, meeting):
    others = outsiders(meeting)
    client.force_login(others["other team's consultant"])
    response = client.get(LIST)
    assert response.status_code == 200
    assert url("meeting", meeting) not in body(response)
    for who in ("manager", "citizen"):
        client.force_login(others[who])
        assert client.get(LIST).status_code == 403, who


def test_the_anonymous_are_sent_to_log_in(client, meeting):
    for address in (LIST, CREATE, url("meeting", meeting), url("meeting_facilitate", meeting)):
        response = client.get(address)
        assert response.status_code == 302 and "log-ind" in response["Location"]


# Scheduling


def test_the_team_leader_schedules_a_meeting_once_and_the_members_are_told(english, team):
    _team, leader, members = team
    english.force_login(leader)
    form = english.get(CREATE)
    assert form.status_code == 200
    page = body(form)
    assert str(services.DEFAULT_PURPOSE)[:40] in page
    assert all(member.name in page for member in members)
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "submission_token": str(uuid.uuid4()),
        "starts_on": day.isoformat(),
        "starts_time": "09:00",
        "duration_minutes": "120",
        "place": "Mødelokale 2",
        "purpose": "At dele erfaringer.",
    }
    response = english.post(CREATE, data)
    meeting = LearningMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("meeting", meeting)
    assert english.post(CREATE, data).status_code == 302  # the double click
    assert LearningMeeting.objects.count() == 1
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "09:00"
    assert meeting.facilitator == leader and meeting.items.count() == 5
    assert Notification.objects.filter(recipient__in=members).count() == 3


def test_too_many_members_is_said_on_the_form_and_nothing_is_saved(english):
    _team, leader, _members = team_with_members(11)
    english.force_login(leader)
    response = english.post(
        CREATE,
        {
            "submission_token": str(uuid.uuid4()),
            "starts_on": timezone.localdate().isoformat(),
            "starts_time": "23:59",
            "duration_minutes": "120",
            "place": "Kantinen",
            "purpose": "",
        },
    )
    assert response.status_code == 400
    page = body(response)
    assert "too many members" in page and "at least 135 minutes" in page
    assert 'value="Kantinen"' in page
    assert not LearningMeeting.objects.exists()


def test_only_the_team_leader_schedules(client, team, meeting):
    _team, _leader, members = team
    client.force_login(members[0])
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {}).status_code == 403
    others = outsiders(meeting)
    client.force_login(others["manager"])
    assert client.get(CREATE).status_code == 403


# Before the meeting: change, reorder, absent, cancel


def test_the_leader_changes_the_meeting_reorders_rounds_and_marks_absent(english, team, meeting):
    _team, leader, _members = team
    english.force_login(leader)
    assert english.get(url("meeting_edit", meeting)).status_code == 200
    welcome, first, second, third, focus = items(meeting)
    response = english.post(url("meeting_round_move", meeting, third.pk), {"direction": "up"})
    assert response.status_code == 302
    assert [i.pk for i in items(meeting)] == [welcome.pk, first.pk, third.pk, second.pk, focus.pk]
    english.post(url("meeting_round_absent", meeting, first.pk), {"absent": "1"})
    first.refresh_from_db()
    assert first.skipped
    day = timezone.localdate() + timedelta(days=1)
    response = english.post(
        url("meeting_edit", meeting),
        {
            "starts_on": day.isoformat(),
            "starts_time": "13:00",
            "duration_minutes": "90",
            "place": "Kantinen",
            "purpose": "Nyt formål",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.duration_minutes) == ("Kantinen", 90)


def test_a_consultant_cannot_change_or_cancel(client, team, meeting):
    _team, _leader, members = team
    client.force_login(members[0])
    round_item = items(meeting)[1]
    assert client.get(url("meeting_edit", meeting)).status_code == 403
    assert client.post(url("meeting_cancel", meeting)).status_code == 403
    assert (
        client.post(url("meeting_round_absent", meeting, round_item.pk), {"absent": "1"})
    ).status_code == 403
    assert LearningMeeting.objects.get().status == MeetingStatus.PLANNED


def test_cancel_asks_first_and_then_cancels(english, team, meeting):
    _team, leader, _members = team
    english.force_login(leader)
    assert english.get(url("meeting_cancel", meeting)).status_code == 200
    assert english.post(url("meeting_cancel", meeting)).status_code == 302
    assert LearningMeeting.objects.get().status == MeetingStatus.CANCELLED


# The meeting's page


def test_a_member_sees_the_agenda_and_only_their_own_learning_point(english, team, running):
    _team, leader, members = team
    for item in items(running)[1:4]:
        services.agenda_item_notes_save(
            meeting=running,
            item=item,
            notes=f"Noter om {item.consultant.name}",
            learning_point=f"Læringspunkt-{item.consultant.pk}",
        )
    english.force_login(members[0])
    page = body(english.get(url("meeting", running)))
    assert f"Læringspunkt-{members[0].pk}" in page
    assert f"Læringspunkt-{members[1].pk}" not in page
    assert f"Læringspunkt-{members[2].pk}" not in page
    assert f"Noter om {members[1].name}" in page  # the notes are the group's
    assert url("meeting_facilitate", running) not in page
    english.force_login(leader)
    page = body(english.get(url("meeting", running)))
    assert all(f"Læringspunkt-{m.pk}" in page for m in members)


@pytest.mark.parametrize(
    "who",
    [
        "other team's consultant",
        "other team's leader",
        "other centre's consultant",
        "manager",
        "citizen",
    ],
)
def test_outsiders_do_not_find_the_meeting(client, meeting, who):
    client.force_login(outsiders(meeting)[who])
    for name in ("meeting", "meeting_facilitate", "meeting_edit", "meeting_cancel"):
        assert client.get(url(name, meeting)).status_code == 404, name
    item = items(meeting)[1]
    assert client.post(url("meeting_start", meeting)).status_code == 404
    assert client.post(url("meeting_item_next", meeting, item.pk)).status_code == 404
    assert (
        client.post(url("meeting_item_notes", meeting, item.pk), {"text": "x"}).status_code == 404
    )
    assert client.post(url("meeting_end", meeting), end_data()).status_code == 404
    assert LearningMeeting.objects.get().status == MeetingStatus.PLANNED


# The facilitator's view


def test_a_consultant_of_the_team_may_not_facilitate(client, team, running):
    _team, _leader, members = team
    client.force_login(members[0])
    item = current(running)
    assert client.get(url("meeting_facilitate", running)).status_code == 403
    assert client.post(url("meeting_item_next", running, item.pk)).status_code == 403
    assert client.post(url("meeting_item_skip", running, item.pk)).status_code == 403
    response = client.post(
        url("meeting_item_notes", running, item.pk), {"text": "x", "learning_point": "y"}
    )
    assert response.status_code == 403
    assert client.post(url("meeting_end", running), end_data()).status_code == 403
    assert current(running) == item
    assert not LearningPoint.objects.exists()


def test_the_timer_keeps_the_servers_start_after_a_reload(english, team, running):
    _team, leader, _members = team
    first = current(running)
    services.agenda_item_next(meeting=running, item=first)
    round_item = current(running)
    started = timezone.now() - timedelta(minutes=3)
    type(round_item).objects.filter(pk=round_item.pk).update(started_at=started)
    english.force_login(leader)
    for _reload in range(2):
        page = body(english.get(url("meeting_facilitate", running)))
        timer = re.search(r'<div class="meeting-timer[^>]*>', page, re.S).group(0)
        attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', timer))
        assert attrs["started-ms"] == str(int(started.timestamp() * 1000))
        assert attrs["planned-seconds"] == str(round_item.planned_minutes * 60)
        assert attrs["reflection-seconds"] == "300"
        remaining = int(attrs["remaining-seconds"])
        assert (
            round_item.planned_minutes * 60 - 185
            <= remaining
            <= round_item.planned_minutes * 60 - 180
        )
        assert 'aria-live="polite"' in page
        assert "js/meeting-timer.js" in page
        assert "<script>" not in page  # no inline script: CSP
    assert "Shared reflection begins at" in page
    assert round_item.consultant.name in page


def test_next_and_skip_move_the_agenda_and_a_stale_click_does_not(english, team, running):
    _team, leader, _members = team
    english.force_login(leader)
    welcome, first, second, _third, _focus = items(running)
    response = english.post(url("meeting_item_next", running, welcome.pk))
    assert response.status_code == 302
    assert response["Location"].endswith("#current-item")
    assert current(running) == first
    response = english.post(url("meeting_item_next", running, welcome.pk), follow=True)
    assert "moved on" in body(response)
    assert current(running) == first
    english.post(url("meeting_item_skip", running, first.pk))
    first.refresh_from_db()
    assert first.skipped and current(running) == second


def test_an_item_of_another_meeting_or_a_former_members_round_is_not_found(english, team, running):
    _team, leader, _members = team
    elsewhere_team, elsewhere_leader, _m = team_with_members(1)
    other = services.meeting_create(
        team=elsewhere_team, facilitator=elsewhere_leader, starts_at=timezone.now()
    )
    foreign = items(other)[1]
    english.force_login(leader)
    for name in ("meeting_item_next", "meeting_item_skip", "meeting_round_move"):
        assert english.post(url(name, running, foreign.pk)).status_code == 404, name
    response = english.post(
        url("meeting_item_notes", running, foreign.pk), {"text": "x", "learning_point": "y"}
    )
    assert response.status_code == 404
    # A round of someone who has moved to another team since: not a member's round any more.
    leaver_round = items(running)[2]
    leaver_round.consultant.team = TeamFactory(job_centre=running.team.job_centre)
    leaver_round.consultant.save()
    response = english.post(
        url("meeting_item_notes", running, leaver_round.pk), {"text": "", "learning_point": "z"}
    )
    assert response.status_code == 404
    assert not LearningPoint.objects.exists()


def test_notes_save_as_one_types_and_without_javascript(english, team, running):
    _team, leader, _members = team
    english.force_login(leader)
    welcome = current(running)
    services.agenda_item_next(meeting=running, item=welcome)
    round_item = current(running)
    address = url("meeting_item_notes", running, round_item.pk)
    response = english.post(
        address,
        {"text": "Trænede kontrakt", "learning_point": "Tælle til fem"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Saved at" in body(response)
    round_item.refresh_from_db()
    assert round_item.notes == "Trænede kontrakt"
    assert LearningPoint.objects.get().consultant == round_item.consultant
    response = english.post(address, {"text": "Rettet", "learning_point": "Tælle til fem"})
    assert response.status_code == 302
    response = english.post(address, {"text": "Beacon", "beacon": "1"})
    assert response.status_code == 204
    round_item.refresh_from_db()
    assert round_item.notes == "Beacon"
    assert LearningPoint.objects.get().text == "Tælle til fem"  # not sent: left alone
    page = body(english.get(url("meeting_facilitate", running)))
    assert 'data-hx-trigger="input changed delay:800ms"' in page
    assert "Tælle til fem" in page


def test_ending_with_one_or_no_focus_area_is_refused_and_nothing_is_saved(english, team, running):
    """(The form has three fields; four focus areas are refused by the service, see
    test_meetings_services.)"""
    _team, leader, _members = team
    english.force_login(leader)
    for data in (
        end_data(focus_2="", minutes="Referat der ikke gemmes"),
        end_data(focus_2="", focus_3="", focus_1=""),
    ):
        response = english.post(url("meeting_end", running), data)
        assert response.status_code == 400
        assert "two or three common focus areas" in body(response)
    assert "Referat der ikke gemmes" in body(
        english.post(
            url("meeting_end", running), end_data(focus_2="", minutes="Referat der ikke gemmes")
        )
    )
    response = english.post(url("meeting_end", running), end_data(focus_until=""))
    assert response.status_code == 400
    saved = LearningMeeting.objects.get()
    assert saved.status == MeetingStatus.RUNNING and saved.minutes == ""
    assert not FocusArea.objects.exists()


def test_ending_saves_the_focus_areas_for_every_member(english, team, running):
    _team, leader, members = team
    english.force_login(leader)
    response = english.post(url("meeting_end", running), end_data(focus_3="Timeout"))
    assert response.status_code == 302
    assert response["Location"] == url("meeting", running)
    saved = LearningMeeting.objects.get()
    assert saved.status == MeetingStatus.ENDED and saved.minutes == "Godt møde."
    assert saved.focus_areas.count() == 3
    english.force_login(members[2])
    page = body(english.get(url("meeting", running)))
    assert "Lad borgeren opsummere til sidst" in page and "Timeout" in page


def test_starting_an_ended_meeting_gives_a_message(english, team, running):
    _team, leader, _members = team
    english.force_login(leader)
    english.post(url("meeting_end", running), end_data())
    response = english.post(url("meeting_start", running), follow=True)
    assert response.status_code == 200
    assert "already been held and cannot be started again" in body(response)
    assert LearningMeeting.objects.get().status == MeetingStatus.ENDED


def test_the_focus_form_shows_on_the_last_item_with_the_period_prefilled(english, team, running):
    _team, leader, _members = team
    english.force_login(leader)
    page = body(english.get(url("meeting_facilitate", running)))
    assert url("meeting_end", running) not in page  # still welcome
    for item in items(running)[:-1]:
        services.agenda_item_next(meeting=running, item=item)
    assert current(running).kind == AgendaKind.FOCUS
    page = body(english.get(url("meeting_facilitate", running)))
    assert url("meeting_end", running) in page
    until = timezone.localdate() + timedelta(weeks=6) - timedelta(days=1)
    assert f'value="{until.isoformat()}"' in page


def test_the_home_card_shows_the_focus_areas_the_period_and_my_own_learning_point(team):
    from django.template.loader import render_to_string
    from django.utils.translation import override

    from learning.selectors.meetings import home_meetings

    _team, leader, members = team
    meeting = services.meeting_create(team=_team, facilitator=leader, starts_at=timezone.now())
    services.meeting_start(meeting=meeting)
    for item in items(meeting)[1:4]:
        services.agenda_item_notes_save(
            meeting=meeting, item=item, notes="", learning_point=f"Punkt-{item.consultant.pk}"
        )
    services.meeting_end(
        meeting=meeting,
        minutes="",
        focus_areas=["Kontrakt i starten", "Nysgerrige spørgsmål"],
        focus_from=timezone.localdate(),
        focus_until=timezone.localdate() + timedelta(days=41),
    )
    coming = services.meeting_create(
        team=_team, facilitator=leader, starts_at=timezone.now() + timedelta(days=42)
    )
    data = home_meetings(user=members[0], today=timezone.localdate())
    with override("en"):
        html = render_to_string("learning/meetings/_home.html", {"home_meetings": data})
    assert "Our focus areas" in html
    assert "Kontrakt i starten" in html and "Nysgerrige spørgsmål" in html
    assert f"Punkt-{members[0].pk}" in html and f"Punkt-{members[1].pk}" not in html
    assert url("meeting", coming) in html and url("meeting", meeting) in html
    with override("en"):
        empty = render_to_string(
            "learning/meetings/_home.html",
            {
                "home_meetings": home_meetings(
                    user=team_with_members(1)[1], today=timezone.localdate()
                )
            },
        )
    assert "has not agreed on focus areas yet" in empty
