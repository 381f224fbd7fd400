from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import Status
from learning.models import LogbookEntry
from learning.selectors.team_setup import techniques_of
from learning.services import logbook as services
from learning.tests.factories import (
    LogbookEntryFactory,
    TechniqueFactory,
    held_conversation_of,
    team_with_members,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return team_with_members(2)


@pytest.fixture
def today():
    return timezone.localdate()


def _create(consultant, today, **kwargs):
    values = {"consultant": consultant, "date": today, "score": 6, "today": today}
    return services.logbook_entry_create(**(values | kwargs))


def test_an_entry_is_private_by_default_and_keeps_what_was_written(team, today):
    _, _, (karina, _) = team
    technique = techniques_of(team=karina.team).first()
    booking = held_conversation_of(karina)
    entry = _create(
        karina,
        today,
        technique=technique,
        booking=booking,
        what_happened=" Jeg lavede kontrakt. ",
        reflection="Det virkede.",
        next_step="Timeout næste gang.",
    )
    assert (entry.shared, entry.from_guide, entry.technique, entry.booking) == (
        False,
        False,
        technique,
        booking,
    )
    assert entry.what_happened == "Jeg lavede kontrakt."


@pytest.mark.parametrize("score", [0, 11, -1])
def test_a_score_outside_1_to_10_is_refused_and_nothing_saved(team, today, score):
    _, _, (karina, _) = team
    with pytest.raises(ValidationError) as refused:
        _create(karina, today, score=score)
    assert "score" in refused.value.message_dict
    assert not LogbookEntry.objects.exists()


def test_a_date_in_the_future_and_html_are_refused(team, today):
    _, _, (karina, _) = team
    with pytest.raises(ValidationError) as refused:
        _create(karina, today, date=today + timedelta(days=1), reflection="<b>hej</b>")
    assert set(refused.value.message_dict) == {"date", "reflection"}
    assert not LogbookEntry.objects.exists()


def test_only_the_teams_techniques_being_trained_can_be_chosen(team, today):
    _, _, (karina, _) = team
    other_teams = TechniqueFactory()
    retired = TechniqueFactory(team=karina.team, active=False)
    for technique in (other_teams, retired):
        with pytest.raises(ValidationError) as refused:
            _create(karina, today, technique=technique)
        assert "technique" in refused.value.message_dict
    assert not LogbookEntry.objects.exists()


def test_a_retired_technique_stays_on_an_entry_that_has_it(team, today):
    _, _, (karina, _) = team
    technique = TechniqueFactory(team=karina.team)
    entry = _create(karina, today, technique=technique)
    technique.active = False
    technique.save()
    services.logbook_entry_update(
        entry=entry,
        actor=karina,
        date=today,
        score=8,
        technique=technique,
        booking=None,
        what_happened="",
        reflection="",
        next_step="",
        shared=False,
        today=today,
    )
    entry.refresh_from_db()
    assert (entry.score, entry.technique) == (8, technique)


def test_a_conversation_must_be_ones_own_and_logged_once(team, today):
    _, _, (karina, jonas) = team
    with pytest.raises(ValidationError):
        _create(karina, today, booking=held_conversation_of(jonas))
    cancelled = held_conversation_of(karina, status=Status.CANCELLED_BY_CITIZEN)
    with pytest.raises(ValidationError):
        _create(karina, today, booking=cancelled)
    booking = held_conversation_of(karina)
    _create(karina, today, booking=booking)
    with pytest.raises(ValidationError) as refused:
        _create(karina, today, booking=booking)
    assert "booking" in refused.value.message_dict
    assert LogbookEntry.objects.count() == 1


def test_staff_without_a_learning_group_cannot_write(team, today):
    team_obj, _, _ = team
    business = StaffFactory(
        role=Role.BUSINESS_CONSULTANT, job_centre=team_obj.job_centre, team=team_obj
    )
    lone = StaffFactory(job_centre=team_obj.job_centre)
    for user in (business, lone):
        with pytest.raises(PermissionDenied):
            _create(user, today)


def test_only_the_writer_edits_shares_and_deletes(team, today):
    _, leader, (karina, jonas) = team
    entry = LogbookEntryFactory(consultant=karina, shared=True)
    for user in (jonas, leader):
        with pytest.raises(PermissionDenied):
            services.logbook_entry_share(entry=entry, actor=user, shared=False)
        with pytest.raises(PermissionDenied):
            services.logbook_entry_delete(entry=entry, actor=user)
        with pytest.raises(PermissionDenied):
            services.logbook_entry_update(
                entry=entry,
                actor=user,
                date=today,
                score=1,
                technique=None,
                booking=None,
                what_happened="",
                reflection="",
                next_step="",
                shared=False,
            )
    entry.refresh_from_db()
    assert (entry.shared, entry.score) == (True, 6)


def test_sharing_names_the_wanted_state_so_a_repeat_changes_nothing(team):
    _, _, (karina, _) = team
    entry = LogbookEntryFactory(consultant=karina)
    services.logbook_entry_share(entry=entry, actor=karina, shared=True)
    services.logbook_entry_share(entry=entry, actor=karina, shared=True)
    entry.refresh_from_db()
    assert entry.shared
    services.logbook_entry_share(entry=entry, actor=karina, shared=False)
    entry.refresh_from_db()
    assert not entry.shared
    services.logbook_entry_delete(entry=entry, actor=karina)
    assert not LogbookEntry.objects.exists()


def test_the_guides_self_rating_creates_then_updates_the_same_entry(team):
    _, _, (karina, _) = team
    booking = held_conversation_of(karina, days_ago=3)
    kontrakt, timeout = list(techniques_of(team=karina.team))[0::3][:2]
    first = services.logbook_rate_conversation(
        booking=booking, actor=karina, score=6, technique=kontrakt, reflection="Ok"
    )
    assert (first.date, first.from_guide, first.shared) == (
        timezone.localdate(booking.start),
        True,
        False,
    )
    services.logbook_entry_update(
        entry=first,
        actor=karina,
        date=first.date,
        score=6,
        technique=kontrakt,
        booking=booking,
        what_happened="Skrevet i logbogen",
        reflection="Ok",
        next_step="",
        shared=True,
    )
    second = services.logbook_rate_conversation(
        booking=booking, actor=karina, score=8, technique=timeout, next_step="Flere timeouts"
    )
    assert second.pk == first.pk
    entry = LogbookEntry.objects.get()
    assert (entry.score, entry.technique, entry.next_step) == (8, timeout, "Flere timeouts")
    # What the guide does not ask is kept, and so is the sharing.
    assert (entry.what_happened, entry.shared) == ("Skrevet i logbogen", True)


def test_the_guides_self_rating_refuses_a_bad_score_and_another_teams_technique(team):
    _, _, (karina, _) = team
    booking = held_conversation_of(karina)
    with pytest.raises(ValidationError):
        services.logbook_rate_conversation(booking=booking, actor=karina, score=0)
    with pytest.raises(ValidationError):
        services.logbook_rate_conversation(
            booking=booking, actor=karina, score=5, technique=TechniqueFactory()
        )
    assert not LogbookEntry.objects.exists()


def test_a_team_leader_stepping_in_rates_with_their_own_teams_techniques(team):
    _, _, (karina, _) = team
    other_team, other_leader, _ = team_with_members(0, job_centre=karina.job_centre)
    booking = held_conversation_of(karina)
    theirs = techniques_of(team=other_team).first()
    entry = services.logbook_rate_conversation(
        booking=booking, actor=other_leader, score=7, technique=theirs
    )
    assert (entry.consultant, entry.technique) == (other_leader, theirs)
    assert services.rating_team(booking=booking, actor=other_leader) == other_team
    assert services.rating_team(booking=booking, actor=karina) == karina.team
    with pytest.raises(ValidationError):
        services.logbook_rate_conversation(
            booking=booking,
            actor=other_leader,
            score=7,
            technique=techniques_of(team=karina.team).first(),
        )
