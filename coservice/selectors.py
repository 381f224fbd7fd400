"""Reads: the running session of a helper, a citizen's own sessions, the leaders' figure."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import User
from booking.models import Booking
from centres.models import HelpPlace, JobCentre
from common.small_numbers import protect
from coservice.models import CoServiceChange, CoServiceSession

_RELATED = ("job_centre", "place", "helper", "citizen__user")


def running_session(*, helper: User, pk: int) -> CoServiceSession | None:
    return CoServiceSession.objects.select_related(*_RELATED).filter(pk=pk, helper=helper).first()


def places_of(helper: User) -> QuerySet[HelpPlace]:
    """The active places of the helper's own job centre where they give co-service."""
    return HelpPlace.objects.filter(
        helpers=helper, job_centre_id=helper.job_centre_id, active=True
    ).prefetch_related("hours")


def own_running(*, user: User, now: datetime) -> list[CoServiceSession]:
    """The citizen's sessions that still run: not ended, before closing, not idle."""
    citizen = user.citizen
    idle = timedelta(minutes=citizen.job_centre.coservice_idle_minutes)
    return list(
        CoServiceSession.objects.select_related(*_RELATED).filter(
            citizen=citizen, ended_at__isnull=True, closes_at__gt=now, last_seen_at__gt=now - idle
        )
    )


#: The citizen's page lists what was done with help over this many days.
HISTORY_DAYS = 90


def helped_since(*, citizen_id: int, since: datetime) -> list[CoServiceSession]:
    """The citizen's sessions since `since` in which they changed something, newest first, each
    with its changes (where, by whom, what). Two queries."""
    return list(
        CoServiceSession.objects.select_related("place", "helper")
        .filter(citizen_id=citizen_id, started_at__gte=since, changes__isnull=False)
        .distinct()
        .prefetch_related("changes")
    )


def own_history(*, user: User, now: datetime) -> list[CoServiceSession]:
    """The citizen's own: what they changed with help in the last 90 days."""
    return helped_since(citizen_id=user.citizen.pk, since=now - timedelta(days=HISTORY_DAYS))


def own_session_get(*, user: User, public_id) -> CoServiceSession:
    session = get_object_or_404(
        CoServiceSession.objects.select_related(*_RELATED), public_id=public_id
    )
    policy.require(user, "coservice.end_own", session)
    return session


@dataclass(frozen=True)
class PlaceFigure:
    place: HelpPlace
    sessions: int
    citizens: int | str
    bookings: int
    #: Sessions in which the citizen changed a part (ChangeArea value -> sessions).
    changed: dict[str, int]


#: The figure covers the last four weeks.
FIGURE_DAYS = 28


def figures(*, centre: JobCentre, now: datetime) -> list[PlaceFigure]:
    """Per help place, the last four weeks: sessions, citizens helped (the small-number rule)
    bookings made in a session (the helper facilitated them while it ran), and sessions in which
    the citizen changed their CV, Joblog or job suggestions. Four queries."""
    since = now - timedelta(days=FIGURE_DAYS)
    sessions = list(
        CoServiceSession.objects.filter(job_centre=centre, started_at__gte=since).only(
            "place_id", "helper_id", "citizen_id", "started_at", "ended_at", "last_seen_at"
        )
    )
    bookings = Booking.objects.filter(
        job_centre=centre,
        created_at__gte=since,
        facilitated_by_id__in={s.helper_id for s in sessions},
    ).values_list("citizen_id", "facilitated_by_id", "created_at")
    by_pair: dict[tuple[int, int], list[CoServiceSession]] = {}
    for s in sessions:
        by_pair.setdefault((s.citizen_id, s.helper_id), []).append(s)
    booked: dict[int, int] = {}
    for citizen_id, helper_id, created_at in bookings:
        for s in by_pair.get((citizen_id, helper_id), []):
            if s.started_at <= created_at <= (s.ended_at or s.last_seen_at):
                booked[s.place_id] = booked.get(s.place_id, 0) + 1
                break
    changed: dict[int, dict[str, int]] = {}
    for place_id, area, count in (
        CoServiceChange.objects.filter(session__job_centre=centre, session__started_at__gte=since)
        .values_list("session__place_id", "area")
        .annotate(n=Count("id"))
        .order_by()
    ):
        changed.setdefault(place_id, {})[area] = count
    threshold = centre.small_number_threshold
    result = []
    by_place: dict[int, list[CoServiceSession]] = {}
    for s in sessions:
        by_place.setdefault(s.place_id, []).append(s)
    for place in HelpPlace.objects.filter(job_centre=centre).order_by("name"):
        own = by_place.get(place.pk, [])
        if not own and not place.active:
            continue
        result.append(
            PlaceFigure(
                place=place,
                sessions=len(own),
                citizens=protect(len({s.citizen_id for s in own}), threshold),
                bookings=booked.get(place.pk, 0),
                changed=changed.get(place.pk, {}),
            )
        )
    return result
