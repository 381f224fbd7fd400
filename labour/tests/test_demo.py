"""The demo's companies and board: enough of everything, fast."""

import io
import random

import pytest
from django.utils import timezone

from centres import demo as centres_demo
from labour import selectors
from labour.demo import companies as demo
from labour.models import Company, JobOpening, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    out = io.StringIO()
    centres_demo.seed(random.Random("centres.demo"), out)
    demo.seed(random.Random("labour.demo.companies"), out)
    return out.getvalue()


def test_the_demo_has_companies_and_500_open_openings(seeded):
    today = timezone.localdate()
    demo_openings = JobOpening.objects.filter(job_centre__name="Jobcenter Demo")
    assert demo_openings.filter(selectors.open_q(today)).count() == demo.OPEN_OPENINGS
    assert demo_openings.exclude(selectors.open_q(today)).count() == demo.EXPIRED_OPENINGS
    assert demo_openings.filter(source=Source.JSONLD).count() == 30
    assert 55 <= Company.objects.filter(job_centre__name="Jobcenter Demo").count() <= 65
    assert Company.objects.filter(job_centre__name="Jobcenter Nord").exists()
    assert Company.objects.filter(is_company_centre=True).exists()
    assert not demo_openings.filter(search_document="").exists()
    assert not demo_openings.filter(created_at__gt=timezone.now()).exists()


def test_nurses_openings_near_and_far(seeded):
    nurses = JobOpening.objects.filter(
        job_centre__name="Jobcenter Demo", title__startswith="Sygeplejersker"
    )
    postcodes = set(nurses.values_list("postcode", flat=True))
    assert {"2650", "2600"} <= postcodes and any(p.startswith("9") for p in postcodes)


def test_new_since_last_tuesday_is_a_part_of_the_board(seeded):
    new = JobOpening.objects.filter(
        job_centre__name="Jobcenter Demo", created_at__gte=selectors.last_tuesday()
    ).count()
    assert 0 < new < demo.OPEN_OPENINGS


def test_colleagues_additions_wait_for_review_and_the_trend_is_counted(seeded):
    from labour.demo import contributions
    from labour.models import KnowledgeNote, OpeningCount, WheelEvent

    out = io.StringIO()
    contributions.seed(random.Random("labour.demo.contributions"), out)
    contributions.seed(random.Random("labour.demo.contributions"), out)  # a second run adds none
    assert JobOpening.objects.filter(status="proposed").count() == 1
    assert KnowledgeNote.objects.filter(status="proposed").count() == 1
    assert WheelEvent.objects.filter(status="proposed").count() == 1
    assert OpeningCount.objects.filter(job_centre__name="Jobcenter Demo").exists()


@pytest.mark.parametrize("today", ["2026-12-14", "2026-12-21", "2026-12-29"])
def test_the_colleagues_wheel_need_is_still_coming_at_the_end_of_the_year(seeded, today):
    """Weeks 51, 52 and 53 of 2026: the need a team leader adds is two weeks ahead, never in a
    week already past (it was capped at week 52 of the same year)."""
    from datetime import date

    import time_machine

    from labour.demo import contributions
    from labour.models import WheelEvent

    day = date.fromisoformat(today)
    with time_machine.travel(f"{today}T10:00+01:00", tick=False):
        contributions.seed(random.Random("labour.demo.contributions"), io.StringIO())
    need = WheelEvent.objects.get(status="proposed")
    assert date.fromisocalendar(need.year, need.week_from, 1) > day
