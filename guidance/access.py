"""What this app adds to the policy, `accounts.policy`: its rules (registered by
GuidanceConfig.ready()). obj is the job centre whose guides are read or whose notes are edited."""

from typing import Any

from accounts import policy
from accounts.models import Role, User


def _in_centre(user: User, centre: Any) -> bool:
    return user.job_centre_id is not None and user.job_centre_id == getattr(centre, "pk", None)


def _reads_guides(user: User, centre: Any = None) -> bool:
    """Citizens read their own centre's guides; its staff read them too, to hand them out."""
    if centre is None:
        centre = user.job_centre
    return (policy.is_own_citizen(user) or policy.is_staff(user)) and _in_centre(user, centre)


def _edits_notes(user: User, centre: Any) -> bool:
    return policy.is_staff(user) and user.role == Role.ADMINISTRATOR and _in_centre(user, centre)


RULES = {"guidance.read": _reads_guides, "guidance.edit": _edits_notes}
