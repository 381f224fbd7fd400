"""What learning adds to the policy (registered by LearningConfig.ready()): who invites guests of
the method, and what a guest reaches: exactly the observation or sparring event of their own,
unexpired access."""

from typing import Any

from accounts import policy
from accounts.models import Role, User


def _team_of(obj: Any) -> int | None:
    """The team an observation (the observed consultant's), a sparring event or a guest access
    belongs to."""
    if hasattr(obj, "observed"):
        return obj.observed.team_id
    return obj.team_id


def _invites(user: User, obj: Any) -> bool:
    """The team leader of the observation's, the event's or the access's team."""
    return policy.can(user, "learning.lead") and _team_of(obj) == user.team_id


def _guest_of(user: User, access: Any) -> bool:
    return (
        getattr(user, "role", None) == Role.GUEST and access.guest_id == user.pk and access.is_open
    )


RULES = {"learning.invite_guest": _invites, "learning.guest_view": _guest_of}
