"""Reads of sparring weeks and sessions, scoped to the user's team. Colleagues see a case only
by its pseudonym: the shared rows carry no citizen at all, and only the consultant who brought a
citizen gets their own cases with the citizen's name.

The result is counted from the actual course agreements: a case counts when its citizen has a
course approved (and still approved, running or ended) on a day of the event's period."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import Role, User
from centres.models import Team
from citizens.models import Citizen
from courses.models import Course, Kind, Status
from learning.models import MAX_CASES_PER_CONSULTANT, ProgrammeItem, SparringCase, SparringEvent

#: Course statuses that count as an agreement in place (not a draft, awaiting or cancelled).
AGREED_STATUSES = (Status.APPROVED, Status.RUNNING, Status.ENDED)


@dataclass(frozen=True)
class EventResult:
    goal: int
    #: Citizens brought to the event.
    cases: int
    #: Of them, those with a course agreement approved in the period.
    reached: int
    #: case id -> the kind of course agreed (a `courses.models.Kind` value), for counted cases.
    courses: dict[int, str] = field(default_factory=dict)

    @property
    def goal_met(self) -> bool:
        return self.reached >= self.goal

    @property
    def percent(self) -> int:
        """How far towards the goal, 0-100."""
        return min(100, round(self.reached * 100 / self.goal)) if self.goal else 0


@dataclass(frozen=True)
class SharedCase:
    """A case as every member of the team sees it: no name, no CPR, no company."""

    pk: int
    pseudonym: str
    question: str
    course_kind: str

    @property
    def course_label(self) -> str:
        return str(Kind(self.course_kind).label) if self.course_kind else ""


def _agreed_in_period() -> QuerySet[Course]:
    """The courses that make the outer case count (OuterRef: a SparringCase)."""
    return Course.objects.filter(
        citizen_id=OuterRef("citizen_id"),
        status__in=AGREED_STATUSES,
        approved_at__date__gte=OuterRef("event__starts_on"),
        approved_at__date__lte=OuterRef("event__ends_on"),
    )


def _counted(cases: QuerySet[SparringCase]) -> QuerySet[SparringCase]:
    agreed = _agreed_in_period()
    return cases.annotate(
        counted=Exists(agreed),
        course_kind=Subquery(agreed.order_by("approved_at", "pk").values("kind")[:1]),
    )


def event_result(event: SparringEvent) -> EventResult:
    """Goal and result of `event`, with the kind of course per counted case (one query)."""
    courses: dict[int, str] = {}
    total = 0
    for case in _counted(SparringCase.objects.filter(event=event)).only("pk"):
        total += 1
        if getattr(case, "counted", False):
            courses[case.pk] = getattr(case, "course_kind", "")
    return EventResult(goal=event.goal_count, cases=total, reached=len(courses), courses=courses)


def results_of(events: list[SparringEvent]) -> dict[int, EventResult]:
    """`event_result` for many events at once (one query)."""
    rows = (
        _counted(SparringCase.objects.filter(event__in=events))
        .values("event_id")
        .annotate(cases=Count("pk"), reached=Count("pk", filter=Q(counted=True)))
        .order_by()
    )
    found = {row["event_id"]: (row["cases"], row["reached"]) for row in rows}
    return {
        event.pk: EventResult(
            goal=event.goal_count,
            cases=found.get(event.pk, (0, 0))[0],
            reached=found.get(event.pk, (0, 0))[1],
        )
        for event in events
    }


def bringers_of(team: Team) -> QuerySet[User]:
    """The team's active job consultants: those who bring citizens."""
    return User.objects.filter(team=team, role=Role.JOB_CONSULTANT, is_active=True)


def events_visible_to(user: User) -> QuerySet[SparringEvent]:
    """The events of the user's own team (the learning group), none for anyone else."""
    if not policy.can(user, "learning.use") or user.team_id is None:
        return SparringEvent.objects.none()
    return SparringEvent.objects.filter(
        team_id=user.team_id, team__job_centre_id=user.job_centre_id
    )


@dataclass(frozen=True)
class EventRow:
    event: SparringEvent
    result: EventResult
    state: str  # "coming", "running" or "over"


def _state(event: SparringEvent, today: date) -> str:
    if today < event.starts_on:
        return "coming"
    return "over" if event.ends_on < today else "running"


def event_list(*, user: User, today: date) -> list[EventRow]:
    events = list(events_visible_to(user).order_by("-starts_on", "-pk"))
    results = results_of(events)
    return [EventRow(e, results[e.pk], _state(e, today)) for e in events]


def event_get(*, user: User, pk: int) -> SparringEvent:
    """The event if it is the user's team's, else 404."""
    return get_object_or_404(events_visible_to(user).select_related("team"), pk=pk)


def programme_of(event: SparringEvent) -> list[ProgrammeItem]:
    return list(event.programme.order_by("day", "pk"))


def programme_item_get(*, event: SparringEvent, pk: int) -> ProgrammeItem:
    return get_object_or_404(ProgrammeItem, event=event, pk=pk)


def _by_number(case) -> tuple:
    tail = case.pseudonym.rsplit(" ", 1)[-1]
    return (int(tail) if tail.isdigit() else 0, case.pseudonym)


def shared_cases(
    *, event: SparringEvent, result: EventResult
) -> list[tuple[User, list[SharedCase]]]:
    """Every consultant of the team (and anyone else who brought a citizen) with their cases,
    as pseudonyms only."""
    cases = list(
        SparringCase.objects.filter(event=event).only(
            "pk", "pseudonym", "question", "consultant_id"
        )
    )
    consultants = {u.pk: u for u in bringers_of(event.team)}
    missing = {c.consultant_id for c in cases} - consultants.keys()
    consultants.update({u.pk: u for u in User.objects.filter(pk__in=missing)})
    grouped: dict[int, list[SharedCase]] = {pk: [] for pk in consultants}
    for case in sorted(cases, key=_by_number):
        grouped[case.consultant_id].append(
            SharedCase(
                pk=case.pk,
                pseudonym=case.pseudonym,
                question=case.question,
                course_kind=result.courses.get(case.pk, ""),
            )
        )
    people = sorted(consultants.values(), key=lambda u: u.name)
    return [(person, grouped[person.pk]) for person in people]


def own_cases(*, event: SparringEvent, user: User) -> list[SparringCase]:
    """The user's own cases with their citizens (names shown to this consultant only)."""
    return sorted(
        SparringCase.objects.filter(event=event, consultant=user).select_related("citizen__user"),
        key=_by_number,
    )


def own_case_get(*, event: SparringEvent, user: User, pk: int) -> SparringCase:
    """One of the user's own cases in `event`, else 404."""
    return get_object_or_404(
        SparringCase.objects.select_related("event"), event=event, consultant=user, pk=pk
    )


def citizens_to_bring(*, user: User, event: SparringEvent) -> QuerySet[Citizen]:
    """The user's own citizens (in their job centre) not yet brought to `event`."""
    return (
        policy.visible_to(user, "citizens")
        .filter(responsible_consultant=user)
        .exclude(sparring_cases__event=event)
        .select_related("user")
        .order_by("user__name", "pk")
    )


def home_sparring(*, user: User, today: date) -> dict:
    """For the home page: the team's running week or session, or the next one coming, with its
    goal and result and how many citizens the user has brought."""
    event = events_visible_to(user).filter(ends_on__gte=today).order_by("starts_on", "pk").first()
    if event is None:
        return {"event": None}
    mine = SparringCase.objects.filter(event=event, consultant=user).count()
    return {
        "event": event,
        "result": event_result(event),
        "running": event.starts_on <= today,
        "mine": mine,
        "max_cases": MAX_CASES_PER_CONSULTANT,
        "can_bring": policy.can(user, "sparring.bring", event),
    }
