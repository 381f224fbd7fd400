"""What this app adds to the policy, `accounts.policy`: its rules for colleagues' contributions
and the trend page (registered by LabourConfig.ready()). Seeing and editing the knowledge
("labour.view", "labour.edit") stay in the policy itself."""

from typing import Any

from accounts import policy
from accounts.models import Role, User
from centres.models import JobCentre

#: Who adds what they heard of (an opening, a company, a knowledge note, a wheel need).
CONTRIBUTOR_ROLES = (
    Role.JOB_CONSULTANT,
    Role.TEAM_LEADER,
    Role.BUSINESS_CONSULTANT,
    Role.ADMINISTRATOR,
)
#: Whose additions go straight on as confirmed; the others' wait in "Nyt fra kolleger".
CURATOR_ROLES = (Role.BUSINESS_CONSULTANT, Role.ADMINISTRATOR)


def _in_centre(user: User, obj: Any) -> bool:
    centre_id = obj.pk if isinstance(obj, JobCentre) else obj.job_centre_id
    return policy.is_staff(user) and user.job_centre_id == centre_id


def _contributes(user: User, obj: Any) -> bool:
    return user.role in CONTRIBUTOR_ROLES and _in_centre(user, obj)


def _curates(user: User, obj: Any) -> bool:
    return user.role in CURATOR_ROLES and _in_centre(user, obj)


RULES = {
    # obj: the job centre, or the company a note is about.
    "labour.contribute": _contributes,
    # Confirm, correct, merge or reject a colleague's addition (obj: the centre or the addition).
    "labour.curate": _curates,
    # The local labour market over time: every staff member of the centre (obj: the centre).
    "labour.trends": lambda user, obj: policy.can(user, "labour.view", obj),
}
