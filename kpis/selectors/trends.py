"""Trends: one figure over the last weeks or months."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from kpis.definitions import BY_KEY, PERCENT, Kpi
from kpis.models import PeriodKind, Target

if TYPE_CHECKING:  # both are written beside this module and imported where used
    from kpis.periods import Period
from kpis.selectors.cells import (
    Cell,
    Table,
    _in_scope,
    _oldest,
    _with_unit,
    centre_rows,
    format_number,
    guard_of,
    rounded,
)
from kpis.selectors.overview import _notes, _slug
from kpis.selectors.scope import TREND_COUNT, Scope, period_label, period_param

# --- Trends --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    period: "Period"
    cell: Cell
    target: Target | None

    @property
    def label(self) -> str:
        return period_label(self.period)

    @property
    def target_number(self) -> float | None:
        return rounded(self.cell.kpi, float(self.target.value)) if self.target else None

    @property
    def target_shown(self) -> str:
        return format_number(self.cell.kpi, self.target_number) if self.target else ""


@dataclass(frozen=True)
class Trend:
    kpi: Kpi
    scope: Scope
    kind: str
    points: list[Point]

    @property
    def computed_at(self) -> dt.datetime | None:
        return _oldest(point.cell for point in self.points)

    @property
    def empty(self) -> bool:
        return self.computed_at is None

    @property
    def has_target(self) -> bool:
        return any(point.target for point in self.points)

    @property
    def view_param(self) -> str:
        return "uger" if self.kind == PeriodKind.WEEK else "maaneder"

    def chart_data(self) -> dict:
        """What static/js/kpi-charts.js draws. A hidden ("< 5") or missing figure is null."""
        return {
            "labels": [point.label for point in self.points],
            "values": [point.cell.number for point in self.points],
            "targets": [point.target_number for point in self.points],
            "label": str(self.kpi.label),
            "target_label": _("Target"),
            "percent": self.kpi.unit == PERCENT,
            "lights": (
                {"green": self.kpi.lights.green, "yellow": self.kpi.lights.yellow}
                if self.kpi.lights
                else None
            ),
        }

    def table(self) -> Table:
        last = self.points[-1].period
        return Table(
            name="tendens",
            sheet=_("Trend"),
            title=_("%(kpi)s for %(scope)s") % {"kpi": self.kpi.label, "scope": self.scope.label},
            headers=[_("Period"), _with_unit(self.kpi), _("Traffic light"), _("Target")],
            rows=[
                [point.label, point.cell, point.cell.light_label, point.target_number]
                for point in self.points
            ],
            filename=(
                f"noegletal-tendens-{self.kpi.key}-{_slug(self.scope)}-{self.view_param}-"
                f"{period_param(last)}"
            ),
            notes=_notes(self.computed_at, self.scope.centre.small_number_threshold),
        )


def kpi_get(key: str, *, scope: Scope) -> Kpi:
    """The KPI named `key`, shown at the scope's level, or 404."""
    kpi = BY_KEY.get(key)
    if kpi is None or scope.level not in kpi.levels:
        raise Http404
    return kpi


def trend(*, scope: Scope, kpi: Kpi, kind: str, today: dt.date) -> Trend:
    """The last 12 months (or 13 weeks) up to the current one, with the scope's target for
    each period, in two queries."""
    from kpis.periods import periods

    shown = periods(kind, today=today, count=TREND_COUNT[kind])
    rows = centre_rows(scope.centre, kind=kind, starts=[p.start for p in shown], kpis=[kpi.key])
    guard = guard_of(scope.centre, rows)
    by_start = {row.period_start: row for row in rows if _in_scope(row, scope)}
    targets = list(
        Target.objects.filter(
            job_centre=scope.centre,
            team=scope.team,
            kpi=kpi.key,
            starts_on__lte=shown[-1].end,
            ends_on__gte=shown[0].start,
        ).order_by("starts_on")
    )

    def target_for(period) -> Target | None:
        return next(
            (t for t in targets if t.starts_on <= period.end and t.ends_on >= period.start),
            None,
        )

    return Trend(
        kpi=kpi,
        scope=scope,
        kind=kind,
        points=[Point(p, guard.cell(kpi, by_start.get(p.start)), target_for(p)) for p in shown],
    )
