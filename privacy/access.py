"""What this app adds to the policy, `accounts.policy`: its scopes (registered by
PrivacyConfig.ready())."""

from django.db.models import QuerySet

from accounts import policy
from accounts.models import User
from privacy.models import CorrectionRequest


def correction_requests_visible_to(user: User) -> QuerySet[CorrectionRequest]:
    """A citizen's own correction requests, or those of the job centre for staff who answer."""
    if policy.is_staff(user) and user.role in policy.CITIZEN_CARE_ROLES:
        return CorrectionRequest.objects.filter(job_centre_id=user.job_centre_id)
    if policy.is_own_citizen(user):
        return CorrectionRequest.objects.filter(citizen_id=user.citizen.pk)
    return CorrectionRequest.objects.none()


SCOPES = {"correction_requests": correction_requests_visible_to}
