"""What the leaders' pages and files are built from: periods from a parameter, the scope a
user may see, one figure as shown (rounding, units, lights, "< 5"), the overview with its
targets, the tables per team and per consultant, the trend, and the home pages' summary."""

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from kpis import selectors
from kpis.definitions import BY_KEY
from kpis.models import PeriodKind
from kpis.periods import period_containing
from kpis.tests.factories import SnapshotFactory, TargetFactory

TODAY = dt.date(2026, 11, 23)
NOVEMBER = period_containing(PeriodKind.MONTH, TODAY, today=TODAY)


@pytest.fixture(autouse=True)
def _english():
    """Labels are read in English, whatever the Danish translation says; numbers in Danish."""
    with override("en"):
        yield


def month(year: int, number: int):
    return period_containing(PeriodKind.MONTH, dt.date(year, number, 1), today=TODAY)


# Periods


@pytest.mark.parametrize(
    "text,kind,start",
    [
        ("2026-11", "month", dt.date(2026, 11, 1)),
        ("2026-1", "month", dt.date(2026, 1, 1)),
        ("2026-W48", "week", dt.date(2026, 11, 23)),
        ("2026-w01", "week", dt.date(2025, 12, 29)),
        ("2020-W53", "week", dt.date(2020, 12, 28)),
    ],
)
def test_a_period_parameter_names_a_month_or_an_iso_week(text, kind, start):
    period = selectors.period_parse(text, today=TODAY)
    assert (period.kind, period.start) == (kind, start)
    assert selectors.period_parse(selectors.period_param(period), today=TODAY) == period


@pytest.mark.parametrize(
    "text",
    ["", "2026", "2026-13", "2026-00", "2026-W54", "2025-W53", "1999-10", "abc", "2026-11-1"],
)
def test_anything_else_names_no_period(text):
    assert selectors.period_parse(text, today=TODAY) is None


def test_the_choice_falls_back_to_the_current_month_with_a_message():
    choice = selectors.period_choice("rubbish", today=TODAY)
    assert choice.period == NOVEMBER and "rubbish" in choice.error
    assert selectors.period_choice(None, today=TODAY).error == ""
    assert selectors.period_choice("2026-10", today=TODAY).period == month(2026, 10)


def test_previous_next_and_the_toggle_between_months_and_weeks():
    choice = selectors.period_choice("2026-10", today=TODAY)
    assert choice.previous.start == dt.date(2026, 9, 1)
    assert choice.next.start == dt.date(2026, 11, 1)
    assert choice.week.start == dt.date(2026, 10, 26)  # the month's last week
    current = selectors.period_choice(None, today=TODAY)
    assert current.next is None  # not begun
    assert current.week.start == dt.date(2026, 11, 23)
    week = selectors.period_choice("2026-W44", today=TODAY)
    assert week.month.start == dt.date(2026, 11, 1)  # the week ends on 1 November
    assert week.options()[0] == ("2026-W48", "Week 48, 2026")


def test_the_picker_offers_the_chosen_period_even_if_it_is_old():
    choice = selectors.period_choice("2019-03", today=TODAY)
    params = [param for param, _label in choice.options()]
    assert params[0] == "2026-11" and params[-1] == "2019-03"
    assert len(params) == selectors.PICKER_COUNT["month"] + 1


def test_period_labels_are_danish():
    with override("da"):
        assert selectors.period_label(NOVEMBER) == "november 2026"


# One figure


def test_a_cell_rounds_formats_and_lights_the_shown_figure():
    share = BY_KEY["self_booking_share"]
    cell = selectors.Cell(share, 74.96)
    assert cell.number == 75.0 and cell.light == "green" and cell.exported == 75.0
    assert cell.light_label == "Green"
    with override("da"):
        assert cell.shown == "75,0 %"
    assert selectors.Cell(share, 59.94).light == "red"
    count = selectors.Cell(BY_KEY["logbook_entries"], 1155.0)
    with override("da"):
        assert count.shown == "1.155" and count.number == 1155
    assert (
        selectors.Cell(share).shown == selectors.NO_FIGURE
        and selectors.Cell(share).exported is None
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key,base,hidden",
    [
        ("self_booking_share", 4, True),
        ("self_booking_share", 1, True),
        ("self_booking_share", 5, False),
        ("self_booking_share", 0, False),
        ("satisfaction_average", 3, True),
        ("logbook_entries", 2, False),  # not built on citizens
    ],
)
def test_a_protected_cell_on_1_to_4_keeps_no_value(centre, key, base, hidden):
    row = SnapshotFactory.build(job_centre=centre, kpi=key, numerator=3, denominator=4, base=base)
    cell = selectors.Cell.of(BY_KEY[key], row)
    assert cell.hidden is hidden
    if hidden:
        assert cell.value is None and cell.number is None and cell.light == ""
        assert cell.shown == cell.exported == "< 5"


# Scope


@pytest.fixture
def teams(centre):
    return [TeamFactory(job_centre=centre, name=name) for name in ("A-team", "B-team")]


@pytest.mark.django_db
def test_managers_see_every_team_and_a_team_leader_their_own(centre, other_centre, teams):
    TeamFactory(job_centre=other_centre)
    manager = StaffFactory(job_centre=centre, role=Role.MANAGER)
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=teams[1])
    admin = StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR)
    assert selectors.kpi_teams(user=manager) == teams
    assert selectors.kpi_teams(user=admin) == teams
    assert selectors.kpi_teams(user=leader) == [teams[1]]
    leaderless = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    assert selectors.kpi_teams(user=leaderless) == []


@pytest.mark.django_db
def test_the_scope_a_parameter_asks_for(centre, teams):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=teams[0])
    visible = selectors.kpi_teams(user=leader)
    assert selectors.scope_for(user=leader, param=None, teams=visible).team == teams[0]
    assert selectors.scope_for(user=leader, param="jobcenter", teams=visible).team is None
    assert selectors.scope_for(user=leader, param=str(teams[0].pk), teams=visible).team
    for param in (str(teams[1].pk), "0", "x", "-1"):
        with pytest.raises(Http404):
            selectors.scope_for(user=leader, param=param, teams=visible)
    manager = StaffFactory(job_centre=centre, role=Role.MANAGER, team=teams[0])
    everyone = selectors.kpi_teams(user=manager)
    assert selectors.scope_for(user=manager, param="", teams=everyone).team is None


# The overview


@pytest.mark.django_db
def test_the_overview_has_each_kpi_of_the_level_its_target_and_the_successes(centre, teams):
    SnapshotFactory(job_centre=centre, period_start=NOVEMBER.start, numerator=9, denominator=10)
    SnapshotFactory(
        job_centre=centre, team=teams[0], period_start=NOVEMBER.start, numerator=1, denominator=2
    )
    TargetFactory(job_centre=centre, value=80)
    TargetFactory(job_centre=centre, team=teams[0], value=40)
    TargetFactory(job_centre=centre, team=teams[1], value=40)  # no figures: not reached
    scope = selectors.Scope(centre)
    view = selectors.overview(scope=scope, period=NOVEMBER, teams=teams)
    assert len(view.lines) == 18 and not view.empty
    line = view.line("self_booking_share")
    assert line.cell.number == 90.0 and line.progress.reached is True
    assert view.line("no_show_rate").progress is None
    # A protected team figure on 2: the team's target is not known to be reached.
    assert [p.target.team for p in view.reached] == [None]
    assert view.groups()[0][0] == "Conversations"
    team_view = selectors.overview(
        scope=selectors.Scope(centre, teams[0]), period=NOVEMBER, teams=teams
    )
    assert team_view.line("self_booking_share").cell.hidden
    assert team_view.line("self_booking_share").progress.shown == "< 5"


@pytest.mark.django_db
def test_an_overview_without_snapshots_is_empty_and_whole(centre):
    view = selectors.overview(scope=selectors.Scope(centre), period=month(2019, 1), teams=[])
    assert view.empty and view.computed_at is None and view.reached == []
    assert all(line.cell.shown == selectors.NO_FIGURE for line in view.lines)
    assert len(selectors.overview_table(view).rows) == 18


# Breakdowns


@pytest.mark.django_db
def test_the_team_table_has_every_visible_team_and_the_centre(centre, teams):
    SnapshotFactory(job_centre=centre, team=teams[1], period_start=NOVEMBER.start)
    SnapshotFactory(job_centre=centre, period_start=NOVEMBER.start, numerator=6, denominator=10)
    table = selectors.team_breakdown(centre=centre, period=NOVEMBER, teams=teams)
    assert [row.label for row in table.rows] == ["A-team", "B-team", "The job centre in total"]
    assert table.rows[1].cells[0].number == 80.0 and table.rows[0].cells[0].number is None
    assert table.rows[2].total and table.rows[2].cells[0].light == "yellow"
    assert len(table.kpis) == 18
    group, kpis, rows = table.groups()[2]
    assert group == "Citizen satisfaction" and len(kpis) == 3 and len(rows) == 3


@pytest.mark.django_db
def test_the_consultant_table_never_has_satisfaction(centre, teams):
    members = [StaffFactory(job_centre=centre, team=teams[0], name=name) for name in ("Bo", "Ann")]
    StaffFactory(job_centre=centre, team=teams[0], name="Gone", is_active=False)
    StaffFactory(job_centre=centre, team=teams[0], name="Boss", role=Role.MANAGER)
    StaffFactory(job_centre=centre, team=teams[1], name="Elsewhere")
    for member in members:
        SnapshotFactory(job_centre=centre, consultant=member, period_start=NOVEMBER.start)
        SnapshotFactory(
            job_centre=centre,
            consultant=member,
            kpi="satisfaction_average",
            period_start=NOVEMBER.start,
        )
    user = StaffFactory(job_centre=centre, role=Role.MANAGER)
    table = selectors.consultant_breakdown(user=user, team=teams[0], period=NOVEMBER)
    assert [row.label for row in table.rows] == ["Ann", "Bo", "The team in total"]
    assert not any(kpi.key.startswith("satisfaction") for kpi in table.kpis)
    assert "meetings_held" not in [kpi.key for kpi in table.kpis]
    assert table.rows[0].cells[0].number == 80.0
    assert all(str(header) != "Satisfaction, average" for header in table.table().headers)


# Trends


@pytest.mark.django_db
def test_the_trend_has_12_months_or_13_weeks_with_gaps_for_small_figures(centre, teams):
    for number, base in ((1, 10), (5, 3), (11, 20)):
        SnapshotFactory(
            job_centre=centre,
            period_start=dt.date(2026, number, 1),
            numerator=base // 2,
            denominator=base,
            base=base,
        )
    TargetFactory(job_centre=centre, value=70, starts_on=dt.date(2026, 6, 15))
    scope = selectors.Scope(centre)
    kpi = BY_KEY["self_booking_share"]
    trend = selectors.trend(scope=scope, kpi=kpi, kind=PeriodKind.MONTH, today=TODAY)
    data = trend.chart_data()
    assert len(data["labels"]) == 12
    assert data["values"][1] == 50.0 and data["values"][5] is None and data["values"][-1] == 50.0
    assert trend.points[5].cell.shown == "< 5"
    assert data["targets"][5] is None and data["targets"][6] == 70.0  # from mid-June
    weeks = selectors.trend(scope=scope, kpi=kpi, kind=PeriodKind.WEEK, today=TODAY)
    assert len(weeks.points) == 13 and weeks.empty


@pytest.mark.django_db
def test_a_kpi_not_shown_at_a_level_is_not_found(centre):
    with pytest.raises(Http404):
        selectors.kpi_get("nope", scope=selectors.Scope(centre))
    assert selectors.kpi_get("satisfaction_average", scope=selectors.Scope(centre))


# The home pages


@pytest.mark.django_db
def test_home_kpis_for_the_manager_and_the_team_leader(centre, teams, consultant):
    SnapshotFactory(job_centre=centre, period_start=NOVEMBER.start, numerator=7, denominator=10)
    SnapshotFactory(
        job_centre=centre,
        kpi="satisfaction_average",
        period_start=NOVEMBER.start,
        numerator=82,
        denominator=10,
    )
    SnapshotFactory(
        job_centre=centre, team=teams[0], period_start=NOVEMBER.start, numerator=2, denominator=2
    )
    manager = StaffFactory(job_centre=centre, role=Role.MANAGER)
    home = selectors.home_kpis(user=manager, today=TODAY)["kpi_home"]
    assert home.scope.team is None
    assert home.self_booking.number == 70.0 and home.self_booking.light == "yellow"
    assert home.satisfaction.number == 8.2 and home.answers.shown == selectors.NO_FIGURE
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=teams[0])
    home = selectors.home_kpis(user=leader, today=TODAY)["kpi_home"]
    assert home.scope.team == teams[0] and home.self_booking.shown == "< 5"
    assert selectors.home_kpis(user=consultant, today=TODAY) == {}


@pytest.mark.django_db
def test_the_home_partial_renders(centre, rf):
    from django.template.loader import render_to_string

    SnapshotFactory(job_centre=centre, period_start=NOVEMBER.start, numerator=8, denominator=10)
    manager = StaffFactory(job_centre=centre, role=Role.MANAGER)
    html = render_to_string("kpis/_home.html", selectors.home_kpis(user=manager, today=TODAY))
    assert 'data-light="green"' in html and "80" in html
    assert render_to_string("kpis/_home.html", {}).strip() == ""


# Queries


@pytest.mark.django_db
def test_tables_read_a_fixed_number_of_queries(centre, teams):
    user = StaffFactory(job_centre=centre, role=Role.MANAGER)
    kpi = BY_KEY["self_booking_share"]

    def count() -> list[int]:
        result = []
        for build in (
            lambda: selectors.team_breakdown(centre=centre, period=NOVEMBER, teams=teams).table(),
            lambda: selectors.consultant_breakdown(user=user, team=teams[0], period=NOVEMBER),
            lambda: selectors.trend(
                scope=selectors.Scope(centre), kpi=kpi, kind="month", today=TODAY
            ).table(),
            lambda: selectors.overview(scope=selectors.Scope(centre), period=NOVEMBER, teams=teams),
        ):
            with CaptureQueriesContext(connection) as queries:
                build()
            result.append(len(queries))
        return result

    TargetFactory(job_centre=centre)  # targets' progress is one query for all of them
    before = count()
    for i in range(6):
        member = StaffFactory(job_centre=centre, team=teams[0])
        SnapshotFactory(job_centre=centre, consultant=member, period_start=NOVEMBER.start)
        SnapshotFactory(job_centre=centre, period_start=dt.date(2026, i + 1, 1))
        TargetFactory(job_centre=centre, team=teams[i % 2], kpi="no_show_rate")
    assert count() == before
