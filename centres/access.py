"""What this app adds to the policy, `accounts.policy`: its scopes (registered by
CentresConfig.ready())."""

from django.db.models import QuerySet

from accounts import policy
from accounts.models import User
from centres.models import Team


def teams_visible_to(user: User) -> QuerySet[Team]:
    if not policy.is_staff(user):
        return Team.objects.none()
    return Team.objects.filter(job_centre_id=user.job_centre_id)


SCOPES = {"teams": teams_visible_to}
