"""Breakdowns: the figures per team, and per consultant of a team."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import User
from centres.models import JobCentre, Team
from common.small_numbers import DEFAULT_THRESHOLD
from kpis.definitions import KPIS, Kpi
from kpis.models import Level, Snapshot

if TYPE_CHECKING:  # both are written beside this module and imported where used
    from kpis.periods import Period
from kpis.selectors.cells import Cell, Guard, Table, _oldest, _with_unit, centre_rows, guard_of
from kpis.selectors.overview import _notes
from kpis.selectors.scope import CONSULTANT_ROLES, own_centre, period_label, period_param

# --- Breakdowns: per team, per consultant of a team --------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    #: The team (team table) or consultant (consultant table) of the row; None for the total.
    obj: object | None = None

    @property
    def total(self) -> bool:
        return self.obj is None


@dataclass(frozen=True)
class Breakdown:
    name: str  # teams, konsulenter
    title: str
    row_header: str
    kpis: list[Kpi]
    rows: list[Row]
    period: "Period"
    team: Team | None = None
    threshold: int = DEFAULT_THRESHOLD

    @property
    def computed_at(self) -> dt.datetime | None:
        return _oldest(cell for row in self.rows for cell in row.cells)

    @property
    def empty(self) -> bool:
        return self.computed_at is None

    def groups(self) -> list[tuple[str, list[Kpi], list[tuple[Row, list[Cell]]]]]:
        """The page shows one table per KPI group: (group, its KPIs, (row, its cells))."""
        columns: dict[str, list[int]] = {}
        for index, kpi in enumerate(self.kpis):
            columns.setdefault(str(kpi.group), []).append(index)
        return [
            (
                group,
                [self.kpis[i] for i in indexes],
                [(row, [row.cells[i] for i in indexes]) for row in self.rows],
            )
            for group, indexes in columns.items()
        ]

    def table(self) -> Table:
        slug = f"-team-{self.team.pk}" if self.team else ""
        return Table(
            name=self.name,
            sheet=_("Teams") if self.name == "teams" else _("Consultants"),
            title=self.title,
            headers=[self.row_header, *(_with_unit(kpi) for kpi in self.kpis)],
            rows=[[row.label, *row.cells] for row in self.rows],
            filename=f"noegletal-{self.name}{slug}-{period_param(self.period)}",
            notes=_notes(self.computed_at, self.threshold),
        )


def _cells(kpis: list[Kpi], snapshots: dict[str, Snapshot], guard: Guard) -> list[Cell]:
    return [guard.cell(kpi, snapshots.get(kpi.key)) for kpi in kpis]


def team_breakdown(*, centre: JobCentre, period: "Period", teams: list[Team]) -> Breakdown:
    """Each of `teams` (kpi_teams) and the job centre in total, in one query."""
    kpis = [kpi for kpi in KPIS if Level.TEAM in kpi.levels]
    rows = centre_rows(
        centre, kind=period.kind, starts=[period.start], kpis=[kpi.key for kpi in kpis]
    )
    guard = guard_of(centre, rows)
    by_scope: dict[int | None, dict[str, Snapshot]] = {}
    for row in rows:
        by_scope.setdefault(row.team_id, {})[row.kpi] = row
    return Breakdown(
        name="teams",
        title=_("Figures per team, %(period)s") % {"period": period_label(period)},
        row_header=_("Team"),
        kpis=kpis,
        rows=[
            Row(team.name, _cells(kpis, by_scope.get(team.pk, {}), guard), team) for team in teams
        ]
        + [Row(_("The job centre in total"), _cells(kpis, by_scope.get(None, {}), guard))],
        period=period,
        threshold=guard.threshold,
    )


def consultant_breakdown(*, user: User, team: Team, period: "Period") -> Breakdown:
    """The team's consultants and the team in total, in two queries. Only the KPIs shown per
    consultant: never satisfaction, even if such a snapshot existed."""
    kpis = [kpi for kpi in KPIS if Level.CONSULTANT in kpi.levels]
    members = list(
        policy.staff_visible_to(user)
        .filter(team=team, role__in=CONSULTANT_ROLES, is_active=True)
        .order_by("name", "pk")
        .only("pk", "name", "username")
    )
    centre = own_centre(user)
    rows = centre_rows(
        centre,
        kind=period.kind,
        starts=[period.start],
        kpis=[kpi.key for kpi in kpis],
        consultants=[member.pk for member in members],
    )
    guard = guard_of(centre, rows, members={member.pk: team.pk for member in members})
    by_scope: dict[int | None, dict[str, Snapshot]] = {}
    for row in rows:
        if row.level == Level.CONSULTANT:
            by_scope.setdefault(row.consultant_id, {})[row.kpi] = row
        elif row.level == Level.TEAM and row.team_id == team.pk:
            by_scope.setdefault(None, {})[row.kpi] = row
    return Breakdown(
        name="konsulenter",
        title=_("Figures per consultant in %(team)s, %(period)s")
        % {"team": team.name, "period": period_label(period)},
        row_header=_("Consultant"),
        kpis=kpis,
        rows=[
            Row(str(member), _cells(kpis, by_scope.get(member.pk, {}), guard), member)
            for member in members
        ]
        + [Row(_("The team in total"), _cells(kpis, by_scope.get(None, {}), guard))],
        period=period,
        team=team,
        threshold=guard.threshold,
    )
