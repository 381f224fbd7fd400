"""What this app adds to the policy, `accounts.policy`: its rules (registered by
CoserviceConfig.ready()). A helper's rules name only the help place; the citizen's data is
reached only inside a session, as the citizen (coservice.middleware)."""

from typing import Any

from accounts import policy
from accounts.models import COSERVICE_ROLES, User
from centres.models import HelpPlace


def _gives_coservice(user: User, obj: Any = None) -> bool:
    """A helper (or consultant) of a job centre; at a place only where they are attached."""
    if user.role not in COSERVICE_ROLES or user.job_centre_id is None:
        return False
    if isinstance(obj, HelpPlace):
        return (
            obj.active
            and obj.job_centre_id == user.job_centre_id
            and obj.helpers.filter(pk=user.pk).exists()
        )
    return obj is None or getattr(obj, "pk", None) == user.job_centre_id


def _citizen(user: User, obj: Any = None) -> bool:
    return policy.is_own_citizen(user)


def _own_session(user: User, obj: Any) -> bool:
    return policy.is_own_citizen(user) and obj.citizen_id == user.citizen.pk


RULES = {
    "coservice.help": _gives_coservice,  # obj: the job centre or the help place
    "coservice.own": _citizen,
    "coservice.end_own": _own_session,  # obj: the session
    # How much co-service happens per place (obj: the job centre): a leaders' figure, seen by
    # whoever sees the others.
    "coservice.figures": lambda user, obj: policy.can(user, "kpi.view", obj),
}
