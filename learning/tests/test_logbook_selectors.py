from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from accounts.models import User
from booking.models import Status
from learning.selectors import logbook as selectors
from learning.selectors.team_setup import techniques_of
from learning.tests.factories import LogbookEntryFactory, held_conversation_of, team_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return team_with_members(2)


@pytest.fixture
def today():
    return timezone.localdate()


def test_a_consultant_sees_their_own_and_the_teams_shared_entries_only(team):
    _, leader, (karina, jonas) = team
    _, _, (stranger,) = team_with_members(1, job_centre=karina.job_centre)
    own = LogbookEntryFactory(consultant=karina)
    shared = LogbookEntryFactory(consultant=jonas, shared=True)
    LogbookEntryFactory(consultant=jonas)
    LogbookEntryFactory(consultant=stranger, shared=True)
    assert set(selectors.entries_visible_to(karina)) == {own, shared}
    assert set(selectors.entries_visible_to(leader)) == {shared}
    assert list(selectors.logbook_list(user=karina)) == [own]
    assert set(selectors.logbook_shared(user=karina)) == {shared}
    mine_shared = LogbookEntryFactory(consultant=karina, shared=True)
    assert set(selectors.logbook_shared(user=karina)) == {shared, mine_shared}


def test_the_list_is_newest_first_and_filters_by_technique_and_period(team, today):
    _, _, (karina, _) = team
    kontrakt, spejling = list(techniques_of(team=karina.team))[0::2][:2]
    old = LogbookEntryFactory(
        consultant=karina, date=today - timedelta(days=40), technique=kontrakt
    )
    mid = LogbookEntryFactory(
        consultant=karina, date=today - timedelta(days=10), technique=spejling
    )
    new = LogbookEntryFactory(consultant=karina, date=today, technique=kontrakt)
    assert list(selectors.logbook_list(user=karina)) == [new, mid, old]
    assert list(selectors.logbook_list(user=karina, technique=kontrakt)) == [new, old]
    since = today - timedelta(days=20)
    assert list(selectors.logbook_list(user=karina, since=since)) == [new, mid]
    until = today - timedelta(days=1)
    assert list(selectors.logbook_list(user=karina, since=since, until=until)) == [mid]


def test_the_conversations_offered_are_ones_own_recent_and_not_yet_written_about(team, today):
    _, _, (karina, jonas) = team
    recent = held_conversation_of(karina, days_ago=2)
    booked_today = held_conversation_of(karina, days_ago=0, status=Status.BOOKED)
    held_conversation_of(karina, days_ago=31)
    held_conversation_of(karina, days_ago=3, status=Status.NO_SHOW)
    held_conversation_of(jonas, days_ago=2)
    logged = held_conversation_of(karina, days_ago=4)
    LogbookEntryFactory(consultant=karina, booking=logged)
    offered = selectors.logbook_conversations(user=karina, today=today)
    assert list(offered) == [booked_today, recent]
    kept = selectors.logbook_conversations(user=karina, today=today, keep=logged)
    assert set(kept) == {booked_today, recent, logged}


def test_a_conversation_is_named_by_date_time_topic_and_mode_never_the_citizen(team):
    _, _, (karina, _) = team
    booking = held_conversation_of(karina, days_ago=1, hour=10, citizen__user__name="Bodil Borger")
    with override("da"):
        label = selectors.conversation_label(booking)
    assert "10.00" in label and booking.topic.name in label
    assert "Bodil" not in label


def test_the_average_and_the_trend_per_technique_over_eight_weeks(team, today):
    _, _, (karina, _) = team
    kontrakt, spejling = list(techniques_of(team=karina.team))[0::2][:2]
    for days_ago, score in ((50, 4), (45, 5), (10, 7), (3, 8)):
        LogbookEntryFactory(
            consultant=karina, technique=kontrakt, score=score, date=today - timedelta(days_ago)
        )
    LogbookEntryFactory(consultant=karina, technique=spejling, score=6, date=today)
    LogbookEntryFactory(consultant=karina, technique=spejling, score=9, date=today - timedelta(90))
    LogbookEntryFactory(consultant=karina, technique=None, score=5, date=today)
    stats = selectors.logbook_stats(user=karina, today=today)
    assert stats.entries == 7
    assert stats.average == pytest.approx(44 / 7)
    rows = {row.technique: row for row in stats.trends}
    assert list(rows) == ["Kontrakt", "Spejling", None]
    assert (rows["Kontrakt"].entries, rows["Kontrakt"].average) == (4, 6)
    assert (rows["Kontrakt"].earlier, rows["Kontrakt"].later) == (4.5, 7.5)
    assert rows["Kontrakt"].direction == "up"
    assert rows["Spejling"].entries == 1 and rows["Spejling"].direction == ""


def test_home_counts_this_months_entries_and_the_last_date(team, today):
    _, _, (karina, jonas) = team
    LogbookEntryFactory(consultant=karina, date=today)
    LogbookEntryFactory(consultant=karina, date=today.replace(day=1) - timedelta(days=1))
    LogbookEntryFactory(consultant=jonas, date=today)
    home = selectors.home_logbook(user=karina, today=today)
    assert home == {
        "logbook_may_write": True,
        "logbook_entries_this_month": 1,
        "logbook_last_entry_on": today,
    }
    assert selectors.home_logbook(user=User(), today=today) == {"logbook_may_write": False}


def test_counts_per_consultant_in_one_query(team, today, django_assert_num_queries):
    team_obj, leader, (karina, jonas) = team
    LogbookEntryFactory(consultant=karina, date=today)
    LogbookEntryFactory(consultant=karina, date=today - timedelta(days=7))
    LogbookEntryFactory(consultant=karina, date=today - timedelta(days=30))
    LogbookEntryFactory(consultant=leader, date=today)
    since = today - timedelta(days=7)
    with django_assert_num_queries(1):
        counts = selectors.logbook_counts(consultants=team_obj, since=since, until=today)
    assert counts == {karina.pk: 2, jonas.pk: 0}
    everyone = User.objects.filter(team=team_obj)
    counts = selectors.logbook_counts(consultants=everyone, since=since, until=today)
    assert counts == {karina.pk: 2, jonas.pk: 0, leader.pk: 1}
