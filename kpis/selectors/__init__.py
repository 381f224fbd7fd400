"""The leaders' figures as the dashboard, the trends and the exports show them.

Everything is read from the stored snapshots (`kpis.compute` writes them), scoped by the
policy, with a fixed number of queries whatever the number of teams, consultants or periods
shown. Each table is built once here and both its page and its Excel/CSV file render that one
object, so a file always holds the page's numbers. A protected cell on fewer citizens or
answers than the job centre's threshold, satisfaction resting on one consultant, and a cell
that would let one work out such a figure from a total (`common.small_numbers`, decided over
every team of the centre whoever looks: `Guard`) leave this module without their value."""

from kpis.selectors.breakdowns import Breakdown, Row, consultant_breakdown, team_breakdown
from kpis.selectors.cells import Cell, Guard, Table, centre_rows, format_number, guard_of, rounded
from kpis.selectors.home import HOME_KPIS, HomeKpis, home_kpis
from kpis.selectors.overview import (
    Line,
    Overview,
    computed_text,
    overview,
    overview_table,
    small_numbers_note,
)
from kpis.selectors.runs import latest_run, run_active, run_get, run_percent
from kpis.selectors.scope import (
    CENTRE_PARAM,
    CONSULTANT_ROLES,
    HIDDEN,
    LEVEL_LABELS,
    LIGHT_LABELS,
    NO_FIGURE,
    PICKER_COUNT,
    TREND_COUNT,
    UNIT_LABELS,
    PeriodChoice,
    Scope,
    kpi_teams,
    own_centre,
    period_choice,
    period_error,
    period_label,
    period_param,
    period_parse,
    scope_for,
    team_get,
)
from kpis.selectors.trends import Point, Trend, kpi_get, trend

__all__ = [
    "CENTRE_PARAM",
    "CONSULTANT_ROLES",
    "HIDDEN",
    "HOME_KPIS",
    "LEVEL_LABELS",
    "LIGHT_LABELS",
    "NO_FIGURE",
    "PICKER_COUNT",
    "TREND_COUNT",
    "UNIT_LABELS",
    "Breakdown",
    "Cell",
    "Guard",
    "HomeKpis",
    "Line",
    "Overview",
    "PeriodChoice",
    "Point",
    "Row",
    "Scope",
    "Table",
    "Trend",
    "centre_rows",
    "computed_text",
    "consultant_breakdown",
    "format_number",
    "guard_of",
    "home_kpis",
    "kpi_get",
    "kpi_teams",
    "latest_run",
    "overview",
    "overview_table",
    "own_centre",
    "period_choice",
    "period_error",
    "period_label",
    "period_param",
    "period_parse",
    "rounded",
    "run_active",
    "run_get",
    "run_percent",
    "scope_for",
    "small_numbers_note",
    "team_breakdown",
    "team_get",
    "trend",
]
