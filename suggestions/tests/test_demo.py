"""The demo: "borger" has this week's suggestions to check, earlier weeks answered with one
"not relevant" and its reason; one of konsulent's citizens missed a check, flagged once."""

import random
from io import StringIO

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from centres.tests.factories import JobCentreFactory
from citizens.tests.factories import CitizenFactory
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from labour.tests.factories import OpeningFactory
from notifications.models import Notification
from suggestions import demo, services
from suggestions.models import JobSuggestion, Reason, Status, SuggestionBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_centre(nurse):
    centre = JobCentreFactory(name="Jobcenter Demo")
    konsulent = StaffFactory(job_centre=centre, username="konsulent")
    for username in ("borger", "borger001", "borger002"):
        citizen = CitizenFactory(
            job_centre=centre, user__username=username, responsible_consultant=konsulent
        )
        SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=nurse)
    for n in range(60):
        OpeningFactory(job_centre=centre, title=f"Sygeplejerske {n}", occupation=nurse)
    return centre


def test_the_demo_weeks(demo_centre):
    out = StringIO()
    demo.seed(random.Random("suggestions.demo"), out)
    assert "job suggestions" in out.getvalue()
    borger = SuggestionBatch.objects.filter(citizen__user__username="borger")
    assert borger.count() == 4
    this_week, *earlier = borger.order_by("-week_start")
    # The week of the local date it was made: just after midnight in Copenhagen it is still
    # the day before in UTC.
    assert this_week.week_start == services.week_start(timezone.localdate(this_week.created_at))
    assert this_week.checked_at is None
    assert all(b.checked_on_time for b in earlier)
    not_relevant = JobSuggestion.objects.filter(
        citizen__user__username="borger", status=Status.NOT_RELEVANT
    )
    assert [s.reason for s in not_relevant] == [Reason.NOT_MY_INDUSTRY]
    assert JobSuggestion.objects.filter(joblog_entry__isnull=False).exists()
    missed = SuggestionBatch.objects.get(missed_at__isnull=False)
    assert missed.citizen.responsible_consultant.username == "konsulent"
    assert Notification.objects.filter(key=f"suggestions:{missed.pk}:missed").count() == 1
