"""One figure as a page shows it (a Cell), the small-numbers guard, and a table as files
see it."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.formats import number_format

from centres.models import JobCentre
from common.small_numbers import DEFAULT_THRESHOLD, MIN_CONSULTANTS, hidden_text, is_small, suppress
from kpis.definitions import BY_KEY, COUNT, PERCENT, Kpi, light
from kpis.models import Level, Snapshot

if TYPE_CHECKING:  # both are written beside this module and imported where used
    pass
from kpis.selectors.scope import HIDDEN, LIGHT_LABELS, NO_FIGURE, Scope

# --- One figure ----------------------------------------------------------------------------


def format_number(kpi: Kpi, number: float | int | None) -> str:
    """A rounded figure in the active language: "78,3 %", "1,6", "1.155"."""
    if number is None:
        return NO_FIGURE
    if kpi.unit == COUNT:
        return number_format(number, 0, use_l10n=True, force_grouping=True)
    shown = number_format(number, 1, use_l10n=True)
    return f"{shown} %" if kpi.unit == PERCENT else shown


def rounded(kpi: Kpi, value: float | None) -> float | int | None:
    """What a page and a file show: one decimal, a count as a whole number."""
    if value is None:
        return None
    if kpi.unit == COUNT:
        return round(value)
    return round(float(value), 1)


def _too_few_consultants(kpi: Kpi, snapshot: Snapshot) -> bool:
    return (
        kpi.several_consultants
        and snapshot.base > 0
        and (snapshot.consultants or 0) < MIN_CONSULTANTS
    )


@dataclass(frozen=True)
class Cell:
    """One KPI for one scope and period, as shown. A `hidden` cell has no value here: it is
    "< 5" when it rests on too few citizens or answers (`small`), else "hidden" (it would give
    a small figure away, or it rests on one consultant)."""

    kpi: Kpi
    value: float | None = None
    hidden: bool = False
    computed_at: dt.datetime | None = None
    small: bool = False
    threshold: int = DEFAULT_THRESHOLD

    @classmethod
    def of(
        cls,
        kpi: Kpi,
        snapshot: Snapshot | None,
        *,
        threshold: int = DEFAULT_THRESHOLD,
        hidden: bool = False,
    ) -> "Cell":
        if snapshot is None:
            return cls(kpi, threshold=threshold)
        small = kpi.protected and is_small(snapshot.base, threshold)
        hidden = kpi.protected and (hidden or small or _too_few_consultants(kpi, snapshot))
        value = None if hidden else snapshot.value
        return cls(kpi, value, hidden, snapshot.computed_at, small, threshold)

    @property
    def hidden_text(self) -> str:
        return hidden_text(self.threshold) if self.small else str(HIDDEN)

    @property
    def number(self) -> float | int | None:
        return rounded(self.kpi, self.value)

    @property
    def shown(self) -> str:
        return self.hidden_text if self.hidden else format_number(self.kpi, self.number)

    @property
    def light(self) -> str:
        """ "green", "yellow", "red" or ""; judged on the shown (rounded) figure."""
        return light(self.kpi, self.number)

    @property
    def light_label(self) -> str:
        return str(LIGHT_LABELS[self.light]) if self.light else ""

    @property
    def exported(self) -> float | int | str | None:
        """The cell in a file: the same rounded number, "< 5" or "hidden", or empty."""
        return self.hidden_text if self.hidden else self.number


# --- Small numbers: what no page of the centre shows -------------------------------------


@dataclass(frozen=True)
class Guard:
    """Which of a job centre's snapshots no page shows: those on fewer citizens or answers
    than the centre's threshold, satisfaction resting on fewer than 2 consultants, and those
    that would let one work out such a figure as a total minus the figures shown (the centre
    minus the other teams, a team minus its other consultants). It is decided over every team
    of the centre, whoever looks, so that no page shows what another page hides."""

    threshold: int
    hidden: frozenset[int] = frozenset()

    def cell(self, kpi: Kpi, snapshot: Snapshot | None) -> Cell:
        hidden = snapshot is not None and snapshot.pk in self.hidden
        return Cell.of(kpi, snapshot, threshold=self.threshold, hidden=hidden)


def guard_of(
    centre: JobCentre, rows: Iterable[Snapshot], *, members: Mapping[int, int] | None = None
) -> Guard:
    """The guard over `rows`: the centre's snapshots at the centre and team levels (of every
    team) and, for a table of consultants, theirs with `members` (consultant pk: team pk)."""
    values: dict[int, int] = {}
    forced: list[int] = []
    centres: dict[tuple, int] = {}
    teams: dict[tuple, list[int]] = defaultdict(list)
    team_rows: dict[tuple, int] = {}
    consultants: dict[tuple, list[int]] = defaultdict(list)
    for row in rows:
        kpi = BY_KEY.get(row.kpi)
        if kpi is None or not kpi.protected:
            continue
        values[row.pk] = row.base
        if _too_few_consultants(kpi, row):
            forced.append(row.pk)
        key = (row.kpi, row.period_kind, row.period_start)
        if row.level == Level.CENTRE:
            centres[key] = row.pk
        elif row.level == Level.TEAM:
            teams[key].append(row.pk)
            team_rows[(*key, row.team_id)] = row.pk
        elif members and row.consultant_id is not None and row.consultant_id in members:
            consultants[(*key, members[row.consultant_id])].append(row.pk)
    lines = [(parts, centres[key]) for key, parts in teams.items() if key in centres]
    lines += [(parts, team_rows[key]) for key, parts in consultants.items() if key in team_rows]
    threshold = centre.small_number_threshold
    return Guard(threshold, frozenset(suppress(values, lines, threshold=threshold, hidden=forced)))


def centre_rows(
    centre: JobCentre,
    *,
    kind: str,
    starts: Iterable[dt.date],
    kpis: Iterable[str],
    consultants: Iterable[int] = (),
) -> list[Snapshot]:
    """The centre's snapshots of these periods and KPIs for the centre and every team (and
    for `consultants`), in one query: what a page shows and what its guard decides over."""
    scope = Q(level__in=(Level.CENTRE, Level.TEAM))
    consultants = list(consultants)
    if consultants:
        scope |= Q(level=Level.CONSULTANT, consultant__in=consultants)
    return list(
        Snapshot.objects.filter(
            scope,
            job_centre=centre,
            period_kind=kind,
            period_start__in=list(starts),
            kpi__in=list(kpis),
        )
    )


def _in_scope(row: Snapshot, scope: "Scope") -> bool:
    if scope.team:
        return row.level == Level.TEAM and row.team_id == scope.team.pk
    return row.level == Level.CENTRE


def _oldest(cells) -> dt.datetime | None:
    return min((c.computed_at for c in cells if c.computed_at), default=None)


def _with_unit(kpi: Kpi) -> str:
    return f"{kpi.label} (%)" if kpi.unit == PERCENT else str(kpi.label)


# --- Tables as files see them --------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A table as its file holds it: headers, then rows of text, numbers and Cells."""

    name: str  # oversigt, teams, konsulenter, tendens
    sheet: str
    title: str
    headers: list[str]
    rows: list[list]
    filename: str
    notes: list[str] = field(default_factory=list)
