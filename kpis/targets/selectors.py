"""Targets read: those in force, of a centre, visible to a user, and their progress from the
stored MONTH snapshots."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q
from django.http import Http404

from accounts import policy
from centres.models import JobCentre
from common.small_numbers import DEFAULT_THRESHOLD, MIN_CONSULTANTS, hidden_text, is_small, suppress
from kpis.definitions import BY_KEY, COUNT, KPIS, Kpi, combined
from kpis.models import Level, PeriodKind, Snapshot, Target
from kpis.targets.display import format_value, scope_label, target_shown

_ORDER = {kpi.key: index for index, kpi in enumerate(KPIS)}


def _sorted(targets) -> list[Target]:
    return sorted(
        targets,
        key=lambda t: (
            _ORDER.get(t.kpi, len(_ORDER)),
            t.team is not None,
            t.team.name if t.team else "",
            t.starts_on,
        ),
    )


def targets_in_force(*, job_centre: JobCentre, on: dt.date) -> list[Target]:
    """The centre's targets whose period includes `on`, in the registry's order."""
    return _sorted(
        Target.objects.filter(
            job_centre=job_centre, starts_on__lte=on, ends_on__gte=on
        ).select_related("team")
    )


def targets_of_centre(*, job_centre: JobCentre) -> list[Target]:
    """All of the centre's targets: in force, coming and past."""
    return _sorted(Target.objects.filter(job_centre=job_centre).select_related("team"))


def targets_visible_to(*, user, job_centre: JobCentre) -> list[Target]:
    """The centre's targets the user may follow: a team leader sees the centre's own and their
    team's (policy "kpi.team"), managers and administrators every team's."""
    return [
        target
        for target in targets_of_centre(job_centre=job_centre)
        if target.team is None or policy.can(user, "kpi.team", target.team)
    ]


def figures_computed_at(*, job_centre: JobCentre) -> dt.datetime | None:
    """When the centre's figures were last computed (shown beside them)."""
    return (
        Snapshot.objects.filter(job_centre=job_centre, period_kind=PeriodKind.MONTH)
        .aggregate(at=Max("computed_at"))
        .get("at")
    )


def target_get(*, user, pk: int) -> Target:
    """A target of the user's own job centre, or 404 (another centre's targets do not exist
    for them)."""
    target = (
        Target.objects.filter(pk=pk, job_centre_id=user.job_centre_id)
        .select_related("team", "job_centre")
        .first()
    )
    if target is None or user.job_centre_id is None:
        raise Http404
    return target


def _scope_matches(row: Snapshot, target: Target) -> bool:
    if target.team_id:
        return row.level == Level.TEAM and row.team_id == target.team_id
    return row.level == Level.CENTRE


def target_values(targets: list[Target]) -> list[tuple[float | None, int]]:
    """(value, base) of each target over its scope and period, from the month snapshots that
    overlap the period (partial months at the edges count whole), in one query."""
    return [(value, base) for value, base, _hidden in _target_figures(targets)]


def _target_figures(
    targets: list[Target], threshold: int = DEFAULT_THRESHOLD
) -> list[tuple[float | None, int, bool]]:
    """(value, base, hidden) of each target. `hidden`: its figure may not be shown, because it
    rests on fewer than 2 consultants (satisfaction), or because the centre's figure over the
    same months minus the other teams' would give a small team figure away
    (`common.small_numbers`, over every team of the centre)."""
    targets = list(targets)
    if not targets:
        return []
    query = Snapshot.objects.filter(
        job_centre_id__in={t.job_centre_id for t in targets},
        kpi__in={t.kpi for t in targets},
        period_kind=PeriodKind.MONTH,
        period_start__lte=max(t.ends_on for t in targets),
        period_end__gte=min(t.starts_on for t in targets),
    ).filter(Q(level=Level.CENTRE) | Q(level=Level.TEAM))
    rows = list(
        query.only(
            "job_centre_id",
            "kpi",
            "level",
            "team_id",
            "period_start",
            "period_end",
            "numerator",
            "denominator",
            "base",
            "consultants",
        )
    )
    values = []
    for target in targets:
        months = [
            row
            for row in rows
            if row.job_centre_id == target.job_centre_id
            and row.kpi == target.kpi
            and row.period_start <= target.ends_on
            and row.period_end >= target.starts_on
        ]
        mine = [row for row in months if _scope_matches(row, target)]
        value, base = _combined(target, mine)
        values.append((value, base, _hidden(target, months, threshold)))
    return values


def _hidden(target: Target, months: list[Snapshot], threshold: int) -> bool:
    """Whether the target's combined figure is hidden, judged on the centre and every team over
    the target's months as one line of a table (each scope's base: the largest month's)."""
    kpi = BY_KEY.get(target.kpi)
    if kpi is None or not kpi.protected:
        return False
    bases: dict[int | None, int] = {}
    people: dict[int | None, int] = {}
    for row in months:
        scope = row.team_id if row.level == Level.TEAM else None
        bases[scope] = max(bases.get(scope, 0), row.base)
        people[scope] = max(people.get(scope, 0), row.consultants or 0)
    few = [
        scope
        for scope, base in bases.items()
        if kpi.several_consultants and base and people[scope] < MIN_CONSULTANTS
    ]
    values: dict[object, int] = {("team", k): n for k, n in bases.items() if k is not None}
    values["centre"] = bases.get(None, 0)
    hidden = suppress(
        values,
        [([key for key in values if key != "centre"], "centre")],
        threshold=threshold,
        hidden=[("team", k) if k is not None else "centre" for k in few],
    )
    return (("team", target.team_id) if target.team_id else "centre") in hidden


def _combined(target: Target, rows: list[Snapshot]) -> tuple[float | None, int]:
    kpi = BY_KEY.get(target.kpi)
    if kpi is None or not rows:
        return None, 0
    value, base = combined(kpi, rows)
    if kpi.unit == COUNT and value is not None:
        value = value / len(rows)  # a count's target is per month: the average month
    return value, base


def target_value(target: Target) -> tuple[float | None, int]:
    """(value, base) of the KPI over the target's scope and period; see `target_values`."""
    return target_values([target])[0]


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    value: float | None
    base: int
    #: None when there is no figure, or it is hidden (`common.small_numbers`).
    reached: bool | None
    #: The figure as a percentage of the target (over 100 is above it, also for a ceiling).
    share_of_target: float | None
    shown: str
    hidden: bool = False

    @property
    def kpi(self) -> Kpi:
        return BY_KEY[self.target.kpi]

    @property
    def target_shown(self) -> str:
        return target_shown(self.target)

    @property
    def scope(self) -> str:
        return scope_label(self.target)

    @property
    def bar(self) -> int | None:
        """0-100 for a progress bar towards a target to reach (not for a ceiling)."""
        if self.share_of_target is None or not self.kpi.higher_is_better:
            return None
        return max(0, min(100, round(self.share_of_target)))


def progress(
    target: Target,
    *,
    value: float | None,
    base: int,
    threshold: int = DEFAULT_THRESHOLD,
    hidden: bool = False,
) -> TargetProgress:
    """How far `value` (built on `base` citizens or answers) is from the target. A protected
    figure on fewer than the centre's threshold is shown as "< 5", one hidden for another
    reason as "hidden", and the value of neither is passed on."""
    from kpis.selectors import HIDDEN

    kpi = BY_KEY[target.kpi]
    small = kpi.protected and is_small(base, threshold)
    if small or (kpi.protected and hidden and base > 0):
        shown = hidden_text(threshold) if small else str(HIDDEN)
        return TargetProgress(target, None, base, None, None, shown, hidden=True)
    if value is None or (kpi.protected and base < threshold):
        return TargetProgress(target, value, base, None, None, format_value(kpi, value))
    goal = float(target.value)
    rounded = round(value, 1)  # what the page shows is what is compared
    return TargetProgress(
        target=target,
        value=value,
        base=base,
        reached=rounded >= goal if kpi.higher_is_better else rounded <= goal,
        share_of_target=value / goal * 100 if goal else None,
        shown=format_value(kpi, value),
    )


def targets_progress(targets: list[Target], *, job_centre: JobCentre) -> list[TargetProgress]:
    """Each target of `job_centre` with its progress, with one query for all of them."""
    threshold = job_centre.small_number_threshold
    return [
        progress(target, value=value, base=base, threshold=threshold, hidden=hidden)
        for target, (value, base, hidden) in zip(
            targets, _target_figures(targets, threshold), strict=True
        )
    ]
