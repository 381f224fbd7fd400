"""The overview: every KPI for one scope and period, with its target, and its notes."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centres.models import Team
from common.small_numbers import MIN_CONSULTANTS
from kpis.definitions import BY_KEY, KPIS, Kpi

if TYPE_CHECKING:  # both are written beside this module and imported where used
    from kpis.periods import Period
    from kpis.targets import TargetProgress
from kpis.selectors.cells import Cell, Table, _in_scope, _oldest, centre_rows, guard_of
from kpis.selectors.scope import (
    CENTRE_PARAM,
    HIDDEN,
    UNIT_LABELS,
    Scope,
    period_label,
    period_param,
)

# --- The overview: every KPI for one scope and period, with its target ------------------


@dataclass(frozen=True)
class Line:
    kpi: Kpi
    cell: Cell
    #: The scope's target for this KPI in force, if any, with its progress.
    progress: "TargetProgress | None" = None


@dataclass(frozen=True)
class Overview:
    scope: Scope
    period: "Period"
    lines: list[Line]
    #: The targets (the centre's and the visible teams') reached.
    reached: "list[TargetProgress]"
    computed_at: dt.datetime | None

    @property
    def empty(self) -> bool:
        return all(line.cell.computed_at is None for line in self.lines)

    def groups(self) -> list[tuple[str, list[Line]]]:
        groups: dict[str, list[Line]] = {}
        for line in self.lines:
            groups.setdefault(str(line.kpi.group), []).append(line)
        return list(groups.items())

    def line(self, key: str) -> Line | None:
        return next((line for line in self.lines if line.kpi.key == key), None)


def overview(*, scope: Scope, period: "Period", teams: list[Team]) -> Overview:
    """Every KPI shown at the scope's level for `period`, the scope's targets in force with
    their progress, and the targets reached that the user may see (`teams`: kpi_teams)."""
    from kpis.targets import targets_in_force, targets_progress

    shown_kpis = [kpi for kpi in KPIS if scope.level in kpi.levels]
    rows = centre_rows(
        scope.centre,
        kind=period.kind,
        starts=[period.start],
        kpis=[kpi.key for kpi in shown_kpis],
    )
    guard = guard_of(scope.centre, rows)
    by_kpi = {row.kpi: row for row in rows if _in_scope(row, scope)}
    visible = {team.pk for team in teams}
    targets = [
        target
        for target in targets_in_force(job_centre=scope.centre, on=period.through)
        if target.kpi in BY_KEY and (target.team_id is None or target.team_id in visible)
    ]
    progresses = targets_progress(targets, job_centre=scope.centre)
    mine = {
        p.target.kpi: p
        for p in progresses
        if p.target.team_id == (scope.team.pk if scope.team else None)
    }
    lines = [
        Line(kpi, guard.cell(kpi, by_kpi.get(kpi.key)), mine.get(kpi.key)) for kpi in shown_kpis
    ]
    return Overview(
        scope=scope,
        period=period,
        lines=lines,
        reached=[p for p in progresses if p.reached],
        computed_at=_oldest(line.cell for line in lines),
    )


def _slug(scope: Scope) -> str:
    return f"team-{scope.team.pk}" if scope.team else CENTRE_PARAM


def overview_table(view: Overview) -> Table:
    rows = []
    for line in view.lines:
        progress = line.progress
        rows.append(
            [
                str(line.kpi.group),
                str(line.kpi.label),
                line.cell,
                str(UNIT_LABELS[line.kpi.unit]),
                line.cell.light_label,
                progress.target_shown if progress else "",
                progress.shown if progress else "",
                (_("Yes") if progress.reached else _("No"))
                if progress and progress.reached is not None
                else "",
            ]
        )
    return Table(
        name="oversigt",
        sheet=_("Overview"),
        title=_("Figures for %(scope)s, %(period)s")
        % {"scope": view.scope.label, "period": period_label(view.period)},
        headers=[
            _("Group"),
            _("Figure"),
            _("Value"),
            _("Unit"),
            _("Traffic light"),
            _("Target"),
            _("Over the target's period"),
            _("Target reached"),
        ],
        rows=rows,
        filename=f"noegletal-oversigt-{_slug(view.scope)}-{period_param(view.period)}",
        notes=_notes(view.computed_at, view.scope.centre.small_number_threshold),
    )


def small_numbers_note(threshold: int) -> str:
    """What every page and file of figures says about the figures it hides."""
    return _(
        "Figures built on fewer than %(n)s citizens or answers are shown as “< %(n)s”. "
        "A figure from which such a figure could be worked out, and satisfaction resting on "
        "fewer than %(consultants)s consultants, are shown as “%(hidden)s”. "
        "Satisfaction is never shown per consultant."
    ) % {"n": threshold, "consultants": MIN_CONSULTANTS, "hidden": HIDDEN}


def _notes(computed_at: dt.datetime | None, threshold: int) -> list[str]:
    notes = [small_numbers_note(threshold)]
    if computed_at:
        notes.append(computed_text(computed_at))
    return notes


def computed_text(computed_at: dt.datetime) -> str:
    from django.utils import timezone

    local = timezone.localtime(computed_at)
    return _("Computed %(date)s at %(time)s") % {
        "date": date_format(local, "SHORT_DATE_FORMAT"),
        "time": date_format(local, "TIME_FORMAT"),
    }
