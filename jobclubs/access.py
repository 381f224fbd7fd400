"""What this app adds to the policy, `accounts.policy`: its rules and its scope (registered by
JobclubsConfig.ready())."""

from typing import Any

from django.db.models import QuerySet

from accounts import policy
from accounts.models import Role, User
from jobclubs.models import JobClub

#: Staff who plan job clubs: job and business consultants and team leaders.
CLUB_ROLES = (Role.JOB_CONSULTANT, Role.BUSINESS_CONSULTANT, Role.TEAM_LEADER)


def _centre_id(obj: Any) -> int | None:
    return obj.job_centre_id if hasattr(obj, "job_centre_id") else getattr(obj, "pk", None)


def _plans_clubs(user: User, obj: Any = None) -> bool:
    """`obj` is a job club or the job centre a new one is for."""
    return (
        policy.is_staff(user)
        and user.role in CLUB_ROLES
        and (obj is None or _centre_id(obj) == user.job_centre_id)
    )


def _books_seat(user: User, club: Any = None) -> bool:
    """A citizen books a seat in a club of their own job centre (`club` may be the centre)."""
    return policy.is_own_citizen(user) and (
        club is None or _centre_id(club) == user.citizen.job_centre_id
    )


def job_clubs_visible_to(user: User) -> QuerySet[JobClub]:
    """The job clubs of the user's job centre, for its staff and its citizens."""
    if policy.is_staff(user):
        return JobClub.objects.filter(job_centre_id=user.job_centre_id)
    if policy.is_own_citizen(user):
        return JobClub.objects.filter(job_centre_id=user.citizen.job_centre_id)
    return JobClub.objects.none()


RULES = {"jobclub.plan": _plans_clubs, "jobclub.book": _books_seat}
SCOPES = {"job_clubs": job_clubs_visible_to}
