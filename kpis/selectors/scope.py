"""What the leaders' pages are about: the labels, the period (a week or a month) and the
scope (the job centre or one team)."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from accounts.models import Role, User
from centres.models import JobCentre, Team
from kpis.definitions import COUNT, PER_WEEK, PERCENT, SCORE
from kpis.models import Level, PeriodKind, Snapshot
from kpis.periods import DEFAULT_COUNT

if TYPE_CHECKING:  # both are written beside this module and imported where used
    from kpis.periods import Period


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
