"""Reads for guests of the method: the team's guests, a guest's own accesses."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from learning.models import GuestAccess, Observation, SparringEvent

_RELATED = (
    "guest",
    "observation__booking__topic",
    "observation__observed",
    "observation__observer",
    "observation__technique",
    "sparring_event",
)


def team_guests(*, team_id: int) -> QuerySet[GuestAccess]:
    return GuestAccess.objects.filter(team_id=team_id).select_related(*_RELATED)


def own_accesses(*, guest: User) -> QuerySet[GuestAccess]:
    return GuestAccess.objects.filter(guest=guest).select_related(*_RELATED)


def own_access_get(*, guest: User, public_id) -> GuestAccess:
    """The guest's own access (else 404: another's is not even said to exist)."""
    return get_object_or_404(own_accesses(guest=guest), public_id=public_id)


def team_access_get(*, team_id: int, public_id) -> GuestAccess:
    return get_object_or_404(GuestAccess, team_id=team_id, public_id=public_id)


def invitable_observations(*, team_id: int) -> QuerySet[Observation]:
    return (
        Observation.objects.filter(observed__team_id=team_id)
        .select_related("booking__topic", "observed")
        .order_by("-booking__start")
    )


def invitable_events(*, team_id: int) -> QuerySet[SparringEvent]:
    return SparringEvent.objects.filter(team_id=team_id).order_by("-starts_on")
