"""Learning-group meetings: the method's agenda and its arithmetic, the transitions of a
meeting and its items, ending with the focus areas, and the reads for the home page and the
team's targets (learning.services.meetings, learning.selectors.meetings, learning.demo)."""

import random
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres import demo as centres_demo
from centres.tests.factories import TeamFactory
from learning.demo import meetings as demo
from learning.models import (
    AgendaItem,
    AgendaKind,
    FocusArea,
    LearningMeeting,
    LearningPoint,
    MeetingStatus,
)
from learning.selectors import meetings as selectors
from learning.services import meetings as services
from learning.tests.factories import team_with_members
from notifications.models import Notification


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are matched by their English source text."""
    with override("en"):
        yield


pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 3, 10, 8, 30))
STARTS = timezone.make_aware(datetime(2026, 3, 10, 9, 0))


def schedule(consultants: int = 8, *, starts_at=STARTS, duration: int = 120, now=NOW):
    team, leader, members = team_with_members(consultants)
    meeting = services.meeting_create(
        team=team,
        facilitator=leader,
        starts_at=starts_at,
        duration_minutes=duration,
        place="Mødelokale 2",
        now=now,
    )
    return meeting, leader, members


def items(meeting) -> list[AgendaItem]:
    return list(meeting.items.order_by("position"))


def current(meeting) -> AgendaItem | None:
    return services.current_item(meeting)


def end(meeting, *, areas=("Kontrakt", "Nysgerrige spørgsmål"), now=None, **changes):
    values = {
        "minutes": "Referat",
        "focus_areas": list(areas),
        "focus_from": date(2026, 3, 10),
        "focus_until": date(2026, 4, 20),
        "now": now or NOW + timedelta(hours=2),
    }
    values.update(changes)
    return services.meeting_end(meeting=meeting, **values)


# The agenda and its arithmetic


def test_eight_members_get_ten_minute_rounds_with_five_minutes_of_reflection():
    meeting, leader, members = schedule(8)
    agenda = items(meeting)
    assert [item.kind for item in agenda] == (
        [AgendaKind.WELCOME] + [AgendaKind.ROUND] * 8 + [AgendaKind.FOCUS]
    )
    assert agenda[0].planned_minutes == 10
    assert agenda[-1].planned_minutes == 30
    rounds = agenda[1:-1]
    assert {item.planned_minutes for item in rounds} == {10}
    assert {item.reflection_minutes for item in rounds} == {5}
    assert {item.consultant for item in rounds} == set(members)
    assert leader not in {item.consultant for item in rounds}
    assert sum(item.planned_minutes for item in agenda) == 120
    assert meeting.purpose == str(services.DEFAULT_PURPOSE)


def test_rounds_get_whole_minutes_and_the_focus_part_takes_what_the_rounding_leaves():
    assert services.round_share(duration_minutes=120, rounds=7) == services.RoundShare(
        round_minutes=11, focus_minutes=33
    )
    assert services.round_share(duration_minutes=120, rounds=10) == services.RoundShare(
        round_minutes=8, focus_minutes=30
    )


def test_too_many_members_for_the_length_is_refused_with_a_longer_meeting_suggested():
    with pytest.raises(ValidationError) as refused:
        services.round_share(duration_minutes=120, rounds=11)
    message = refused.value.message_dict["duration_minutes"][0]
    assert "at least 135 minutes" in message
    assert services.round_share(duration_minutes=135, rounds=11).round_minutes == 8

    team, leader, _members = team_with_members(11)
    with pytest.raises(ValidationError):
        services.meeting_create(team=team, facilitator=leader, starts_at=STARTS, now=NOW)
    assert not LearningMeeting.objects.exists()


def test_only_the_teams_active_job_consultants_get_a_round():
    team, leader, members = team_with_members(2)
    StaffFactory(role=Role.JOB_CONSULTANT, job_centre=team.job_centre, team=team, is_active=False)
    StaffFactory(role=Role.BUSINESS_CONSULTANT, job_centre=team.job_centre, team=team)
    StaffFactory(role=Role.JOB_CONSULTANT, job_centre=team.job_centre, team=TeamFactory())
    meeting = services.meeting_create(team=team, facilitator=leader, starts_at=STARTS, now=NOW)
    rounds = meeting.items.filter(kind=AgendaKind.ROUND)
    assert {item.consultant for item in rounds} == set(members)
    assert {item.title for item in rounds} == {member.name for member in members}


def test_the_members_are_told_once_each():
    meeting, leader, members = schedule(3)
    notices = Notification.objects.filter(key__startswith=f"learning-meeting:{meeting.pk}:new")
    assert sorted(n.recipient_id for n in notices) == sorted(m.pk for m in members)
    assert {n.key for n in notices} == {
        f"learning-meeting:{meeting.pk}:new:{member.pk}" for member in members
    }
    services._notify_scheduled(meeting, now=NOW)  # asked again: nobody is told twice
    assert Notification.objects.filter(recipient=leader).count() == 0
    assert (
        Notification.objects.filter(key__startswith=f"learning-meeting:{meeting.pk}").count() == 3
    )


def test_a_meeting_is_not_scheduled_in_the_past_nor_without_consultants():
    team, leader, _members = team_with_members(2)
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            team=team, facilitator=leader, starts_at=STARTS - timedelta(days=1), now=NOW
        )
    assert "starts_on" in refused.value.message_dict
    empty_team, empty_leader, _ = team_with_members(0)
    with pytest.raises(ValidationError):
        services.meeting_create(
            team=empty_team, facilitator=empty_leader, starts_at=STARTS, now=NOW
        )
    assert not LearningMeeting.objects.exists()


# Before the meeting


def test_an_absent_member_is_skipped_and_the_others_share_the_time():
    meeting, _leader, _members = schedule(8)
    first_round = items(meeting)[1]
    services.agenda_round_mark_absent(meeting=meeting, item=first_round, absent=True)
    agenda = items(meeting)
    present = [i for i in agenda if i.kind == AgendaKind.ROUND and not i.skipped]
    assert len(present) == 7
    assert {i.planned_minutes for i in present} == {11}
    assert agenda[-1].planned_minutes == 33
    services.agenda_round_mark_absent(meeting=meeting, item=first_round, absent=False)
    assert {i.planned_minutes for i in items(meeting) if i.kind == AgendaKind.ROUND} == {10}


def test_rounds_are_reordered_and_the_first_stays_first_when_moved_up():
    meeting, _leader, _members = schedule(3)
    welcome, first, second, third, focus = items(meeting)
    services.agenda_round_move(meeting=meeting, item=second, up=True)
    assert [i.pk for i in items(meeting)] == [welcome.pk, second.pk, first.pk, third.pk, focus.pk]
    services.agenda_round_move(meeting=meeting, item=second, up=True)  # already first round
    services.agenda_round_move(meeting=meeting, item=third, up=False)  # already last round
    assert [i.pk for i in items(meeting)] == [welcome.pk, second.pk, first.pk, third.pk, focus.pk]
    with pytest.raises(ValidationError):
        services.agenda_round_move(meeting=meeting, item=welcome, up=False)


def test_edit_changes_time_and_length_shares_again_and_tells_the_members_of_the_new_time():
    meeting, _leader, members = schedule(8)
    later = STARTS + timedelta(days=2)
    services.meeting_edit(
        meeting=meeting,
        starts_at=later,
        duration_minutes=150,
        place="Kantinen",
        purpose="Formål",
        now=NOW,
    )
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.duration_minutes, meeting.place) == (later, 150, "Kantinen")
    assert {i.planned_minutes for i in items(meeting) if i.kind == AgendaKind.ROUND} == {13}
    assert sum(i.planned_minutes for i in items(meeting)) == 150
    moved = Notification.objects.filter(key__contains=f"{meeting.pk}:moved")
    assert moved.count() == len(members)


def test_nothing_is_changed_once_the_meeting_has_started():
    meeting, _leader, _members = schedule(3)
    services.meeting_start(meeting=meeting, now=STARTS)
    with pytest.raises(ValidationError):
        services.meeting_edit(
            meeting=meeting,
            starts_at=STARTS,
            duration_minutes=90,
            place="",
            purpose="",
            now=NOW,
        )
    with pytest.raises(ValidationError):
        services.agenda_round_mark_absent(meeting=meeting, item=items(meeting)[1], absent=True)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, now=NOW)


def test_cancel_tells_the_members():
    meeting, _leader, members = schedule(2)
    services.meeting_cancel(meeting=meeting, now=NOW)
    assert meeting.status == MeetingStatus.CANCELLED
    cancelled = Notification.objects.filter(key__contains=f"{meeting.pk}:cancelled")
    assert cancelled.count() == len(members)
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_start(meeting=meeting, now=STARTS)


# Running the meeting


def test_start_begins_the_first_item_on_the_day():
    meeting, _leader, _members = schedule(3, starts_at=STARTS + timedelta(days=1))
    with pytest.raises(ValidationError, match="on the day"):
        services.meeting_start(meeting=meeting, now=NOW)
    assert LearningMeeting.objects.get().status == MeetingStatus.PLANNED
    services.meeting_start(meeting=meeting, now=STARTS + timedelta(days=1, minutes=-5))
    assert meeting.status == MeetingStatus.RUNNING
    assert current(meeting) == items(meeting)[0]
    with pytest.raises(ValidationError, match="already started"):
        services.meeting_start(meeting=meeting, now=STARTS + timedelta(days=1))


def test_an_ended_meeting_cannot_be_started_again():
    meeting, _leader, _members = schedule(2)
    services.meeting_start(meeting=meeting, now=STARTS)
    end(meeting)
    with pytest.raises(ValidationError) as refused:
        services.meeting_start(meeting=meeting, now=STARTS + timedelta(hours=3))
    assert "already been held" in refused.value.messages[0]
    assert LearningMeeting.objects.get().status == MeetingStatus.ENDED


def test_next_and_skip_walk_the_agenda_one_item_at_a_time():
    meeting, _leader, _members = schedule(3)
    welcome, first, second, third, focus = items(meeting)
    services.meeting_start(meeting=meeting, now=STARTS)
    services.agenda_item_next(meeting=meeting, item=welcome, now=STARTS + timedelta(minutes=9))
    assert current(meeting) == first
    # A second tab still showing the welcome cannot move the agenda on again.
    with pytest.raises(ValidationError, match="moved on"):
        services.agenda_item_next(meeting=meeting, item=welcome, now=STARTS)
    assert current(meeting) == first
    services.agenda_item_skip(meeting=meeting, item=first, now=STARTS + timedelta(minutes=10))
    first.refresh_from_db()
    assert first.skipped and first.ended_at is not None
    assert current(meeting) == second
    services.agenda_item_next(meeting=meeting, item=second, now=STARTS + timedelta(minutes=25))
    services.agenda_item_next(meeting=meeting, item=third, now=STARTS + timedelta(minutes=50))
    assert current(meeting) == focus
    services.agenda_item_next(meeting=meeting, item=focus, now=STARTS + timedelta(minutes=90))
    assert current(meeting) is None
    assert LearningMeeting.objects.get().status == MeetingStatus.RUNNING


def test_a_round_of_someone_who_has_left_the_team_is_skipped_on_the_way():
    meeting, _leader, _members = schedule(2)
    welcome, first, second, _focus = items(meeting)
    first.consultant.team = TeamFactory(job_centre=meeting.team.job_centre)
    first.consultant.save()
    services.meeting_start(meeting=meeting, now=STARTS)
    services.agenda_item_next(meeting=meeting, item=welcome, now=STARTS + timedelta(minutes=10))
    first.refresh_from_db()
    assert first.skipped
    assert current(meeting) == second


def test_notes_and_the_learning_point_are_saved_and_an_empty_point_removed():
    meeting, _leader, _members = schedule(2)
    welcome, first, _second, _focus = items(meeting)
    with pytest.raises(ValidationError, match="started"):
        services.agenda_item_notes_save(meeting=meeting, item=welcome, notes="For tidligt")
    services.meeting_start(meeting=meeting, now=STARTS)
    services.agenda_item_notes_save(
        meeting=meeting, item=first, notes="  Trænede kontrakt ", learning_point="Tælle til fem"
    )
    first.refresh_from_db()
    assert first.notes == "Trænede kontrakt"
    point = LearningPoint.objects.get()
    assert (point.consultant, point.text) == (first.consultant, "Tælle til fem")
    services.agenda_item_notes_save(
        meeting=meeting, item=first, notes="Trænede kontrakt", learning_point="Spørge først"
    )
    assert LearningPoint.objects.get().text == "Spørge først"
    services.agenda_item_notes_save(meeting=meeting, item=first, notes="", learning_point="")
    assert not LearningPoint.objects.exists()
    with pytest.raises(ValidationError):
        services.agenda_item_notes_save(
            meeting=meeting, item=welcome, notes="", learning_point="Ikke en runde"
        )
    other, _l, _m = schedule(1)
    with pytest.raises(ValidationError):
        services.agenda_item_notes_save(meeting=other, item=first, notes="Forkert møde")


# Ending the meeting


@pytest.mark.parametrize("count", [0, 1, 4])
def test_ending_needs_two_or_three_focus_areas_and_saves_nothing_otherwise(count):
    meeting, _leader, _members = schedule(2)
    services.meeting_start(meeting=meeting, now=STARTS)
    areas = [f"Fokus {n}" for n in range(count)] + ["  "]
    with pytest.raises(ValidationError) as refused:
        end(meeting, areas=areas, minutes="Et referat, der ikke må gemmes")
    assert "two or three" in " ".join(refused.value.messages)
    saved = LearningMeeting.objects.get()
    assert saved.status == MeetingStatus.RUNNING
    assert (saved.minutes, saved.ended_at, saved.focus_until) == ("", None, None)
    assert not FocusArea.objects.exists()
    assert current(saved) is not None


def test_ending_needs_a_period_in_order_and_different_focus_areas():
    meeting, _leader, _members = schedule(2)
    services.meeting_start(meeting=meeting, now=STARTS)
    with pytest.raises(ValidationError) as refused:
        end(meeting, focus_from=None, focus_until=None)
    assert {"focus_from", "focus_until"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError) as refused:
        end(meeting, focus_from=date(2026, 4, 1), focus_until=date(2026, 3, 1))
    assert "focus_until" in refused.value.message_dict
    with pytest.raises(ValidationError, match="different"):
        end(meeting, areas=["Kontrakt", "kontrakt "])
    assert LearningMeeting.objects.get().status == MeetingStatus.RUNNING


def test_ending_saves_minutes_focus_areas_and_period_and_closes_the_current_item():
    meeting, _leader, _members = schedule(2)
    services.meeting_start(meeting=meeting, now=STARTS)
    ended_at = STARTS + timedelta(hours=2)
    end(meeting, areas=[" Kontrakt ", "Opsummering", "Joblog"], now=ended_at)
    saved = LearningMeeting.objects.get()
    assert saved.status == MeetingStatus.ENDED
    assert saved.ended_at == ended_at
    assert saved.minutes == "Referat"
    assert (saved.focus_from, saved.focus_until) == (date(2026, 3, 10), date(2026, 4, 20))
    assert list(saved.focus_areas.values_list("text", flat=True)) == [
        "Kontrakt",
        "Opsummering",
        "Joblog",
    ]
    assert items(saved)[0].ended_at == ended_at
    with pytest.raises(ValidationError, match="already ended"):
        end(saved)
    assert FocusArea.objects.count() == 3


def test_a_planned_meeting_cannot_be_ended():
    meeting, _leader, _members = schedule(2)
    with pytest.raises(ValidationError, match="Start it first"):
        end(meeting)


# Reads


def test_the_timer_counts_from_the_items_start_on_the_servers_clock():
    meeting, _leader, _members = schedule(8)
    services.meeting_start(meeting=meeting, now=STARTS)
    services.agenda_item_next(
        meeting=meeting, item=items(meeting)[0], now=STARTS + timedelta(minutes=10)
    )
    item = current(meeting)
    timer = selectors.timer_for(item=item, now=STARTS + timedelta(minutes=13, seconds=30))
    assert timer is not None
    assert timer.planned_seconds == 600
    assert timer.remaining_seconds == 390
    assert timer.clock == "06:30"
    assert timer.reflection_at == STARTS + timedelta(minutes=15)
    assert not timer.in_reflection
    late = selectors.timer_for(item=item, now=STARTS + timedelta(minutes=21, seconds=5))
    assert late is not None and late.over and late.clock == "+01:05"
    assert selectors.timer_for(item=items(meeting)[0], now=STARTS) is None  # ended


def test_the_agenda_has_planned_clock_times_that_skip_the_absent():
    meeting, _leader, _members = schedule(8)
    services.agenda_round_mark_absent(meeting=meeting, item=items(meeting)[2], absent=True)
    rows = selectors.agenda_rows(meeting=meeting)
    local = [
        timezone.localtime(row.planned_start).strftime("%H:%M") if row.planned_start else None
        for row in rows
    ]
    assert local[:4] == ["09:00", "09:10", None, "09:21"]
    assert local[-1] == "10:27"
    assert rows[2].state == "skipped"


def test_learning_points_are_seen_by_their_consultant_and_the_facilitator_only():
    meeting, leader, members = schedule(2)
    services.meeting_start(meeting=meeting, now=STARTS)
    for item in items(meeting)[1:3]:
        services.agenda_item_notes_save(
            meeting=meeting, item=item, notes="", learning_point=f"Punkt {item.consultant.name}"
        )
    mine = selectors.learning_points_seen_by(meeting=meeting, user=members[0])
    assert list(mine) == [members[0].pk]
    assert set(selectors.learning_points_seen_by(meeting=meeting, user=leader)) == {
        m.pk for m in members
    }


def test_the_focus_period_runs_to_the_day_before_the_next_meeting():
    meeting, leader, _members = schedule(2)
    today = date(2026, 3, 10)
    assert selectors.focus_period_default(meeting=meeting, today=today) == (
        today,
        date(2026, 4, 20),
    )
    services.meeting_create(
        team=meeting.team,
        facilitator=leader,
        starts_at=STARTS + timedelta(weeks=4),
        now=NOW,
    )
    assert selectors.focus_period_default(meeting=meeting, today=today) == (
        today,
        date(2026, 4, 6),
    )


def test_home_shows_the_latest_held_meetings_focus_areas_until_a_newer_one_ends():
    first, leader, members = schedule(2)
    member = members[0]
    services.meeting_start(meeting=first, now=STARTS)
    services.agenda_item_next(meeting=first, item=items(first)[0], now=STARTS)
    services.agenda_item_notes_save(
        meeting=first, item=items(first)[1], notes="", learning_point="Mit punkt"
    )
    end(first, areas=["Kontrakt", "Joblog"])
    today = date(2026, 3, 11)

    home = selectors.home_meetings(user=member, today=today)
    assert home["meeting"] == first
    assert [a.text for a in home["focus_areas"]] == ["Kontrakt", "Joblog"]
    assert (home["focus_from"], home["focus_until"]) == (date(2026, 3, 10), date(2026, 4, 20))
    own = "Mit punkt" if items(first)[1].consultant == member else ""
    assert home["learning_point"] == own
    assert home["next_meeting"] is None

    second = services.meeting_create(
        team=first.team, facilitator=leader, starts_at=STARTS + timedelta(weeks=6), now=NOW
    )
    home = selectors.home_meetings(user=member, today=today)
    assert home["meeting"] == first and home["next_meeting"] == second
    later = STARTS + timedelta(weeks=6)
    services.meeting_start(meeting=second, now=later)
    assert selectors.home_meetings(user=member, today=today)["meeting"] == first  # running
    end(
        second,
        areas=["Opsummering", "Timeout", "Spejling"],
        now=later + timedelta(hours=2),
        focus_from=date(2026, 4, 21),
        focus_until=date(2026, 6, 1),
    )
    home = selectors.home_meetings(user=member, today=today + timedelta(weeks=6))
    assert home["meeting"] == second
    assert [a.text for a in home["focus_areas"]] == ["Opsummering", "Timeout", "Spejling"]
    assert home["learning_point"] == ""
    assert home["period_over"] is False
    assert selectors.home_meetings(user=member, today=date(2026, 9, 1))["period_over"]


def test_home_is_empty_for_other_teams_and_staff_without_a_team():
    meeting, _leader, _members = schedule(2)
    services.meeting_start(meeting=meeting, now=STARTS)
    end(meeting)
    outsider = team_with_members(1)[2][0]
    manager = StaffFactory(role=Role.MANAGER, job_centre=meeting.team.job_centre)
    for user in (outsider, manager):
        home = selectors.home_meetings(user=user, today=date(2026, 3, 11))
        assert home["meeting"] is None and home["focus_areas"] == []


def test_meetings_held_are_counted_per_team_and_job_centre_between_the_days():
    meeting, leader, _members = schedule(2)
    services.meeting_start(meeting=meeting, now=STARTS)
    end(meeting, now=STARTS + timedelta(hours=2))
    other_team = TeamFactory(job_centre=meeting.team.job_centre)
    second_leader = StaffFactory(
        role=Role.TEAM_LEADER, job_centre=other_team.job_centre, team=other_team
    )
    StaffFactory(role=Role.JOB_CONSULTANT, job_centre=other_team.job_centre, team=other_team)
    other = services.meeting_create(
        team=other_team, facilitator=second_leader, starts_at=STARTS, now=NOW
    )
    services.meeting_start(meeting=other, now=STARTS)
    end(other, now=STARTS + timedelta(hours=1))
    services.meeting_create(team=meeting.team, facilitator=leader, starts_at=STARTS, now=NOW)

    day = date(2026, 3, 10)
    assert selectors.meetings_held(team=meeting.team, since=day, until=day) == 1
    assert selectors.meetings_held(job_centre=meeting.team.job_centre, since=day, until=day) == 2
    after = day + timedelta(days=1)
    assert (
        selectors.meetings_held(team=meeting.team, since=after, until=after + timedelta(days=30))
        == 0
    )
    with pytest.raises(TypeError):
        selectors.meetings_held(since=day, until=day)


# The demo


def test_the_demo_holds_two_meetings_plans_one_and_holds_one_in_nord():
    out = StringIO()
    centres_demo.seed(random.Random("centres.demo"), out)
    demo.seed(random.Random("learning.demo.meetings"), out)
    dagpenge = LearningMeeting.objects.filter(team__name="Jobparate dagpenge")
    held = list(dagpenge.filter(status=MeetingStatus.ENDED).order_by("starts_at"))
    assert len(held) == 2
    today = timezone.localdate()
    assert 45 <= (today - timezone.localdate(held[0].starts_at)).days <= 50
    assert 4 <= (today - timezone.localdate(held[1].starts_at)).days <= 8
    for meeting in held:
        assert meeting.facilitator.username == "teamleder"
        assert 2 <= meeting.focus_areas.count() <= 3
        assert meeting.minutes and meeting.focus_from and meeting.focus_until
        rounds = meeting.items.filter(kind=AgendaKind.ROUND)
        present = rounds.filter(skipped=False)
        assert all(item.notes for item in meeting.items.filter(skipped=False))
        assert meeting.learning_points.count() == present.count()
    planned = dagpenge.get(status=MeetingStatus.PLANNED)
    assert 33 <= (timezone.localdate(planned.starts_at) - today).days <= 37
    assert held[0].focus_until < timezone.localdate(held[1].starts_at)
    assert (
        LearningMeeting.objects.filter(
            team__name="Jobteam Nord", status=MeetingStatus.ENDED
        ).count()
        == 1
    )
    konsulent = held[1].team.members.get(username="konsulent")
    home = selectors.home_meetings(user=konsulent, today=today)
    assert home["meeting"] == held[1]
    assert home["learning_point"]
    assert home["next_meeting"] == planned

    demo.seed(random.Random("learning.demo.meetings"), out)  # twice: nothing more
    assert LearningMeeting.objects.count() == 4
