"""What this app adds to the policy, `accounts.policy`: its scopes (registered by
CitizensConfig.ready())."""

from django.db.models import QuerySet

from accounts import policy
from accounts.models import Role, User
from citizens.models import Citizen


def citizens_visible_to(user: User) -> QuerySet[Citizen]:
    """Citizens whose data `user` may reach: their own profile, or their job centre's."""
    if policy.is_staff(user):
        return Citizen.objects.filter(job_centre_id=user.job_centre_id)
    if user.is_authenticated and user.role == Role.CITIZEN:
        return Citizen.objects.filter(user_id=user.pk)
    return Citizen.objects.none()


SCOPES = {"citizens": citizens_visible_to}
