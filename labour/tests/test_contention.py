"""Recounts of the trend rows at once (a confirmation, the page's "Opdatér" and the nightly
task can meet), each on its own connection as requests are in production: the counts are the
openings', never twice as many."""

import pytest

from booking.tests.concurrency import at_once, own_connections
from labour import trends
from labour.models import OpeningCount, Period
from labour.tests.factories import OpeningFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_recounts_at_once_count_each_opening_once(centre, tmp_path):
    OpeningFactory.create_batch(5, job_centre=centre)
    calls = [(lambda: trends.trends_refresh(job_centre_id=centre.pk)) for _ in range(8)]
    with own_connections(tmp_path) as connect:
        results = at_once(calls, connect)
        assert [r for r in results if not isinstance(r, int)] == []
        weeks = OpeningCount.objects.filter(job_centre=centre, period=Period.WEEK)
        assert sum(weeks.values_list("openings", flat=True)) == 5
