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
