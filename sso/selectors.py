"""Who an identity provider's answer belongs to. Nobody is ever created here."""

from django.core.exceptions import ValidationError

from accounts.models import STAFF_ROLES, User
from citizens.identifiers import cpr_hash
from citizens.models import Citizen


def citizen_user_by_cpr(*, cpr: str) -> User | None:
    """The active citizen user whose profile has this CPR number, found by its keyed hash
    (the clear number is never searched for or stored)."""
    try:
        digest = cpr_hash(cpr)
    except ValidationError:
        return None
    citizen = (
        Citizen.objects.select_related("user", "user__job_centre")
        .filter(cpr_hash=digest, user__is_active=True)
        .first()
    )
    return citizen.user if citizen is not None else None


def staff_user_by_email(*, email: str) -> User | None:
    """The one active member of staff with this e-mail address (case-insensitive); None when
    there is none, or more than one (an ambiguous address logs nobody in)."""
    if not email or "@" not in email:
        return None
    users = list(
        User.objects.select_related("job_centre").filter(
            email__iexact=email.strip(), is_active=True, role__in=STAFF_ROLES
        )[:2]
    )
    return users[0] if len(users) == 1 else None
