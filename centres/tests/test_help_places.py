from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from centres.help_places import help_places, hours_summary, open_until
from centres.models import HelpHours, HelpPlace
from centres.tests.factories import JobCentreFactory

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    place = HelpPlace.objects.create(
        job_centre=JobCentreFactory(), name="Brøndby Bibliotek", kind=HelpPlace.Kind.LIBRARY
    )
    HelpHours.objects.create(place=place, weekday=3, opens=time(13, 30), closes=time(15))
    HelpHours.objects.create(place=place, weekday=1, opens=time(10), closes=time(12))
    return place


def test_hours_summary_is_danish_and_in_weekday_order(library):
    with translation.override("da"):
        assert hours_summary(library) == "tirsdag 10-12, torsdag 13.30-15, lukket på helligdage"


@pytest.mark.parametrize(
    ("periods", "line"),
    [
        # Days in a row with the same hours read as one span, as the centre's own hours do.
        ([(d, 9, 15) for d in range(4)], "mandag-torsdag 9-15"),
        ([(1, 9, 15), (2, 9, 15)], "tirsdag og onsdag 9-15"),
        ([(0, 9, 15), (1, 9, 15), (2, 9, 15), (4, 9, 12)], "mandag-onsdag 9-15, fredag 9-12"),
        # Not in a row, or not the same hours: each day by itself.
        ([(0, 10, 14), (2, 10, 14)], "mandag 10-14, onsdag 10-14"),
        ([(0, 9, 15), (1, 9, 14)], "mandag 9-15, tirsdag 9-14"),
        # A day with two periods joins only a day with the same two.
        ([(0, 9, 12), (0, 13, 15), (1, 9, 12), (1, 13, 15)], "mandag og tirsdag 9-12 og 13-15"),
        ([(0, 9, 12), (0, 13, 15), (1, 9, 12)], "mandag 9-12 og 13-15, tirsdag 9-12"),
        ([(d, 0, 23) for d in range(7)], "mandag-søndag 0-23"),
        ([], ""),
    ],
)
def test_days_in_a_row_with_the_same_hours_read_as_one_span(periods, line):
    place = HelpPlace.objects.create(job_centre=JobCentreFactory(), name="Borgerservice")
    for weekday, opens, closes in periods:
        HelpHours.objects.create(
            place=place, weekday=weekday, opens=time(opens), closes=time(closes)
        )
    with translation.override("da"):
        assert hours_summary(place) == (f"{line}, lukket på helligdage" if line else "")


def test_open_until_is_the_end_of_the_current_period(library):
    tuesday = datetime(2026, 12, 8, 11, 59, tzinfo=CPH)
    assert open_until(library, tuesday) == datetime(2026, 12, 8, 12, 0, tzinfo=CPH)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 8, 12, 0, tzinfo=CPH),  # closing time itself
        datetime(2026, 12, 8, 9, 59, tzinfo=CPH),  # before opening
        datetime(2026, 12, 7, 0, 5, tzinfo=CPH),  # Monday just after midnight
        datetime(2026, 12, 7, 23, 30, tzinfo=ZoneInfo("UTC")),  # Tuesday 00:30 in Copenhagen
        datetime(2026, 10, 25, 2, 30, tzinfo=CPH),  # the daylight-saving night
        # Thursdays within the hours that are public holidays: the places are closed.
        datetime(2026, 5, 14, 14, 0, tzinfo=CPH),  # Kristi himmelfartsdag
        datetime(2027, 3, 25, 14, 0, tzinfo=CPH),  # Skærtorsdag
    ],
)
def test_closed_outside_the_hours(library, moment):
    assert open_until(library, moment) is None


def test_inactive_places_are_not_listed(library):
    HelpPlace.objects.create(
        job_centre=library.job_centre, name="Lukket", kind=HelpPlace.Kind.OTHER, active=False
    )
    assert [p.name for p in help_places(library.job_centre_id)] == ["Brøndby Bibliotek"]


def test_the_database_refuses_hours_that_close_before_they_open(library):
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpHours.objects.create(place=library, weekday=0, opens=time(12), closes=time(10))
