"""Reads of observations, scoped through the policy: an observation is seen by the observed
consultant and the observer only. Conversations are read with their topic and room, never
with the citizen."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import Role, User
from booking.models import Booking
from booking.models import Status as BookingStatus
from centres.models import JobCentre, Team
from learning.models import Observation, ObservationStatus
from learning.services.observations import (
    NOT_HELD,
    OBSERVER_ROLES,
    REQUEST_WEEKS_AHEAD,
)


def observations_visible_to(user: User) -> QuerySet[Observation]:
    if not policy.can(user, "learning.use"):
        return Observation.objects.none()
    return Observation.objects.filter(
        Q(observed=user) | Q(observer=user), booking__job_centre_id=user.job_centre_id
    )


def _full(qs: QuerySet[Observation]) -> QuerySet[Observation]:
    return qs.select_related("booking__topic", "booking__room", "observed", "observer", "technique")


def observation_get(*, user: User, pk: int) -> Observation:
    """The observation if `user` is its observed consultant or observer, else 404."""
    return get_object_or_404(_full(observations_visible_to(user)), pk=pk)


def bookings_to_observe(*, user: User, now: datetime) -> QuerySet[Booking]:
    """The user's own coming conversations of the next weeks, which a colleague may observe."""
    return (
        Booking.objects.filter(
            consultant=user,
            job_centre_id=user.job_centre_id,
            status=BookingStatus.BOOKED,
            start__gt=now,
            start__lte=now + timedelta(weeks=REQUEST_WEEKS_AHEAD),
        )
        .select_related("topic", "room")
        .order_by("start")
    )


def observer_choices(*, user: User) -> QuerySet[User]:
    """Who may observe the user: their team leader first, then their team colleagues, then the
    rest of the job centre's consultants and team leaders who train the method."""
    return (
        User.objects.filter(
            job_centre_id=user.job_centre_id,
            role__in=OBSERVER_ROLES,
            is_active=True,
            team__isnull=False,
        )
        .exclude(pk=user.pk)
        .select_related("team")
        .annotate(
            closeness=Case(
                When(team_id=user.team_id, role=Role.TEAM_LEADER, then=Value(0)),
                When(team_id=user.team_id, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("closeness", "name", "pk")
    )


@dataclass(frozen=True)
class Step:
    """What the user is to do next with an observation (`url` empty: nothing, just wait)."""

    label: str
    url: str = ""
    waiting: bool = False


def _url(name: str, observation: Observation, anchor: str = "") -> str:
    return reverse(f"learning:{name}", args=[observation.pk]) + anchor


def next_step(observation: Observation, *, user: User, now: datetime) -> Step | None:
    """The next thing for `user` (the observed or the observer) to do, or to wait for."""
    status = observation.status
    booking = observation.booking
    if observation.observed_id == user.pk:
        if status == ObservationStatus.REQUESTED:
            return Step(_("Waiting for your colleague to answer"), waiting=True)
        if status == ObservationStatus.ACCEPTED and observation.consent_at is None:
            if booking.end > now and booking.status not in NOT_HELD:
                return Step(
                    _("Record the citizen's consent"), _url("observation", observation, "#consent")
                )
            return Step(
                _("Consent was not recorded: cancel the observation"),
                _url("observation", observation, "#cancel"),
            )
        if status == ObservationStatus.ACCEPTED:
            return Step(_("Waiting for feedback"), waiting=True)
        if status == ObservationStatus.FEEDBACK_GIVEN:
            return Step(
                _("Read and acknowledge the feedback"),
                _url("observation", observation, "#feedback"),
            )
        return None
    if observation.observer_id == user.pk:
        if status == ObservationStatus.REQUESTED and booking.start > now:
            return Step(_("Accept or decline"), _url("observation", observation, "#answer"))
        if status == ObservationStatus.ACCEPTED:
            if observation.consent_at is None:
                return Step(_("Waiting for the citizen's consent"), waiting=True)
            if booking.start > now:
                return Step(_("Sit in on the conversation"), waiting=True)
            if booking.status not in NOT_HELD:
                return Step(_("Give feedback"), _url("observation_feedback", observation))
        if status == ObservationStatus.FEEDBACK_GIVEN:
            return Step(_("Waiting for your colleague to read the feedback"), waiting=True)
    return None


@dataclass
class Row:
    observation: Observation
    step: Step | None


def observation_lists(*, user: User, now: datetime) -> dict[str, list[Row]]:
    """The user's observations in two lists, "observed" (I am observed) and "observing" (I
    observe), the coming conversations first, each with the next step for the user."""
    observed: list[Row] = []
    observing: list[Row] = []
    for observation in _full(observations_visible_to(user)).order_by("-booking__start", "-pk"):
        row = Row(observation, next_step(observation, user=user, now=now))
        (observed if observation.observed_id == user.pk else observing).append(row)
    return {"observed": observed, "observing": observing}


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def my_feedback_counts(*, user: User, today: date) -> dict[str, int]:
    """Feedback the user has given and received this month and this year, in one query."""
    month = _day_start(today.replace(day=1))
    year = _day_start(today.replace(month=1, day=1))
    counts = Observation.objects.filter(
        Q(observed=user) | Q(observer=user), feedback_at__gte=year
    ).aggregate(
        given_year=Count("pk", filter=Q(observer=user)),
        given_month=Count("pk", filter=Q(observer=user, feedback_at__gte=month)),
        received_year=Count("pk", filter=Q(observed=user)),
        received_month=Count("pk", filter=Q(observed=user, feedback_at__gte=month)),
    )
    return {key: value or 0 for key, value in counts.items()}


@dataclass(frozen=True)
class FeedbackCount:
    consultant: User
    given: int
    received: int


def _feedback_between(field: str, since: datetime, until: datetime) -> Coalesce:
    counted = (
        Observation.objects.filter(
            **{field: OuterRef("pk")}, feedback_at__gte=since, feedback_at__lt=until
        )
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def feedback_counts(
    *,
    job_centre: JobCentre | None = None,
    team: Team | None = None,
    since: date,
    until: date,
) -> list[FeedbackCount]:
    """Feedback given (as observer) and received (as observed) per consultant and team leader
    of `team` (or of `job_centre`), counted by the day it was given, `since` to `until` both
    included. One query; everyone active is listed, with 0 where there was none. For the
    team's targets (måltal)."""
    if (job_centre is None) == (team is None):
        raise ValueError("Give either job_centre or team.")
    people = User.objects.filter(role__in=OBSERVER_ROLES, is_active=True)
    people = people.filter(team=team) if team is not None else people.filter(job_centre=job_centre)
    start, end = _day_start(since), _day_start(until + timedelta(days=1))
    rows = (
        people.annotate(
            given=_feedback_between("observer", start, end),
            received=_feedback_between("observed", start, end),
        )
        .select_related("team")
        .order_by("name", "pk")
    )
    return [FeedbackCount(consultant=u, given=u.given, received=u.received) for u in rows]


def home_observations(*, user: User, today: date, now: datetime | None = None) -> dict:
    """For the consultant's home page: what waits for the user (requests to answer, consents
    to record, feedback to give, feedback to read) and the next observation they take part in.
    Rendered by learning/observations/_home.html."""
    now = now or timezone.now()
    if not policy.can(user, "learning.use"):
        return {
            "observations_waiting": [],
            "observations_next": None,
            "observations_counts": {},
            "observations_on": False,
        }
    open_ones = _full(
        observations_visible_to(user).filter(
            status__in=[
                ObservationStatus.REQUESTED,
                ObservationStatus.ACCEPTED,
                ObservationStatus.FEEDBACK_GIVEN,
            ]
        )
    ).order_by("booking__start", "pk")
    waiting: list[Row] = []
    coming = None
    for observation in open_ones:
        step = next_step(observation, user=user, now=now)
        if step is not None and step.url:
            waiting.append(Row(observation, step))
        if (
            coming is None
            and observation.status == ObservationStatus.ACCEPTED
            and observation.booking.start > now
        ):
            coming = observation
    return {
        "observations_waiting": waiting,
        "observations_next": coming,
        "observations_counts": my_feedback_counts(user=user, today=today),
        "observations_on": True,
    }
