"""The small-number rule in the leaders' figures: the job centre's own threshold, no hidden
team figure that follows from the centre's total minus the other teams, satisfaction only on
at least 2 consultants, and the files hide what the pages hide."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from kpis import selectors
from kpis.models import PeriodKind
from kpis.periods import period_containing
from kpis.tests.factories import SnapshotFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
NOVEMBER = period_containing(PeriodKind.MONTH, TODAY, today=TODAY)


@pytest.fixture(autouse=True)
def _english():
    with override("en"):
        yield


@pytest.fixture
def teams(centre):
    return [TeamFactory(job_centre=centre, name=name) for name in ("A", "B", "C")]


def answers(centre, n, *, team=None, consultants=3):
    """The month's satisfaction for the centre or a team: n answers averaging 8."""
    for kpi, numerator, denominator in (
        ("satisfaction_answers", n, 0),
        ("satisfaction_average", 8 * n, n),
        ("satisfaction_share_8_10", n // 2, n),
    ):
        SnapshotFactory(
            job_centre=centre,
            team=team,
            kpi=kpi,
            period_start=NOVEMBER.start,
            numerator=numerator,
            denominator=denominator,
            base=n,
            consultants=consultants,
        )


def column(breakdown, key):
    index = [kpi.key for kpi in breakdown.kpis].index(key)
    return {row.label: row.cells[index] for row in breakdown.rows}


def test_a_hidden_team_does_not_follow_from_the_centre_minus_the_other_teams(centre, teams):
    answers(centre, 24)
    for team, n in zip(teams, (12, 3, 9), strict=True):
        answers(centre, n, team=team)
    table = selectors.team_breakdown(centre=centre, period=NOVEMBER, teams=teams)
    cells = column(table, "satisfaction_answers")
    total = cells.pop("The job centre in total")
    assert cells["B"].hidden
    shown = sum(cell.number for cell in cells.values() if not cell.hidden)
    assert total.number - shown != 3  # 24 - 12 - 9 would have been B's 3
    assert cells["C"].hidden and not cells["A"].hidden
    # The same on every page: C's own overview and its leader's home page hide it too.
    own = selectors.overview(scope=selectors.Scope(centre, teams[2]), period=NOVEMBER, teams=teams)
    assert own.line("satisfaction_answers").cell.hidden
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=teams[2])
    home = selectors.home_kpis(user=leader, today=TODAY)["kpi_home"]
    assert home.satisfaction.hidden and home.answers.hidden


def test_a_team_with_one_consultant_shows_no_satisfaction(centre, teams):
    answers(centre, 60, consultants=5)
    answers(centre, 20, team=teams[0], consultants=1)
    answers(centre, 25, team=teams[1], consultants=2)
    answers(centre, 15, team=teams[2], consultants=2)
    table = selectors.team_breakdown(centre=centre, period=NOVEMBER, teams=teams)
    for key in ("satisfaction_average", "satisfaction_share_8_10", "satisfaction_answers"):
        cells = column(table, key)
        assert cells["A"].hidden and cells["A"].value is None
        # ...and its 20 answers do not follow from 60 - 25 - 15.
        assert cells["C"].hidden and not cells["B"].hidden
        assert not cells["The job centre in total"].hidden


def test_a_centre_of_one_consultant_shows_no_satisfaction(centre):
    answers(centre, 30, consultants=1)
    view = selectors.overview(scope=selectors.Scope(centre), period=NOVEMBER, teams=[])
    assert view.line("satisfaction_average").cell.hidden


def test_a_centre_whose_threshold_is_10_hides_cells_under_10(centre, teams):
    centre.small_number_threshold = 10
    centre.save()
    answers(centre, 40)
    answers(centre, 7, team=teams[0])
    answers(centre, 11, team=teams[1])
    answers(centre, 22, team=teams[2])
    table = selectors.team_breakdown(centre=centre, period=NOVEMBER, teams=teams)
    cells = column(table, "satisfaction_answers")
    assert cells["A"].shown == cells["A"].exported == "< 10"
    assert cells["B"].hidden  # the next smallest, or 40 - 11 - 22 gives A's 7
    assert not cells["C"].hidden
    assert "fewer than 10" in table.table().notes[0]


def test_the_files_hide_what_the_page_hides(client, centre, teams, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    centre.small_number_threshold = 10
    centre.save()
    answers(centre, 40)
    for team, n in zip(teams, (7, 11, 22), strict=True):
        answers(centre, n, team=team)
    client.force_login(StaffFactory(job_centre=centre, role=Role.MANAGER))
    for fmt in ("csv", "xlsx"):
        response = client.get(
            reverse("kpis:export"), {"tabel": "teams", "periode": "2026-11", "format": fmt}
        )
        assert response.status_code == 200
        if fmt == "csv":
            text = response.content.decode()
            rows = [line.split(";") for line in text.strip().splitlines()]
        else:
            import io

            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
            rows = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        index = next(i for i, header in enumerate(rows[0]) if header.startswith("Antal svar"))
        by_team = {row[0]: row[index] for row in rows[1:]}
        assert by_team["A"] == "< 10"
        assert by_team["B"] == "skjult"  # 40 - 22 - 11 would be A's 7
        assert by_team["C"] in ("22", "22.0", "22,0")


def test_the_dashboard_says_what_it_hides_under_the_centres_threshold(client, centre, teams):
    centre.small_number_threshold = 10
    centre.save()
    answers(centre, 40)
    answers(centre, 7, team=teams[0])
    client.force_login(StaffFactory(job_centre=centre, role=Role.MANAGER))
    page = client.get(reverse("kpis:dashboard"), {"periode": "2026-11"}).content.decode()
    assert "færre end 10 borgere eller svar" in page and "“skjult”" in page
    teams_page = client.get(reverse("kpis:teams"), {"periode": "2026-11"}).content.decode()
    assert "&lt; 10" in teams_page and "færre end 10" in teams_page
