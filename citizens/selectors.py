"""Reads of citizens' profiles, always scoped by the policy."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import User
from citizens.identifiers import cpr_hash, cpr_looks_like
from citizens.models import Citizen


def citizen_list(*, user: User, mine_only: bool = False) -> QuerySet[Citizen]:
    qs = policy.visible_to(user, "citizens").select_related("user", "responsible_consultant")
    if mine_only:
        qs = qs.filter(responsible_consultant=user)
    return qs.order_by("user__name", "id")


def citizen_search(*, user: User, query: str) -> QuerySet[Citizen]:
    """A CPR number finds by keyed hash (never by clear text); anything else searches names."""
    qs = citizen_list(user=user)
    query = query.strip()
    if cpr_looks_like(query):
        try:
            return qs.filter(cpr_hash=cpr_hash(query))
        except ValidationError:  # an invalid CPR number matches nobody
            return qs.none()
    return qs.filter(user__name__icontains=query)


def citizen_get(*, user: User, public_id) -> Citizen:
    """The citizen with `public_id` if the policy lets `user` reach them, else 404."""
    return get_object_or_404(
        policy.visible_to(user, "citizens").select_related(
            "user", "job_centre", "responsible_consultant"
        ),
        public_id=public_id,
    )


def citizen_of_user(*, user: User) -> Citizen:
    citizen = Citizen.objects.select_related("job_centre", "responsible_consultant").get(user=user)
    user.citizen = citizen  # the user's own `citizen`, read again by the policy, is this one
    return citizen
