"""The leaders' figures on their home pages."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accounts import policy
from accounts.models import Role, User
from centres.models import Team
from kpis.definitions import BY_KEY
from kpis.models import PeriodKind

if TYPE_CHECKING:  # both are written beside this module and imported where used
    from kpis.periods import Period
from kpis.selectors.cells import Cell, _in_scope, _oldest, centre_rows, guard_of
from kpis.selectors.scope import Scope, own_centre, period_label

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
