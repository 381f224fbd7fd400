"""What this app adds to the policy, `accounts.policy`: its rule (registered by
ConversationsConfig.ready())."""

from typing import Any

from accounts import policy
from accounts.models import User
from centres.models import Team


def _edits_guide(user: User, target: Any) -> bool:
    """A centre's own guide (target: the job centre) is its administrators'; a team's (target:
    the team) is its team leader's, or an administrator's of the team's centre."""
    if isinstance(target, Team):
        return policy.can(user, "team.techniques", target) or policy.can(
            user, "centre.manage", target.job_centre
        )
    return policy.can(user, "centre.manage", target)


RULES = {"guide_template.edit": _edits_guide}
