"""The leaders' pages under /ledelse/: who reaches what, the figures as shown (units, the
Danish decimal comma, traffic lights in words, "< 5"), targets and successes, the period
picker and bad input, trends, computations on demand, and a query count that does not grow
with what is shown. Text is read in English (the language cookie) so that the assertions hold
whatever the Danish translation says; numbers are read in Danish."""

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import CitizenUserFactory, StaffFactory
from centres.tests.factories import TeamFactory
from kpis.models import RunStatus, SnapshotRun
from kpis.selectors import NO_FIGURE
from kpis.tests.factories import SnapshotFactory, TargetFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
NOVEMBER = dt.date(2026, 11, 1)
DASHBOARD = reverse("kpis:dashboard")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def team(centre):
    return TeamFactory(job_centre=centre, name="Jobparate dagpenge")


@pytest.fixture
def other_team(centre):
    return TeamFactory(job_centre=centre, name="Virksomhedsservice")


@pytest.fixture
def manager(centre):
    return StaffFactory(job_centre=centre, role=Role.MANAGER, username="leder")


@pytest.fixture
def leader(centre, team):
    return StaffFactory(job_centre=centre, team=team, role=Role.TEAM_LEADER, username="tl")


def as_user(client, user, english=True):
    client.force_login(user)
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def body(response) -> str:
    return response.content.decode()


def snap(centre, **kwargs):
    kwargs.setdefault("period_start", NOVEMBER)
    return SnapshotFactory(job_centre=centre, **kwargs)


def row_of(html: str, key: str) -> str:
    match = re.search(rf'<tr data-kpi="{key}">(.*?)</tr>', html, re.S)
    assert match, key
    return match[1]


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.S)
    assert match, pattern
    return match[1]


def value_in(html: str, key: str) -> str:
    return found(r'<span class="kpi-value">(.*?)</span>', row_of(html, key))


# Who reaches the pages


@pytest.mark.parametrize(
    "name,args",
    [
        ("dashboard", []),
        ("definitions", []),
        ("teams", []),
        ("trend", ["self_booking_share"]),
    ],
)
def test_citizens_and_job_consultants_are_refused(client, centre, consultant, name, args):
    url = reverse(f"kpis:{name}", args=args)
    citizen = CitizenUserFactory(job_centre=centre)
    assert as_user(client, citizen).get(url).status_code == 403
    assert as_user(client, consultant).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_manager_sees_the_centre_and_a_team_leader_lands_on_their_team(
    client, centre, team, manager, leader
):
    snap(centre, numerator=80, denominator=100)
    snap(centre, team=team, numerator=60, denominator=100)
    page = body(as_user(client, manager).get(DASHBOARD))
    assert "Figures for Jobcenter Test" in page
    assert value_in(page, "self_booking_share") == "80.0 %"

    page = body(as_user(client, leader).get(DASHBOARD))
    assert "Figures for Jobparate dagpenge" in page
    assert value_in(page, "self_booking_share") == "60.0 %"
    assert "Show the whole job centre" in page
    page = body(client.get(DASHBOARD, {"team": "jobcenter"}))
    assert value_in(page, "self_booking_share") == "80.0 %"
    assert "Show my team" in page


def test_a_team_leader_cannot_reach_another_team_nor_another_centres(
    client, centre, other_centre, team, other_team, leader, manager
):
    foreign = TeamFactory(job_centre=other_centre)
    as_user(client, leader)
    for params in ({"team": other_team.pk}, {"team": foreign.pk}, {"team": "x"}):
        assert client.get(DASHBOARD, params).status_code == 404
    assert client.get(reverse("kpis:consultants", args=[other_team.pk])).status_code == 404
    assert client.get(reverse("kpis:consultants", args=[team.pk])).status_code == 200
    trend = reverse("kpis:trend", args=["self_booking_share"])
    assert client.get(trend, {"team": other_team.pk}).status_code == 404
    # A manager reaches every team of the centre, but not another centre's.
    as_user(client, manager)
    assert client.get(DASHBOARD, {"team": other_team.pk}).status_code == 200
    assert client.get(DASHBOARD, {"team": foreign.pk}).status_code == 404
    assert client.get(reverse("kpis:consultants", args=[foreign.pk])).status_code == 404


def test_another_centres_manager_sees_only_their_own_figures(client, centre, other_centre, manager):
    snap(centre, numerator=93, denominator=100)
    other_manager = StaffFactory(job_centre=other_centre, role=Role.MANAGER)
    page = body(as_user(client, other_manager).get(DASHBOARD))
    assert "93.0" not in page
    assert "No figures have been computed for November 2026." in page


# The figures as shown


def test_units_danish_decimal_comma_and_the_traffic_light_in_words(client, centre, manager):
    computed = dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.UTC)  # 02.30 in Copenhagen
    later = computed + dt.timedelta(hours=1)  # the others after it, whatever the clock says
    snap(centre, numerator=783, denominator=1000, computed_at=computed)
    snap(centre, kpi="satisfaction_average", numerator=820, denominator=100, computed_at=later)
    snap(centre, kpi="conversations_per_week", numerator=31, denominator=20, computed_at=later)
    snap(centre, kpi="logbook_entries", numerator=1155, denominator=0, base=0, computed_at=later)
    page = body(as_user(client, manager, english=False).get(DASHBOARD))
    assert value_in(page, "self_booking_share") == "78,3 %"
    assert value_in(page, "satisfaction_average") == "8,2"
    assert value_in(page, "conversations_per_week") == "1,6"
    assert value_in(page, "logbook_entries") == "1.155"
    assert "23.11.2026" in page and "02.30" in page  # computed at, the oldest shown

    page = body(as_user(client, manager).get(DASHBOARD))
    row = row_of(page, "self_booking_share")
    assert 'data-light="green"' in row and "Green" in row
    assert f'href="{reverse("kpis:definitions")}#self_booking_share"' in row
    assert re.search(r"<p data-computed>Computed .*2026 at 02.30</p>", page)


@pytest.mark.parametrize(
    "numerator,light,word",
    [(74.96, "green", "Green"), (65, "yellow", "Yellow"), (59, "red", "Red")],
)
def test_the_light_follows_the_shown_figure(client, centre, manager, numerator, light, word):
    snap(centre, numerator=numerator, denominator=100)
    row = row_of(body(as_user(client, manager).get(DASHBOARD)), "self_booking_share")
    assert f'data-light="{light}"' in row and word in row


def test_small_numbers_are_shown_as_under_5_and_their_value_is_nowhere(
    client, centre, team, manager
):
    snap(centre, numerator=3, denominator=4, base=4)  # 75.0 %
    snap(centre, kpi="satisfaction_average", numerator=29, denominator=3, base=3)  # 9.666
    snap(centre, team=team, numerator=1, denominator=3, base=3)  # 33.3 %
    snap(centre, kpi="logbook_entries", numerator=3, denominator=0, base=3)  # not protected
    as_user(client, manager)
    page = body(client.get(DASHBOARD))
    assert value_in(page, "self_booking_share") == "&lt; 5"
    assert value_in(page, "satisfaction_average") == "&lt; 5"
    assert value_in(page, "logbook_entries") == "3"
    assert "75.0" not in page and "9.7" not in page and "data-light" not in page
    teams = body(client.get(reverse("kpis:teams")))
    assert "33.3" not in teams and "&lt; 5" in teams
    trend = body(client.get(reverse("kpis:trend", args=["self_booking_share"])))
    data = json.loads(found(r'id="kpi-trend-data"[^>]*>(.*?)</script>', trend))
    assert data["values"][-1] is None
    assert "75.0" not in trend


def test_satisfaction_is_never_shown_per_consultant(client, centre, team, manager):
    member = StaffFactory(job_centre=centre, team=team, name="Karen Konsulent")
    snap(centre, kpi="satisfaction_average", consultant=member, numerator=555, denominator=100)
    snap(centre, kpi="self_booking_share", consultant=member, numerator=7, denominator=10)
    page = body(as_user(client, manager).get(reverse("kpis:consultants", args=[team.pk])))
    assert "Karen Konsulent" in page and "70.0 %" in page
    assert "5.5" not in page and "Satisfaction, average" not in page
    assert 'data-kpi="satisfaction' not in page and "#satisfaction" not in page


# Targets and successes


def test_the_target_in_force_its_progress_and_the_success_at_the_top(
    client, centre, team, manager, leader
):
    snap(centre, numerator=80, denominator=100)
    snap(centre, team=team, numerator=70, denominator=100)
    TargetFactory(job_centre=centre, value=75)
    TargetFactory(job_centre=centre, team=team, value=65, kpi="self_booking_share")
    TargetFactory(job_centre=centre, value=5, kpi="no_show_rate")  # no figures: not reached
    page = body(as_user(client, manager).get(DASHBOARD))
    reached = page.split('id="reached-heading"')[1].split("</section>")[0]
    assert reached.count("The target is reached") == 2
    assert "Jobparate dagpenge" in reached and "the whole job centre" in reached
    row = row_of(page, "self_booking_share")
    assert "at least 75 %" in row and "The target is reached" in row
    assert "<progress" in row
    assert NO_FIGURE in row_of(page, "facilitated_share")  # no target

    # The team leader sees the centre's and their own team's successes only.
    other = TeamFactory(job_centre=centre, name="Andet team")
    snap(centre, team=other, numerator=90, denominator=100)
    TargetFactory(job_centre=centre, team=other, value=50)
    page = body(as_user(client, leader).get(DASHBOARD))
    assert "Andet team" not in page


# The period picker and bad input


def test_the_period_picker_months_weeks_previous_and_next(client, centre, manager):
    snap(centre, numerator=50, denominator=100, period_start=dt.date(2026, 10, 1))
    snap(centre, numerator=61, denominator=100, period_kind="week", period_start=TODAY)
    as_user(client, manager)
    page = body(client.get(DASHBOARD))
    assert "November 2026" in page and 'rel="next"' not in page  # the current month
    assert "periode=2026-10" in page and "periode=2026-W48" in page
    page = body(client.get(DASHBOARD, {"periode": "2026-10"}))
    assert value_in(page, "self_booking_share") == "50.0 %"
    assert 'rel="next"' in page and "periode=2026-11" in page
    page = body(client.get(DASHBOARD, {"periode": "2026-W48"}))
    assert "Week 48, 2026" in page and value_in(page, "self_booking_share") == "61.0 %"


@pytest.mark.parametrize("garbage", ["2026-13", "nonsense", "2026-W60", "1066-10", "2026-11-01"])
def test_a_period_not_understood_says_so_and_shows_the_current_month(
    client, centre, manager, garbage
):
    snap(centre, numerator=80, denominator=100)
    response = as_user(client, manager).get(DASHBOARD, {"periode": garbage})
    assert response.status_code == 200
    page = body(response)
    assert "is not a period we know" in page and "The current month is shown." in page
    assert value_in(page, "self_booking_share") == "80.0 %"


def test_a_period_without_figures_says_so_and_never_crashes(client, centre, team, manager):
    as_user(client, manager)
    for url in (DASHBOARD, reverse("kpis:teams"), reverse("kpis:consultants", args=[team.pk])):
        response = client.get(url, {"periode": "2020-02"})
        assert response.status_code == 200
        assert "No figures have been computed for February 2020." in body(response)
    trend = client.get(reverse("kpis:trend", args=["no_show_rate"]))
    assert "No figures have been computed for these periods." in body(trend)


def test_unknown_kpi_is_404_and_satisfaction_per_consultant_does_not_exist(client, centre, manager):
    as_user(client, manager)
    assert client.get(reverse("kpis:trend", args=["nope"])).status_code == 404
    ok = client.get(reverse("kpis:trend", args=["satisfaction_average"]))
    assert ok.status_code == 200


# Definitions


def test_the_definitions_page_lists_every_kpi_with_an_anchor(client, centre, manager):
    from kpis.definitions import KPIS

    page = body(as_user(client, manager).get(reverse("kpis:definitions")))
    for kpi in KPIS:
        assert f'id="{kpi.key}"' in page
    assert "Traffic lights: green from 75 %, yellow from 60 %, red below." in page


# Trends


def test_the_trend_has_12_months_or_13_weeks_a_table_a_chart_and_the_target(
    client, centre, team, manager
):
    snap(centre, team=team, numerator=70, denominator=100, period_start=dt.date(2026, 1, 1))
    snap(centre, team=team, numerator=81, denominator=100)
    TargetFactory(job_centre=centre, team=team, value=75, starts_on=dt.date(2026, 6, 1))
    url = reverse("kpis:trend", args=["self_booking_share"])
    page = body(as_user(client, manager).get(url, {"team": team.pk}))
    table = page.split('id="kpi-trend-table"')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 12
    assert "December 2025" in table and "November 2026" in table
    assert 'role="img"' in page and "aria-label=" in page and "<canvas" in page
    data = json.loads(found(r'id="kpi-trend-data"[^>]*>(.*?)</script>', page))
    assert data["values"][1] == 70.0 and data["values"][-1] == 81.0
    assert data["targets"][0] is None and data["targets"][-1] == 75.0
    assert "<script>" not in page.replace('<script src="', "")  # no inline script (CSP)
    weeks = body(client.get(url, {"team": team.pk, "visning": "uger"}))
    table = weeks.split('id="kpi-trend-table"')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 13


# Computing on demand


def test_compute_now_queues_a_run_and_its_progress_page_polls(client, centre, manager):
    as_user(client, manager)
    assert "Compute the figures now" in body(client.get(DASHBOARD))
    assert client.get(reverse("kpis:recompute")).status_code == 405
    response = client.post(reverse("kpis:recompute"))
    run = SnapshotRun.objects.get(job_centre=centre)
    assert response.status_code == 302
    assert response["Location"] == reverse("kpis:run_status", args=[run.pk])
    page = body(client.get(response["Location"]))
    assert 'data-hx-trigger="every 2s"' in page and 'aria-valuenow="0"' in page
    assert "Refresh to see how far it has come" in page
    assert "see how far it has come" in body(client.get(DASHBOARD))

    run.status, run.steps_done, run.steps_total = RunStatus.RUNNING, 3, 12
    run.save()
    partial = client.get(reverse("kpis:run_status", args=[run.pk]), headers={"HX-Request": "true"})
    html = body(partial)
    assert "<h1" not in html and 'aria-valuenow="25"' in html and "3 of 12 steps" in html
    run.status, run.steps_done = RunStatus.DONE, 12
    run.save()
    html = body(client.get(reverse("kpis:run_status", args=[run.pk])))
    assert "data-hx-trigger" not in html and "data-done" in html


def test_compute_now_is_not_for_consultants_nor_another_centres_run(
    client, centre, other_centre, consultant, manager
):
    assert as_user(client, consultant).post(reverse("kpis:recompute")).status_code == 403
    foreign = SnapshotRun.objects.create(job_centre=other_centre)
    as_user(client, manager)
    assert client.get(reverse("kpis:run_status", args=[foreign.pk])).status_code == 404


# Queries


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _grow(centre, n: int, start: int) -> None:
    for i in range(start, start + n):
        team = TeamFactory(job_centre=centre, name=f"Team {i}")
        snap(centre, team=team)
        TargetFactory(job_centre=centre, team=team, value=50)
        for j in range(3):
            member = StaffFactory(job_centre=centre, team=team, username=f"k{i}-{j}")
            snap(centre, consultant=member)


def test_the_query_count_does_not_grow_with_teams_consultants_targets_or_periods(
    client, centre, team, manager
):
    snap(centre)
    TargetFactory(job_centre=centre, value=50)
    StaffFactory(job_centre=centre, team=team, username="k0")
    as_user(client, manager)
    trend = reverse("kpis:trend", args=["self_booking_share"])
    consultants = reverse("kpis:consultants", args=[team.pk])
    before = [
        _queries(client, DASHBOARD),
        _queries(client, reverse("kpis:teams")),
        _queries(client, consultants),
        _queries(client, trend),
    ]
    _grow(centre, 4, 1)
    for j in range(5):
        member = StaffFactory(job_centre=centre, team=team, username=f"more{j}")
        snap(centre, consultant=member)
    after = [
        _queries(client, DASHBOARD),
        _queries(client, reverse("kpis:teams")),
        _queries(client, consultants),
        _queries(client, trend),
    ]
    assert after == before
    assert _queries(client, trend, {"visning": "uger"}) == before[3]
