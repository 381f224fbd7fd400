"""Sparring weeks and sessions: creating with the "uge 39" defaults, the goal's limits, the
programme, and bringing citizens: three each, only one's own, under a pseudonym, logged."""

from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from citizens.tests.factories import CitizenFactory
from learning.models import ProgrammeItem, SparringCase, SparringEvent, SparringKind
from learning.services import sparring as services
from learning.services.sparring import EventTerms
from learning.tests.factories import team_with_members

pytestmark = pytest.mark.django_db

#: A Wednesday in ISO week 39 of 2026 (Monday 21 to Friday 25 September).
WEDNESDAY = date(2026, 9, 23)


def t(text: str) -> str:
    """The message as the Danish page shows it (the English msgid until it is translated)."""
    with override("da"):
        return _(text)


def refused(call, field=None) -> str:
    with override("da"), pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    if field is not None:
        assert field in error.message_dict, error
        return " ".join(error.message_dict[field])
    return " ".join(error.messages)


@pytest.fixture
def team_people():
    return team_with_members(consultants=3)


@pytest.fixture
def team(team_people):
    return team_people[0]


@pytest.fixture
def leader(team_people):
    return team_people[1]


@pytest.fixture
def members(team_people):
    return team_people[2]


def own_citizens(consultant, n, **kwargs):
    return [
        CitizenFactory(
            job_centre=consultant.job_centre, responsible_consultant=consultant, **kwargs
        )
        for _ in range(n)
    ]


def terms(**changes) -> EventTerms:
    values: dict[str, Any] = {"title": "", "starts_on": WEDNESDAY, "ends_on": None, "goal_count": 6}
    values.update(changes)
    return EventTerms(**values)


def create(team, leader, kind=SparringKind.WEEK, **changes) -> SparringEvent:
    return services.sparring_event_create(
        team=team, created_by=leader, kind=kind, terms=terms(**changes)
    )


@pytest.fixture
def week(team, leader):
    return create(team, leader)


# Creating and changing an event


def test_a_week_is_monday_to_friday_with_the_uge_39_programme(week):
    assert (week.starts_on, week.ends_on) == (date(2026, 9, 21), date(2026, 9, 25))
    assert week.title == t("Week %(number)s") % {"number": 39}
    items = list(week.programme.all())
    assert len(items) == len(services.DEFAULT_WEEK_PROGRAMME) == 9
    assert {item.day for item in items} == {date(2026, 9, 21) + timedelta(d) for d in range(5)}
    assert items[0].title == t(services.DEFAULT_WEEK_PROGRAMME[0][1])
    assert not any(item.done for item in items)


def test_a_session_is_one_day_with_no_programme(team, leader):
    session = create(team, leader, kind=SparringKind.SESSION, goal_count=2)
    assert session.starts_on == session.ends_on == WEDNESDAY
    assert session.kind == SparringKind.SESSION and not session.programme.exists()
    assert session.title


def test_a_title_and_period_given_are_kept(team, leader):
    event = create(team, leader, title="Uge med fokus", ends_on=WEDNESDAY + timedelta(days=2))
    assert event.title == "Uge med fokus"
    assert (event.starts_on, event.ends_on) == (WEDNESDAY, WEDNESDAY + timedelta(days=2))
    assert event.programme.filter(day__gt=event.ends_on).count() == 0


@pytest.mark.parametrize("goal", [0, -1])
def test_a_goal_below_one_is_refused(team, leader, goal):
    message = refused(lambda: create(team, leader, goal_count=goal), "goal_count")
    assert message == t("The goal must be at least 1 citizen.")
    assert not SparringEvent.objects.exists()


def test_a_goal_above_three_per_consultant_is_refused(team, leader):
    assert services.max_goal(team) == 9
    create(team, leader, goal_count=9)
    message = refused(lambda: create(team, leader, goal_count=10), "goal_count")
    assert "9" in message
    assert SparringEvent.objects.count() == 1 and ProgrammeItem.objects.count() == 9


def test_a_team_without_consultants_cannot_set_a_goal():
    team, lonely_leader, _members = team_with_members(consultants=0)
    message = refused(lambda: create(team, lonely_leader, goal_count=1), "goal_count")
    assert message == t("The team has no job consultants to bring citizens.")


def test_a_period_backwards_or_too_long_is_refused(team, leader):
    refused(lambda: create(team, leader, ends_on=WEDNESDAY - timedelta(days=1)), "ends_on")
    refused(lambda: create(team, leader, ends_on=WEDNESDAY + timedelta(days=31)), "ends_on")
    refused(lambda: create(team, leader, title="<b>Uge</b>"), "title")
    refused(lambda: create(team, leader, kind="month"), "kind")
    assert not SparringEvent.objects.exists()


def test_moving_the_week_moves_its_programme(week):
    monday = week.starts_on + timedelta(days=7)
    services.sparring_event_update(
        event=week,
        terms=terms(title="Uge 40", starts_on=monday, ends_on=monday + timedelta(days=4)),
        today=WEDNESDAY,
    )
    week.refresh_from_db()
    assert week.title == "Uge 40" and week.starts_on == monday
    days = set(week.programme.values_list("day", flat=True))
    assert days == {monday + timedelta(d) for d in range(5)}


def test_an_event_over_keeps_its_goal(week):
    message = refused(
        lambda: services.sparring_event_update(
            event=week, terms=terms(title="X", goal_count=1), today=week.ends_on + timedelta(1)
        )
    )
    assert message == t("The event is over; its goal and period stay as they were.")
    week.refresh_from_db()
    assert week.goal_count == 6


def test_the_programme_is_added_to_ticked_and_removed(week):
    item = services.programme_item_add(event=week, day=week.ends_on, title="  Kage  ")
    assert item.title == "Kage"
    services.programme_item_set_done(item=item, done=True)
    assert ProgrammeItem.objects.get(pk=item.pk).done
    services.programme_item_remove(item=item)
    assert not ProgrammeItem.objects.filter(pk=item.pk).exists()


def test_a_programme_item_outside_the_period_or_empty_is_refused(week):
    refused(
        lambda: services.programme_item_add(
            event=week, day=week.ends_on + timedelta(1), title="Fest"
        ),
        "day",
    )
    refused(lambda: services.programme_item_add(event=week, day=week.ends_on, title=" "), "title")
    assert week.programme.count() == 9


# Bringing citizens


def bring(event, consultant, citizen, question="Praktik?"):
    return services.sparring_case_add(
        event=event, consultant=consultant, citizen=citizen, question=question, today=WEDNESDAY
    )


def test_citizens_get_running_pseudonyms_and_the_look_is_logged(week, members):
    first, second = members[0], members[1]
    a, b = own_citizens(first, 2)
    (c,) = own_citizens(second, 1)
    cases = [bring(week, first, a), bring(week, second, c), bring(week, first, b)]
    assert [case.pseudonym for case in cases] == ["Borger 1", "Borger 2", "Borger 3"]
    assert [case.slot for case in cases] == [1, 1, 2]
    for case in cases:
        assert case.citizen.name not in case.pseudonym
    log = LookupLog.objects.get(citizen=a)
    assert (log.actor, log.subject, log.purpose) == (first, Subject.SPARRING, Purpose.SPARRING)


def test_a_fourth_citizen_is_refused_and_nothing_is_saved(week, members):
    consultant = members[0]
    citizens = own_citizens(consultant, 4)
    for citizen in citizens[:3]:
        bring(week, consultant, citizen)
    message = refused(lambda: bring(week, consultant, citizens[3]))
    assert message == t("You can bring at most %(most)s citizens.") % {"most": 3}
    assert SparringCase.objects.filter(event=week).count() == 3
    assert not LookupLog.objects.filter(citizen=citizens[3]).exists()


def test_a_removed_citizen_frees_the_slot_and_the_number_is_not_reused(week, members):
    consultant = members[0]
    citizens = own_citizens(consultant, 4)
    cases = [bring(week, consultant, citizen) for citizen in citizens[:3]]
    services.sparring_case_remove(case=cases[1], actor=consultant, today=WEDNESDAY)
    fourth = bring(week, consultant, citizens[3])
    assert (fourth.slot, fourth.pseudonym) == (2, "Borger 4")


def test_only_ones_own_citizens_can_be_brought(week, members, other_centre):
    mine, colleague = members[0], members[1]
    (theirs,) = own_citizens(colleague, 1)
    nobodys = CitizenFactory(job_centre=mine.job_centre)
    elsewhere = CitizenFactory(job_centre=other_centre, responsible_consultant=mine)
    for citizen in (theirs, nobodys, elsewhere):
        message = refused(lambda c=citizen: bring(week, mine, c), "citizen")
        assert message == t("You can only bring citizens you are responsible for.")
    assert not SparringCase.objects.exists() and not LookupLog.objects.exists()


def test_a_citizen_is_brought_once(week, members):
    consultant = members[0]
    (citizen,) = own_citizens(consultant, 1)
    bring(week, consultant, citizen)
    refused(lambda: bring(week, consultant, citizen), "citizen")
    assert SparringCase.objects.count() == 1


def test_the_team_leader_and_other_teams_do_not_bring(week, leader):
    outsider = StaffFactory(job_centre=leader.job_centre)
    for person in (leader, outsider):
        (citizen,) = own_citizens(person, 1)
        message = refused(lambda p=person, c=citizen: bring(week, p, c))
        assert message == t("Only the team's job consultants bring citizens.")


def test_no_citizen_is_brought_after_the_event(week, members):
    (citizen,) = own_citizens(members[0], 1)
    message = refused(
        lambda: services.sparring_case_add(
            event=week,
            consultant=members[0],
            citizen=citizen,
            question="",
            today=week.ends_on + timedelta(days=1),
        )
    )
    assert message == t("The event is over; no more citizens can be brought.")


def test_a_question_with_html_is_refused(week, members):
    (citizen,) = own_citizens(members[0], 1)
    refused(lambda: bring(week, members[0], citizen, question="<script>"), "question")


def test_a_slot_taken_at_the_same_moment_gives_a_clear_message(week, members):
    """The database's slot constraint catches what the check in Python could not see (two
    requests at once): the fourth is refused with the same message, and nothing is saved."""
    consultant = members[0]
    citizens = own_citizens(consultant, 4)
    for citizen in citizens[:3]:
        bring(week, consultant, citizen)
    with mock.patch.object(services, "_free_slots", return_value=[3]):
        message = refused(lambda: bring(week, consultant, citizens[3]))
    assert message == t("You can bring at most %(most)s citizens.") % {"most": 3}
    assert SparringCase.objects.count() == 3
    assert not LookupLog.objects.filter(citizen=citizens[3]).exists()


def test_a_pseudonym_taken_at_the_same_moment_asks_to_try_again(week, members):
    a, b = members[0], members[1]
    (first,) = own_citizens(a, 1)
    (second,) = own_citizens(b, 1)
    bring(week, a, first)
    with mock.patch.object(services, "_next_pseudonym", return_value="Borger 1"):
        message = refused(lambda: bring(week, b, second))
    assert message == t("A colleague brought a citizen at the same moment. Please try again.")
    assert SparringCase.objects.count() == 1


def test_only_the_bringing_consultant_removes_and_only_before_the_end(week, members):
    (citizen,) = own_citizens(members[0], 1)
    case = bring(week, members[0], citizen)
    refused(lambda: services.sparring_case_remove(case=case, actor=members[1], today=WEDNESDAY))
    refused(
        lambda: services.sparring_case_remove(
            case=case, actor=members[0], today=week.ends_on + timedelta(1)
        )
    )
    assert SparringCase.objects.filter(pk=case.pk).exists()
    services.sparring_case_remove(case=case, actor=members[0], today=week.ends_on)
    assert not SparringCase.objects.exists()
