"""The local labour market over time (issue 22): counted into stored rows at odd hours, read
in a fixed number of queries, with its table, CSV, filters and "since last Tuesday"."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labour import trends
from labour.models import Industry, JobOpening, OpeningCount, Period
from labour.services import companies as services
from labour.tests.factories import CompanyFactory, OpeningFactory

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


def at(*args: int) -> datetime:
    return datetime(*args).replace(tzinfo=CPH)  # type: ignore[arg-type]


def week_count(centre, monday: date) -> int:
    return sum(
        OpeningCount.objects.filter(
            job_centre=centre, period=Period.WEEK, starts_on=monday
        ).values_list("openings", flat=True)
    )


def post(centre, user=None, **data):
    data = {"title": "Lagerarbejder", "employer_name": "Lager A/S", "postcode": "2605", **data}
    return services.opening_create(job_centre=centre, consultant=user, data=data, added_by=user)


@pytest.mark.parametrize(
    "moment, monday",
    [
        (at(2026, 12, 6, 23, 30), date(2026, 11, 30)),  # Sunday 23:30: last week
        (at(2026, 12, 7, 0, 5), date(2026, 12, 7)),  # Monday 00:05: the new week
    ],
)
def test_an_opening_counts_in_the_local_week_it_was_posted(
    centre, business_consultant, moment, monday
):
    with time_machine.travel(moment, tick=False):
        post(centre, business_consultant)
        trends.trends_compute(job_centre_id=centre.pk)
    assert week_count(centre, monday) == 1
    assert OpeningCount.objects.filter(period=Period.WEEK).count() == 1


def test_the_dst_night_counts_once_in_its_week(centre, business_consultant):
    # 25 October 2026, 02:30 happens twice in Copenhagen; the nightly task runs at 02:40.
    for utc_hour in (0, 1):
        moment = datetime(2026, 10, 25, utc_hour, 30, tzinfo=ZoneInfo("UTC"))
        with time_machine.travel(moment, tick=False):
            post(centre, business_consultant, title=f"Nat {utc_hour}")
            trends.trends_compute_all()
    assert week_count(centre, date(2026, 10, 19)) == 2
    october = OpeningCount.objects.get(period=Period.MONTH, starts_on=date(2026, 10, 1))
    assert october.openings == 2


def test_a_recount_replaces_the_rows_and_leaves_out_proposed_openings(centre, consultant):
    with time_machine.travel(at(2026, 12, 7, 10), tick=False):
        OpeningFactory.create_batch(3, job_centre=centre)
        post(centre, consultant, title="Et tip")  # proposed: not counted yet
        trends.trends_compute(job_centre_id=centre.pk)
        trends.trends_compute(job_centre_id=centre.pk)
    assert week_count(centre, date(2026, 12, 7)) == 3


def test_a_confirmed_tip_shows_in_this_weeks_count(client, consultant, business_consultant, centre):
    company = CompanyFactory(job_centre=centre)
    with time_machine.travel(at(2026, 12, 9, 9), tick=False):
        client.force_login(consultant)
        data = {
            "title": "Chauffør",
            "company": str(company.pk),
            "postcode": "2605",
            "employment_type": "FULL_TIME",
            "positions": "1",
            "submission_token": str(uuid.uuid4()),
        }
        assert client.post(reverse("labour:opening_create"), data).status_code == 302
        page = client.get(reverse("labour:trends"))
        assert page.context["view"].totals[-1] == 0
        opening = JobOpening.objects.get()
        client.force_login(business_consultant)
        review = reverse("labour:review", args=["stilling", opening.public_id])
        client.post(review, {"action": "confirm"})
        page = client.get(reverse("labour:trends"))
    assert page.status_code == 200
    assert page.context["view"].totals[-1] == 1
    assert "Arbejdsmarkedet over tid" in page.text
    assert 'id="trend-data"' in page.text
    assert "<script>" not in page.text  # no inline script (CSP)


def test_the_page_reads_a_fixed_number_of_queries(client, consultant, centre):
    industries = list(Industry.objects.all()[:6])
    counts = []
    for n in (1, 40):
        with time_machine.travel(at(2026, 12, 7, 10), tick=False):
            client.force_login(consultant)  # then: staff sessions end 10 hours after login
            for i in range(n):
                company = CompanyFactory(job_centre=centre, industry=industries[i % 6])
                OpeningFactory(job_centre=centre, company=company, postcode="8000")
            trends.trends_compute(job_centre_id=centre.pk)
            client.get(reverse("labour:trends"))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("labour:trends")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_filters_and_csv(client, consultant, centre):
    warehouse, care = Industry.objects.all()[:2]
    with time_machine.travel(at(2026, 12, 8, 10), tick=False):
        OpeningFactory(
            job_centre=centre, company=CompanyFactory(job_centre=centre, industry=warehouse)
        )
        OpeningFactory(
            job_centre=centre,
            company=CompanyFactory(job_centre=centre, industry=care),
            postcode="8000",
        )
        trends.trends_compute(job_centre_id=centre.pk)
        client.force_login(consultant)
        url = reverse("labour:trends")
        assert client.get(url).context["view"].totals[-1] == 2
        assert client.get(url, {"branche": warehouse.pk}).context["view"].totals[-1] == 1
        assert client.get(url, {"omraade": "oestjylland"}).context["view"].totals[-1] == 1
        monthly = client.get(url, {"visning": "maaneder"}).context["view"]
        assert monthly.starts[-1] == date(2026, 12, 1) and monthly.totals[-1] == 2
        bad = client.get(url, {"omraade": "\x00", "branche": "9999999"})
        assert bad.status_code == 200
        csv = client.get(url, {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert warehouse.name in text and care.name in text
    assert text.splitlines()[-1].startswith("Alle stillinger;")


def test_what_changed_since_last_tuesday(centre):
    with time_machine.travel(at(2026, 12, 2, 10), tick=False):  # Wednesday of last week
        OpeningFactory(job_centre=centre)
    with time_machine.travel(at(2026, 12, 9, 10), tick=False):  # this Wednesday
        OpeningFactory.create_batch(3, job_centre=centre)
        trends.trends_compute(job_centre_id=centre.pk)
        view = trends.trend_view(job_centre=centre, today=date(2026, 12, 9), no_industry="-")
    assert view.since == date(2026, 12, 8)
    assert [(c.now, c.before, c.difference) for c in view.changes] == [(3, 1, 2)]


@pytest.mark.parametrize(
    "before, now, said",
    [
        (1, 2, "1 ny stilling mere"),
        (1, 4, "3 flere nye stillinger"),
        (2, 1, "1 ny stilling færre"),
        (3, 1, "2 færre nye stillinger"),
    ],
)
def test_the_change_since_tuesday_is_said_in_danish_one_or_many(
    client, centre, consultant, before, now, said
):
    with time_machine.travel(at(2026, 12, 2, 10), tick=False):
        OpeningFactory.create_batch(before, job_centre=centre)
    with time_machine.travel(at(2026, 12, 9, 10), tick=False):
        OpeningFactory.create_batch(now, job_centre=centre)
        trends.trends_compute(job_centre_id=centre.pk)
        client.force_login(consultant)
        page = client.get(reverse("labour:trends"))
    assert said in page.text


def test_only_staff_of_the_centre_see_it(client, citizen, other_consultant, centre):
    OpeningFactory(job_centre=centre)
    trends.trends_compute(job_centre_id=centre.pk)
    client.force_login(citizen.user)
    assert client.get(reverse("labour:trends")).status_code == 403
    client.force_login(other_consultant)
    page = client.get(reverse("labour:trends"))
    assert page.status_code == 200
    assert page.context["view"].totals[-1] == 0  # their own centre's figures only


def test_a_tip_confirmed_a_week_later_counts_in_the_week_it_was_posted(
    centre, consultant, business_consultant
):
    from labour.services import contributions

    with time_machine.travel(at(2026, 12, 2, 10), tick=False):
        tip = post(centre, consultant, title="Tip")
    with time_machine.travel(at(2026, 12, 9, 10), tick=False):
        contributions.contribution_confirm(item=tip, actor=business_consultant)
    assert week_count(centre, date(2026, 11, 30)) == 1
    assert week_count(centre, date(2026, 12, 7)) == 0
