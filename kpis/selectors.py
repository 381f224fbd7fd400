"""The leaders' figures as the dashboard, the trends and the exports show them.

Everything is read from the stored snapshots (`kpis.compute` writes them), scoped by the
policy, with a fixed number of queries whatever the number of teams, consultants or periods
shown. Each table is built once here and both its page and its Excel/CSV file render that one
object, so a file always holds the page's numbers. A protected cell on fewer citizens or
answers than the job centre's threshold, satisfaction resting on one consultant, and a cell
that would let one work out such a figure from a total (`common.small_numbers`, decided over
every team of the centre whoever looks: `Guard`) leave this module without their value."""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from accounts.models import Role, User
from centres.models import JobCentre, Team
from common.small_numbers import DEFAULT_THRESHOLD, MIN_CONSULTANTS, hidden_text, is_small, suppress
from kpis.definitions import BY_KEY, COUNT, KPIS, PER_WEEK, PERCENT, SCORE, Kpi, light
from kpis.models import Level, PeriodKind, RunStatus, Snapshot, SnapshotRun, Target
from kpis.periods import DEFAULT_COUNT

if TYPE_CHECKING:  # both are written beside this module and imported where used
    from kpis.periods import Period
    from kpis.targets import TargetProgress

#: The scope parameter that asks for the whole job centre (a team leader's default is the team).
CENTRE_PARAM = "jobcenter"
#: A cell with no figure (nothing computed, or nothing to divide by).
NO_FIGURE = "\u2013"  # an en dash
#: A cell hidden because of a total or too few consultants behind it (not itself small).
HIDDEN = gettext_lazy("hidden")
#: Periods a trend shows, and periods the period picker offers.
TREND_COUNT: dict[str, int] = {PeriodKind.MONTH: 12, PeriodKind.WEEK: 13}
PICKER_COUNT: dict[str, int] = DEFAULT_COUNT  # what kpis.compute keeps computed
#: Who holds conversations, and so has figures of their own in a team's consultant table.
CONSULTANT_ROLES = (Role.JOB_CONSULTANT, Role.TEAM_LEADER)

LIGHT_LABELS = {
    "green": gettext_lazy("Green"),
    "yellow": gettext_lazy("Yellow"),
    "red": gettext_lazy("Red"),
}
UNIT_LABELS = {
    PERCENT: gettext_lazy("Per cent"),
    PER_WEEK: gettext_lazy("Per week"),
    COUNT: gettext_lazy("Number"),
    SCORE: gettext_lazy("Average on the scale 1-10"),
}
LEVEL_LABELS = {
    Level.CENTRE: gettext_lazy("the job centre"),
    Level.TEAM: gettext_lazy("teams"),
    Level.CONSULTANT: gettext_lazy("consultants"),
}


# --- Periods -------------------------------------------------------------------------------

_MONTH_PARAM = re.compile(r"(\d{4})-(\d{1,2})")
_WEEK_PARAM = re.compile(r"(\d{4})-[Ww](\d{1,2})")
_YEARS = range(2000, 2100)


def period_param(period: "Period") -> str:
    """ "2026-11" for a month, "2026-W47" for an ISO week: the `periode` query parameter."""
    if period.kind == PeriodKind.WEEK:
        year, week, _day = period.start.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{period.start:%Y-%m}"


def period_label(period: "Period") -> str:
    if period.kind == PeriodKind.WEEK:
        year, week, _day = period.start.isocalendar()
        return _("Week %(week)d, %(year)d") % {"week": week, "year": year}
    return date_format(period.start, "F Y")


def period_parse(text: str, *, today: dt.date) -> "Period | None":
    """The period a `periode` parameter names, or None when it names none."""
    from kpis.periods import period_containing

    text = (text or "").strip()
    if match := _MONTH_PARAM.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        if year in _YEARS and 1 <= month <= 12:
            return period_containing(PeriodKind.MONTH, dt.date(year, month, 1), today=today)
    elif match := _WEEK_PARAM.fullmatch(text):
        year, week = int(match[1]), int(match[2])
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        if year in _YEARS:
            return period_containing(PeriodKind.WEEK, monday, today=today)
    return None


@dataclass(frozen=True)
class PeriodChoice:
    """The chosen period and the picker's ways to others."""

    period: "Period"
    today: dt.date
    #: A message when the `periode` parameter named no period (the current month is shown).
    error: str = ""

    @property
    def param(self) -> str:
        return period_param(self.period)

    @property
    def label(self) -> str:
        return period_label(self.period)

    @property
    def is_week(self) -> bool:
        return self.period.kind == PeriodKind.WEEK

    def _containing(self, kind: str, day: dt.date) -> "Period":
        from kpis.periods import period_containing

        return period_containing(kind, day, today=self.today)

    @property
    def previous(self):
        return self._containing(self.period.kind, self.period.start - dt.timedelta(days=1))

    @property
    def next(self):
        """The following period, or None when it has not begun."""
        following = self._containing(self.period.kind, self.period.end + dt.timedelta(days=1))
        return following if following.start <= self.today else None

    @property
    def month(self):
        """The month of this period (the toggle from weeks to months)."""
        return self._containing(PeriodKind.MONTH, min(self.period.through, self.period.end))

    @property
    def week(self):
        """The last begun week of this period (the toggle from months to weeks)."""
        return self._containing(PeriodKind.WEEK, min(self.period.through, self.period.end))

    def options(self) -> list[tuple[str, str]]:
        """(param, label) of the recent periods of this kind, newest first, and the chosen one
        if it is older."""
        from kpis.periods import periods

        recent = periods(self.period.kind, today=self.today, count=PICKER_COUNT[self.period.kind])
        options = [(period_param(p), period_label(p)) for p in reversed(recent)]
        if self.param not in {param for param, _label in options}:
            options.append((self.param, self.label))
        return options


def period_choice(param: str | None, *, today: dt.date) -> PeriodChoice:
    """The period a page shows: the one `param` names, else the current month (and a message
    when `param` was given but names no period)."""
    from kpis.periods import period_containing

    if param:
        period = period_parse(param, today=today)
        if period is not None:
            return PeriodChoice(period, today)
    current = period_containing(PeriodKind.MONTH, today, today=today)
    shown = _("The current month is shown.")
    error = f"{period_error(param)} {shown}" if param else ""
    return PeriodChoice(current, today, error)


def period_error(param: str) -> str:
    return _(
        "“%(text)s” is not a period we know: write a month as 2026-11 or a week as 2026-W47."
    ) % {"text": param[:20]}


# --- Scope: the job centre or one team -----------------------------------------------------


@dataclass(frozen=True)
class Scope:
    centre: JobCentre
    team: Team | None = None

    @property
    def level(self) -> str:
        return Level.TEAM if self.team else Level.CENTRE

    @property
    def label(self) -> str:
        return self.team.name if self.team else self.centre.name

    @property
    def param(self) -> str:
        return str(self.team.pk) if self.team else CENTRE_PARAM

    def snapshots(self):
        rows = Snapshot.objects.filter(job_centre=self.centre, level=self.level)
        return rows.filter(team=self.team) if self.team else rows


def own_centre(user: User) -> JobCentre:
    """The user's job centre (every leader has one; anyone else never gets this far)."""
    if user.job_centre is None:
        raise Http404
    return user.job_centre


def kpi_teams(*, user: User) -> list[Team]:
    """The teams whose figures `user` may see: every team of the centre for managers and
    administrators, a team leader's own team."""
    teams = Team.objects.filter(job_centre_id=user.job_centre_id).order_by("name", "pk")
    return [team for team in teams if policy.can(user, "kpi.team", team)]


def scope_for(*, user: User, param: str | None, teams: list[Team]) -> Scope:
    """The scope a `team` parameter asks for among `teams` (kpi_teams). Without it a team
    leader lands on their own team, everyone else on the job centre. A team that is not theirs
    to see, or not a team at all, is a 404."""
    centre = own_centre(user)
    if param == CENTRE_PARAM:
        return Scope(centre)
    if not param:
        own = next((team for team in teams if team.pk == user.team_id), None)
        return Scope(centre, own) if user.role == Role.TEAM_LEADER and own else Scope(centre)
    team = next((team for team in teams if str(team.pk) == param), None)
    if team is None:
        raise Http404
    return Scope(centre, team)


def team_get(*, user: User, pk: int, teams: list[Team]) -> Team:
    team = next((team for team in teams if team.pk == pk), None)
    if team is None:
        raise Http404
    return team


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


# --- Computations on demand ----------------------------------------------------------------


def latest_run(*, job_centre: JobCentre) -> SnapshotRun | None:
    return SnapshotRun.objects.filter(job_centre=job_centre).first()


def run_get(*, user: User, pk: int) -> SnapshotRun:
    """A computation of the user's own job centre, or 404."""
    run = SnapshotRun.objects.filter(pk=pk, job_centre_id=user.job_centre_id).first()
    if run is None or user.job_centre_id is None:
        raise Http404
    return run


def run_percent(run: SnapshotRun) -> int:
    if run.status == RunStatus.DONE:
        return 100
    if not run.steps_total:
        return 0
    return min(100, run.steps_done * 100 // run.steps_total)


def run_active(run: SnapshotRun | None) -> bool:
    return run is not None and run.status in (RunStatus.QUEUED, RunStatus.RUNNING)


# --- The leaders' home pages -------------------------------------------------------------


@dataclass(frozen=True)
class HomeKpis:
    scope: Scope
    period: "Period"
    self_booking: Cell
    satisfaction: Cell
    answers: Cell

    @property
    def label(self) -> str:
        return period_label(self.period)

    @property
    def computed_at(self) -> dt.datetime | None:
        return _oldest([self.self_booking, self.satisfaction, self.answers])


HOME_KPIS = ("self_booking_share", "satisfaction_average", "satisfaction_answers")


def home_kpis(*, user: User, today: dt.date) -> dict:
    """For the manager's and the team leader's home pages (kpis/_home.html): this month's
    self-booking share with its light and the satisfaction average, for the job centre or the
    team leader's own team. Empty for anyone who may not see the figures."""
    from kpis.periods import period_containing

    if not policy.can(user, "kpi.view", user.job_centre):
        return {}
    scope = Scope(own_centre(user))
    if user.role == Role.TEAM_LEADER and user.team_id:
        team = Team.objects.filter(pk=user.team_id, job_centre_id=user.job_centre_id).first()
        if team is not None and policy.can(user, "kpi.team", team):
            scope = Scope(scope.centre, team)
    period = period_containing(PeriodKind.MONTH, today, today=today)
    rows = centre_rows(scope.centre, kind=PeriodKind.MONTH, starts=[period.start], kpis=HOME_KPIS)
    guard = guard_of(scope.centre, rows)
    by_kpi = {row.kpi: row for row in rows if _in_scope(row, scope)}
    cells = [guard.cell(BY_KEY[key], by_kpi.get(key)) for key in HOME_KPIS]
    return {"kpi_home": HomeKpis(scope, period, *cells)}
