"""The suggested approach follows the method's table, with the job centre's threshold for long
unemployment, and reads nothing from the database (these tests have no database at all)."""

from datetime import date

import pytest
from django.utils import translation

from centres.models import JobCentre
from citizens.models import Citizen
from conversations.approach import ACTIVE, INVOLVING, approach_for, months_between

TODAY = date(2026, 11, 23)


def _citizen(registered_on=date(2026, 9, 1), months=12, **needs) -> Citizen:
    return Citizen(
        job_centre=JobCentre(name="Jobcenter Test", long_unemployment_months=months),
        registered_on=registered_on,
        **needs,
    )


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_motivated_citizen_unemployed_a_short_while_is_involved():
    approach = approach_for(_citizen(), TODAY)
    assert approach.key == INVOLVING and not approach.is_active
    assert approach.label == "Involvement and cooperation"
    assert "Unemployed for 2 months" in approach.reasons
    assert any("books the next conversation themselves" in s for s in approach.suggestions)
    assert any("Let the citizen lead" in s for s in approach.suggestions)


@pytest.mark.parametrize(
    ("need", "reason"),
    [
        ("needs_it_support", "Needs help with IT"),
        ("needs_language_support", "Needs help with Danish"),
        ("needs_reading_support", "Needs help with reading"),
        ("needs_interpreter", "Needs an interpreter"),
    ],
)
def test_limited_it_or_language_skills_call_for_an_active_hands_on_approach(need, reason):
    approach = approach_for(_citizen(**{need: True}), TODAY)
    assert approach.key == ACTIVE and approach.is_active
    assert approach.label == "Active and hands-on"
    assert approach.reasons == (reason,)
    assert "facilitated co-service" in approach.suggestions[0]


def test_it_and_language_needs_bring_their_own_offers():
    approach = approach_for(_citizen(needs_it_support=True, needs_language_support=True), TODAY)
    text = " ".join(approach.suggestions)
    assert "IT development" in text and "language development" in text


def test_long_unemployment_from_the_centres_threshold_calls_for_the_active_approach():
    registered = date(2025, 9, 10)  # 14 whole months before TODAY
    approach = approach_for(_citizen(registered, months=12), TODAY)
    assert approach.key == ACTIVE
    assert approach.reasons == ("Unemployed for 14 months",)
    assert approach_for(_citizen(registered, months=15), TODAY).key == INVOLVING
    assert approach_for(_citizen(date(2025, 11, 23), months=12), TODAY).key == ACTIVE
    assert approach_for(_citizen(date(2025, 11, 24), months=12), TODAY).key == INVOLVING


def test_months_are_whole_months_and_never_negative():
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 0
    assert months_between(date(2026, 1, 31), date(2026, 3, 1)) == 1
    assert months_between(date(2026, 12, 1), date(2026, 11, 1)) == 0


@pytest.mark.parametrize(
    ("recorded", "reason"),
    [
        ({"low_motivation": True}, "Low motivation is recorded"),
        ({"long_unemployment_history": True}, "A long history of unemployment is recorded"),
    ],
)
def test_low_motivation_or_a_long_history_makes_the_approach_hands_on(recorded, reason):
    approach = approach_for(_citizen(**recorded), TODAY)
    assert approach.key == ACTIVE and reason in approach.reasons
    assert any("one small goal" in s for s in approach.suggestions)
