"""The agenda the week builds for the standing meeting: what counts as this week's, the wheel
across the turn of the year, and a fixed number of queries."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from labour.models import Industry, WheelEvent
from labour.tests.factories import (
    AgreementFactory,
    CompanyFactory,
    OpeningFactory,
    WheelEventFactory,
)
from occupations.models import Occupation
from teamwork import selectors
from teamwork.models import CitizenRequest, FollowUp, JointMeeting, StandingMeeting

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def _company(centre, code):
    industry = Industry.objects.filter(code=code).first() or Industry.objects.first()
    return CompanyFactory(job_centre=centre, industry=industry)


def test_the_agenda_counts_this_weeks_openings_by_industry(centre, other_centre):
    monday = datetime(2026, 12, 7, 0, 5, tzinfo=CPH)  # just after midnight
    warehouse = _company(centre, "521000")
    with time_machine.travel(monday - timedelta(days=8), tick=False):
        OpeningFactory(job_centre=centre, company=warehouse)  # the week before: not news
    with time_machine.travel(monday - timedelta(days=1), tick=False):
        OpeningFactory.create_batch(2, job_centre=centre, company=warehouse)
        OpeningFactory(job_centre=centre, company=None)
        OpeningFactory(job_centre=other_centre)  # another centre's
    agenda = selectors.agenda(job_centre_id=centre.pk, today=date(2026, 12, 7))
    assert [(r["company__industry__name"], r["count"]) for r in agenda.openings_by_industry] == [
        (warehouse.industry.name, 2),
        (None, 1),
    ]


def test_the_wheel_needs_run_across_new_year(centre):
    christmas = WheelEventFactory(job_centre=centre, year=2026, week_from=50, week_to=52)
    january = WheelEventFactory(job_centre=centre, year=2027, week_from=2, week_to=3)
    WheelEventFactory(job_centre=centre, year=2027, week_from=20, week_to=22)  # far ahead
    WheelEventFactory(job_centre=centre, year=2026, week_from=40, week_to=44)  # over
    agenda = selectors.agenda(job_centre_id=centre.pk, today=date(2026, 12, 20))
    assert agenda.wheel_needs == [christmas, january]


def test_the_agenda_reads_five_queries_however_much_there_is(
    centre, consultant, django_assert_num_queries
):
    standing = StandingMeeting.objects.create(job_centre=centre, weekday=1, starts_at="09:00")
    nurse = Occupation.objects.get(title="Sygeplejerske")
    for n in range(6):
        company = _company(centre, "873000")
        OpeningFactory(job_centre=centre, company=company)
        AgreementFactory(company=company)
        WheelEventFactory(job_centre=centre, year=2026, week_from=49, week_to=51)
        CitizenRequest.objects.create(job_centre=centre, asked_by=consultant, occupation=nurse)
        meeting = JointMeeting.objects.create(standing=standing, held_on=date(2026, 11, 1 + n))
        FollowUp.objects.create(meeting=meeting, text=f"Ring {n}", owner=consultant)
    today = timezone.localdate()  # the rows were made now, whatever the suite's clock
    for event in WheelEvent.objects.all():
        year, week, _day = today.isocalendar()
        event.year, event.week_from, event.week_to = year, week, week
        event.save()
    with django_assert_num_queries(5):
        agenda = selectors.agenda(job_centre_id=centre.pk, today=today)
        names = [r.asked_by.name for r in agenda.requests] + [
            f.owner.name for f in agenda.follow_ups
        ]
    assert len(agenda.agreements) == len(agenda.requests) == len(agenda.follow_ups) == 6
    assert len(names) == 12


def test_the_teams_meeting_comes_before_the_centres(centre):
    team_leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    whole = StandingMeeting.objects.create(job_centre=centre, weekday=1, starts_at="09:00")
    team_leader.team = None
    assert selectors.standing_meeting(user=team_leader) == whole
    team_leader.team = TeamFactory(job_centre=centre)
    team_leader.save()
    own = StandingMeeting.objects.create(
        job_centre=centre, team=team_leader.team, weekday=3, starts_at="13:00"
    )
    assert selectors.standing_meeting(user=team_leader) == own


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 8), date(2026, 12, 8)),  # the day itself
        (date(2026, 12, 9), date(2026, 12, 15)),
        (date(2026, 12, 6), date(2026, 12, 8)),  # a Sunday
        (date(2026, 12, 29), date(2026, 12, 29)),
    ],
)
def test_the_next_meeting_date(centre, today, expected):
    tuesday = StandingMeeting(job_centre=centre, weekday=1, starts_at="09:00")
    assert selectors.next_date(tuesday, today) == expected
