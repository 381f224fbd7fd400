from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from joblog import selectors
from joblog.models import ActivityType, Channel, EntryStatus
from joblog.tests.conftest import TODAY
from joblog.tests.factories import EntryFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def test_another_citizens_entry_is_not_found(citizen, other_citizen, occupation):
    theirs = EntryFactory(citizen=other_citizen, occupation=occupation)
    with pytest.raises(Http404):
        selectors.entry_get(citizen=citizen, pk=theirs.pk)
    assert selectors.entry_get(citizen=other_citizen, pk=theirs.pk) == theirs


def test_searches_are_counted_per_iso_week_and_against_the_period(citizen, occupation):
    def add(days_ago, **kw):
        EntryFactory(citizen=citizen, occupation=occupation, date=TODAY - timedelta(days_ago), **kw)

    add(0)  # Monday of this week
    add(1)  # Sunday of last week
    add(7, activity=ActivityType.UNSOLICITED)
    add(8, activity=ActivityType.RECRUITER)
    add(2, activity=ActivityType.INTERVIEW, status=EntryStatus.INTERVIEW)  # not a search
    add(3, activity=ActivityType.JOB_FAIR)  # not a search
    add(27, status=EntryStatus.REJECTED)  # first day of the 28-day period
    add(28)  # just outside it
    add(200)  # outside the 12 weeks
    EntryFactory(
        citizen=citizen, occupation=occupation, date=TODAY + timedelta(3), status="planned"
    )
    progress = selectors.progress(citizen=citizen, today=TODAY)
    assert [w.searches for w in progress.weeks][-5:] == [2, 0, 1, 2, 1]
    assert progress.weeks[-1].monday == TODAY and progress.weeks[-1].number == 48
    assert len(progress.weeks) == 12
    assert progress.summary.searches == 5
    assert progress.summary.met is False and progress.summary.missing == 1
    assert progress.summary.per_week == 1.5
    assert progress.searches == 6 and progress.entries == 8
    assert progress.answered == 2 and progress.interviews == 1
    assert progress.planned_coming == 1
    assert progress.last_activity == TODAY


def test_breadth_counts_occupations_places_employers_plans_and_channels(citizen):
    cook, cleaner = OccupationFactory(title="Kok i test"), OccupationFactory(title="Rengøring test")
    EntryFactory(citizen=citizen, occupation=cook, town="Vejle", employer="A", date=TODAY, plan="A")
    EntryFactory(citizen=citizen, occupation=cook, town="vejle", employer="a", date=TODAY, plan="A")
    EntryFactory(
        citizen=citizen,
        occupation=cleaner,
        town="Kolding",
        employer="B",
        date=TODAY,
        plan="C",
        channel="network",
    )
    EntryFactory(citizen=citizen, occupation=cleaner, town="", employer="C", date=TODAY)
    progress = selectors.progress(citizen=citizen, today=TODAY)
    assert (progress.occupations, progress.places, progress.employers) == (2, 2, 3)
    assert [(letter, n) for letter, _label, n in progress.plans] == [("A", 2), ("B", 0), ("C", 1)]
    assert [n for _label, n in progress.channels] == [3, 1]
    assert progress.top_occupations[0] == ("Kok i test", 2)


def test_a_citizen_with_nothing_gets_zeroes_not_errors(citizen):
    progress = selectors.progress(citizen=citizen, today=TODAY)
    assert progress.searches == progress.this_week == progress.max_week == 0
    assert progress.last_activity is None and progress.summary.missing == 6


def test_progress_reads_a_fixed_number_of_queries(citizen, occupation):
    def count():
        with CaptureQueriesContext(connection) as queries:
            selectors.progress(citizen=citizen, today=TODAY)
        return len(queries)

    EntryFactory.create_batch(20, citizen=citizen, occupation=occupation, date=TODAY)
    few = count()
    for n in range(180):
        EntryFactory(
            citizen=citizen,
            occupation=OccupationFactory(title=f"Fag {n % 30}"),
            date=TODAY - timedelta(days=n % 90),
        )
    assert count() == few <= 7


def test_the_exemption_in_force(citizen, consultant):
    from joblog.models import JoblogExemption

    assert selectors.exemption_on(citizen=citizen, day=TODAY) is None
    old = JoblogExemption.objects.create(
        citizen=citizen,
        first_day=TODAY - timedelta(60),
        last_day=TODAY - timedelta(30),
        reason="r",
        documentation="d",
        created_by=consultant,
    )
    assert selectors.exemption_on(citizen=citizen, day=TODAY) is None
    assert selectors.exemption_on(citizen=citizen, day=TODAY - timedelta(40)) == old


def test_channels_with_the_same_count_keep_the_form_s_order(citizen, occupation):
    """Channels used equally often came in the database's order of the moment (PostgreSQL
    changes it between loads); they follow the order the entry form lists them in."""
    for channel in ("network", "unsolicited", "job_ad", "job_ad"):
        EntryFactory(citizen=citizen, occupation=occupation, date=TODAY, channel=channel)
    progress = selectors.progress(citizen=citizen, today=TODAY)
    assert progress.channels == [
        (str(Channel.JOB_AD.label), 2),
        (str(Channel.UNSOLICITED.label), 1),
        (str(Channel.NETWORK.label), 1),
    ]
