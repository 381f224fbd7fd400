"""Reads of the citizens' evaluations.

A citizen sees which of their own held conversations wait for an answer. Leaders see answers
only as aggregates over their own job centre: the centre as a whole and, for a team leader,
their own team, for a manager every team. A figure is shown only when it rests on at least the
centre's small-number threshold of answers and on at least MIN_CONSULTANTS job consultants and
team leaders, so it is never one consultant's figure, and only when it does not follow from the
centre's figure minus the other teams' (`common.small_numbers`). Comments are shown in batches
of whole, ended weeks holding at least the threshold of answers together; nothing is ever shown
per conversation or per consultant, nor with a date or time of day."""

from collections import Counter
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
from common.small_numbers import DEFAULT_THRESHOLD, MIN_CONSULTANTS, hidden_text, suppress
from evaluations.models import Evaluation
from evaluations.rules import DEFAULT_PERIOD_DAYS, EVALUATION_DAYS, SATISFIED_FROM

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


#: The key of the whole centre in the line of teams `common.small_numbers.suppress` checks.
_CENTRE = "centre"


def threshold_of(user: User) -> int:
    """The fewest answers a figure of the user's job centre may rest on."""
    return user.job_centre.small_number_threshold if user.job_centre else DEFAULT_THRESHOLD


def _hidden(groups: dict[int | None, _Group], centre: _Group, threshold: int) -> set:
    """The teams (None: the consultants without a team, never shown on their own) and the
    centre whose figures may not be shown: too few answers, fewer than MIN_CONSULTANTS people,
    or one that would follow from the centre's figure minus the other teams'."""
    values: dict[object, int] = {key: group.n for key, group in groups.items()}
    values[_CENTRE] = centre.n
    few: list[object] = [
        key for key, group in groups.items() if group.n and group.staff < MIN_CONSULTANTS
    ]
    if centre.staff < MIN_CONSULTANTS:
        few.append(_CENTRE)
    return suppress(values, [(list(groups), _CENTRE)], threshold=threshold, hidden=few)


def _row(label: str, group: _Group, *, is_centre: bool, threshold: int, words: list[str]) -> Row:
    if group.n == 0:
        return Row(label=label, is_centre=is_centre, answers=0, note=_("No answers yet"))
    if group.n < threshold:
        note = _("%(fewer)s answers") % {"fewer": hidden_text(threshold)}
        return Row(label=label, is_centre=is_centre, note=note)
    if group.staff < MIN_CONSULTANTS:
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


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def released_weeks(
    days: dict[date, int], *, today: date, threshold: int
) -> list[tuple[date, date]]:
    """The spans of whole weeks whose comments may be shown, oldest first: from the week of the
    first answer on, weeks are joined until they hold at least `threshold` answers together.
    The current week is still open and never counts; the newest weeks wait until they hold
    enough. (An evening with one conversation is then never a batch of its own.)"""
    this_week = _monday(today)
    weeks: Counter[date] = Counter()
    for day, n in days.items():
        if _monday(day) < this_week:
            weeks[_monday(day)] += n
    spans: list[tuple[date, date]] = []
    first: date | None = None
    held = 0
    for week in sorted(weeks):
        first = first or week
        held += weeks[week]
        if held >= threshold:
            spans.append((first, week + timedelta(days=6)))
            first, held = None, 0
    return spans


def _words(
    user: User, keys: list, *, first: date, last: date, today: date, threshold: int
) -> dict[object, list[str]]:
    """The comments each of `keys` (team ids, and _CENTRE for all) may show: those of released
    spans of weeks that end in the period, in the order of the answers' random keys. Two
    queries: the answers per team and day, then the comments of the spans."""
    per_day = (
        Evaluation.objects.filter(job_centre_id=user.job_centre_id, answered_on__lt=_monday(today))
        .values("team_id", "answered_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    days: dict[object, Counter[date]] = {key: Counter() for key in keys}
    for row in per_day:
        for key in (_CENTRE, row["team_id"]):
            if key in days:
                days[key][row["answered_on"]] += row["n"]
    spans = {
        key: [
            span
            for span in released_weeks(counts, today=today, threshold=threshold)
            if first <= span[1] <= last
        ]
        for key, counts in days.items()
    }
    out: dict[object, list[str]] = {key: [] for key in keys}
    starts = [span[0] for found in spans.values() for span in found]
    if not starts:
        return out
    texts = (
        Evaluation.objects.filter(
            job_centre_id=user.job_centre_id,
            answered_on__gte=min(starts),
            answered_on__lte=max(span[1] for found in spans.values() for span in found),
        )
        .exclude(words="")
        .order_by("id")
        .values_list("team_id", "answered_on", "words")
    )
    for team_id, day, text in texts:
        for key in (_CENTRE, team_id):
            if key in spans and any(a <= day <= b for a, b in spans[key]):
                out[key].append(text)
    return out


def aggregate(
    *, user: User, first: date, last: date, with_words: bool = True, today: date | None = None
) -> list[Row]:
    """Rows for the user's job centre as a whole and the teams the user may see (a team
    leader their own, a manager all of the centre's), answers from `first` to `last`.

    A team with fewer than MIN_CONSULTANTS job consultants and team leaders gets no row (its
    answers count in the centre's row only). A team row that could be shown is still merged
    into the centre when the centre minus the teams shown would give away a figure that may
    not be shown (too few answers, or one consultant's): decided over every team of the
    centre, whoever looks. Comments come only with a shown row, in released weeks only."""
    if not policy.can(user, "evaluation.aggregate"):
        return []
    threshold = threshold_of(user)
    answers = _answers(user, first, last)
    groups = _groups(user, answers)
    centre = _together(groups.values())
    hidden = _hidden({k: g for k, g in groups.items() if g.n}, centre, threshold)
    visible = policy.visible_to(user, "teams").order_by("name")
    if user.role != Role.MANAGER:
        visible = visible.filter(pk=user.team_id)
    teams = [t for t in visible if t.pk in groups and groups[t.pk].staff >= MIN_CONSULTANTS]
    shown = [t.pk for t in teams if groups[t.pk].n >= threshold and t.pk not in hidden]
    words: dict[object, list[str]] = {}
    centre_shown = centre.n >= threshold and _CENTRE not in hidden
    if with_words and (centre_shown or shown):
        keys = [_CENTRE, *shown] if centre_shown else shown
        words = _words(
            user,
            keys,
            first=first,
            last=last,
            today=today or timezone.localdate(),
            threshold=threshold,
        )
    rows = [
        _row(
            _("The whole job centre"),
            centre,
            is_centre=True,
            threshold=threshold,
            words=words.get(_CENTRE, []),
        )
    ]
    for team in teams:
        group = groups[team.pk]
        if team.pk in shown:
            rows.append(
                _row(
                    team.name,
                    group,
                    is_centre=False,
                    threshold=threshold,
                    words=words.get(team.pk, []),
                )
            )
        elif group.n >= threshold:
            rows.append(
                Row(label=team.name, is_centre=False, note=_("Counted only in the whole centre"))
            )
        else:
            rows.append(_row(team.name, group, is_centre=False, threshold=threshold, words=[]))
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
