"""What this app adds to the policy, `accounts.policy`: its rule (registered by
EvaluationsConfig.ready())."""

from typing import Any

from accounts import policy
from accounts.models import User
from booking.models import Status


def _own_held_booking(user: User, booking: Any) -> bool:
    """The citizen evaluates their own conversation, once it is held."""
    return policy.can(user, "booking.change_own", booking) and booking.status == Status.HELD


RULES = {"evaluation.give": _own_held_booking}
