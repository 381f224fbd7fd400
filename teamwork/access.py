"""What this app adds to the policy (registered by TeamworkConfig.ready()). Every rule takes
the job centre the thing belongs to: the views look objects up within the user's own centre."""

from typing import Any

from accounts import policy
from accounts.models import Role, User

#: Who meets at the standing meeting and reads its agenda and minutes.
PARTICIPANTS = (Role.JOB_CONSULTANT, Role.BUSINESS_CONSULTANT, Role.TEAM_LEADER)


def _in_centre(user: User, centre: Any, roles) -> bool:
    return (
        policy.is_staff(user)
        and user.role in roles
        and centre is not None
        and getattr(centre, "pk", None) == user.job_centre_id
    )


def _takes_part(user: User, centre: Any) -> bool:
    return _in_centre(user, centre, PARTICIPANTS)


def _leads(user: User, centre: Any) -> bool:
    """Team leaders set the meeting's time and form the partner pairs."""
    return _in_centre(user, centre, (Role.TEAM_LEADER,))


def _asks(user: User, centre: Any) -> bool:
    """Job consultants (and team leaders) ask for openings for their citizens."""
    return _in_centre(user, centre, (Role.JOB_CONSULTANT, Role.TEAM_LEADER))


RULES = {
    "teamwork.take_part": _takes_part,
    "teamwork.lead": _leads,
    "teamwork.request": _asks,
}
