"""Reads of the citizens' evaluations.

A citizen sees which of their own held conversations wait for an answer. Leaders see answers
only as aggregates over their own job centre: the centre as a whole and, for a team leader,
their own team, for a manager every team. A figure is shown only when it rests on at least
MIN_ANSWERS answers and on at least MIN_TEAM_STAFF job consultants and team leaders, so it is
never one consultant's figure; nothing is ever shown per conversation or per consultant."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import Role, User
from booking.models import Booking, Status
from citizens.models import Citizen
from evaluations.models import Evaluation
from evaluations.rules import (
    DEFAULT_PERIOD_DAYS,
    EVALUATION_DAYS,
    MIN_ANSWERS,
    MIN_TEAM_STAFF,
    SATISFIED_FROM,
)

#: At most this many comments are shown per row, a random choice (the answers' keys are random).
WORDS_SHOWN = 100

CONVERSATION_ROLES = (Role.JOB_CONSULTANT, Role.TEAM_LEADER)


def pending_for(citizen: Citizen, today: date | None = None) -> list[Booking]:
    """The citizen's held conversations that can still be evaluated and are not yet (newest
    first), in one query."""
    today = today or timezone.localdate()
    opens_from = datetime.combine(
        today - timedelta(days=EVALUATION_DAYS),
        datetime.min.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    return list(
        Booking.objects.filter(
            citizen=citizen,
            status=Status.HELD,
            start__gte=opens_from,
            evaluation_receipt__isnull=True,
        )
        .select_related("topic")
        .order_by("-start")
    )


@dataclass(frozen=True)
class Row:
    """One line of the overview. When its figures may not be shown, they are None and `note`
    says why; then there is nothing else in the row to show by mistake."""

    label: str
    is_centre: bool
    answers: int | None = None
    average: float | None = None
    satisfied_percent: int | None = None
    words: list[str] = field(default_factory=list)
    words_total: int = 0
    note: str = ""

    @property
    def shown(self) -> bool:
        return bool(self.answers)


@dataclass
class _Group:
    """The answers about one team's conversations (team None: a consultant without a team),
    and how many job consultants and team leaders the team has now."""

    n: int = 0
    total: int = 0
    satisfied: int = 0
    staff: int = 0


def _answers(user: User, first: date, last: date) -> QuerySet[Evaluation]:
    """The answers of the user's own job centre in the period: the only scope there is."""
    return Evaluation.objects.filter(
        job_centre_id=user.job_centre_id, answered_on__gte=first, answered_on__lte=last
    )


def _groups(user: User, answers: QuerySet[Evaluation]) -> dict[int | None, _Group]:
    groups: dict[int | None, _Group] = {}
    stats = (
        answers.values("team_id")
        .annotate(
            n=Count("id"),
            total=Sum("score"),
            satisfied=Count("id", filter=Q(score__gte=SATISFIED_FROM)),
        )
        .order_by()
    )
    for row in stats:
        groups[row["team_id"]] = _Group(n=row["n"], total=row["total"], satisfied=row["satisfied"])
    staff = (
        policy.staff_visible_to(user)
        .filter(is_active=True, role__in=CONVERSATION_ROLES)
        .values("team_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in staff:
        groups.setdefault(row["team_id"], _Group()).staff = row["n"]
    return groups


def _together(groups: Iterable[_Group]) -> _Group:
    """Groups as one; only groups with answers count people, each at least one (the answers
    about consultants without a team come from at least one person)."""
    groups = list(groups)
    return _Group(
        n=sum(g.n for g in groups),
        total=sum(g.total for g in groups),
        satisfied=sum(g.satisfied for g in groups),
        staff=sum(max(g.staff, 1) for g in groups if g.n),
    )


def _may_show(group: _Group) -> bool:
    return group.n >= MIN_ANSWERS and group.staff >= MIN_TEAM_STAFF


def _row(label: str, group: _Group, *, is_centre: bool, words: list[str]) -> Row:
    if group.n == 0:
        return Row(label=label, is_centre=is_centre, answers=0, note=_("No answers yet"))
    if group.n < MIN_ANSWERS:
        return Row(label=label, is_centre=is_centre, note=_("< 5 answers"))
    if group.staff < MIN_TEAM_STAFF:
        return Row(label=label, is_centre=is_centre, note=_("Too few consultants to show"))
    return Row(
        label=label,
        is_centre=is_centre,
        answers=group.n,
        average=round(group.total / group.n, 1),
        satisfied_percent=round(100 * group.satisfied / group.n),
        words=words[:WORDS_SHOWN],
        words_total=len(words),
    )


def aggregate(*, user: User, first: date, last: date, with_words: bool = True) -> list[Row]:
    """Rows for the user's job centre as a whole and the teams the user may see (a team
    leader their own, a manager all of the centre's), answers from `first` to `last`.

    A team with fewer than MIN_TEAM_STAFF job consultants and team leaders gets no row (its
    answers count in the centre's row only). A team row that could be shown is still merged
    into the centre when the answers outside the shown teams would be too few, or from too
    few people, to hide among, since the centre minus the teams would give their figure.
    Comments come only with a shown row, in the order of the answers' random keys."""
    if not policy.can(user, "evaluation.aggregate"):
        return []
    answers = _answers(user, first, last)
    groups = _groups(user, answers)
    visible = policy.teams_visible_to(user).order_by("name")
    if user.role != Role.MANAGER:
        visible = visible.filter(pk=user.team_id)
    teams = [t for t in visible if t.pk in groups and groups[t.pk].staff >= MIN_TEAM_STAFF]
    shown = [t for t in teams if _may_show(groups[t.pk])]
    while shown:
        rest = _together(g for k, g in groups.items() if k not in {t.pk for t in shown})
        if rest.n == 0 or _may_show(rest):
            break
        shown.remove(min(shown, key=lambda t: (groups[t.pk].n, t.name)))

    centre = _together(groups.values())
    everyone: list[str] = []
    by_team: dict[int | None, list[str]] = {}
    if with_words and _may_show(centre):
        texts = answers.exclude(words="").order_by("id").values_list("team_id", "words")
        for team_id, text in texts:
            everyone.append(text)
            by_team.setdefault(team_id, []).append(text)
    rows = [_row(_("The whole job centre"), centre, is_centre=True, words=everyone)]
    for team in teams:
        group = groups[team.pk]
        if team in shown:
            rows.append(_row(team.name, group, is_centre=False, words=by_team.get(team.pk, [])))
        elif _may_show(group):
            rows.append(
                Row(label=team.name, is_centre=False, note=_("Counted only in the whole centre"))
            )
        else:
            rows.append(_row(team.name, group, is_centre=False, words=[]))
    return rows


def period(days: int, today: date | None = None) -> tuple[date, date]:
    """The last `days` days, today included."""
    today = today or timezone.localdate()
    return today - timedelta(days=days - 1), today


def home_summary(*, user: User) -> dict:
    """For a leader's home page: the figures of the default period, without comments."""
    first, last = period(DEFAULT_PERIOD_DAYS)
    return {
        "evaluation_rows": aggregate(user=user, first=first, last=last, with_words=False),
        "evaluation_days": DEFAULT_PERIOD_DAYS,
    }
