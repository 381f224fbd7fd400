from datetime import timedelta

import pytest
from django.utils import timezone

from joblog.models import EntryStatus, JoblogEntry
from plans.tests.factories import JobTrackFactory, OccupationFactory
from plans.widen import plan_mix, widen_suggestion

pytestmark = pytest.mark.django_db


def _entry(citizen, letter, status=EntryStatus.SENT, days_ago=5):
    return JoblogEntry.objects.create(
        citizen=citizen,
        occupation=OccupationFactory(title="Lagerarbejder"),
        employer="Firma A/S",
        date=timezone.localdate() - timedelta(days=days_ago),
        status=status,
        plan=letter,
    )


@pytest.fixture
def today():
    return timezone.localdate()


def test_no_tracks_no_suggestion(plan, today):
    assert widen_suggestion(plan, today) is None


def test_plan_a_period_passed_without_result_suggests_plan_b(plan, today):
    JobTrackFactory(plan=plan, letter="A", widen_from=today - timedelta(days=1))
    _entry(plan.citizen, "A", EntryStatus.REJECTED)
    suggestion = widen_suggestion(plan, today)
    assert suggestion is not None and "B" in suggestion and "A" in suggestion


def test_period_not_passed_no_suggestion(plan, today):
    JobTrackFactory(plan=plan, letter="A", widen_from=today + timedelta(days=1))
    assert widen_suggestion(plan, today) is None


@pytest.mark.parametrize("status", [EntryStatus.INTERVIEW, EntryStatus.HIRED])
def test_a_result_in_plan_a_means_no_suggestion(plan, today, status):
    JobTrackFactory(plan=plan, letter="A", widen_from=today - timedelta(days=1))
    _entry(plan.citizen, "A", status)
    assert widen_suggestion(plan, today) is None


def test_a_result_before_the_track_was_set_does_not_count(plan, today):
    JobTrackFactory(plan=plan, letter="A", widen_from=today - timedelta(days=1))
    _entry(plan.citizen, "A", EntryStatus.INTERVIEW, days_ago=200)
    assert widen_suggestion(plan, today) is not None


def test_already_searching_in_plan_b_means_no_suggestion(plan, today):
    JobTrackFactory(plan=plan, letter="A", widen_from=today - timedelta(days=10))
    _entry(plan.citizen, "B", days_ago=2)
    assert widen_suggestion(plan, today) is None


def test_plan_b_passed_too_suggests_plan_c(plan, today):
    JobTrackFactory(plan=plan, letter="A", widen_from=today - timedelta(days=60))
    JobTrackFactory(plan=plan, letter="B", widen_from=today - timedelta(days=2))
    _entry(plan.citizen, "B", days_ago=30)
    suggestion = widen_suggestion(plan, today)
    assert suggestion is not None and "C" in suggestion


def test_mix_counts_the_last_twelve_weeks(plan, today):
    for letter in ("A", "A", "B", ""):
        _entry(plan.citizen, letter)
    _entry(plan.citizen, "C", days_ago=7 * 13)
    rows = plan_mix(plan.citizen_id, today)
    assert [r.count for r in rows] == [2, 1, 0, 1]
    assert [r.percent for r in rows] == [50, 25, 0, 25]


def test_mix_without_entries(plan, today):
    assert [r.percent for r in plan_mix(plan.citizen_id, today)] == [0, 0, 0, 0]


def test_the_mix_places_an_untagged_entry_by_its_occupation_and_the_tag_overrides(plan, today):
    """An entry saved from a "Din plan B" suggestion carries no tag: its occupation places it."""
    driver, cook = OccupationFactory(title="Chauffør"), OccupationFactory(title="Kok")
    JobTrackFactory(plan=plan, letter="A", occupations=[cook])
    JobTrackFactory(plan=plan, letter="B", occupations=[driver])
    for occupation, tag in ((driver, ""), (driver, ""), (driver, "A"), (cook, "")):
        JoblogEntry.objects.create(
            citizen=plan.citizen, occupation=occupation, employer="X", date=today, plan=tag
        )
    _entry(plan.citizen, "")  # an occupation in no plan
    assert [r.count for r in plan_mix(plan.citizen_id, today)] == [2, 2, 0, 1]


def test_the_joblog_progress_places_untagged_entries_by_occupation_through_the_hook(plan, today):
    from joblog.selectors import progress

    driver, cook = OccupationFactory(title="Chauffør"), OccupationFactory(title="Kok")
    JobTrackFactory(plan=plan, letter="A", occupations=[cook])
    JobTrackFactory(plan=plan, letter="B", occupations=[driver])
    for occupation, tag in ((driver, ""), (driver, "C"), (cook, "")):
        JoblogEntry.objects.create(
            citizen=plan.citizen, occupation=occupation, employer="X", date=today, plan=tag
        )
    plans = progress(citizen=plan.citizen, today=today).plans
    assert [(letter, n) for letter, _label, n in plans] == [("A", 1), ("B", 1), ("C", 1)]
