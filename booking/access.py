"""What this app adds to the policy, `accounts.policy`: its scopes (registered by
BookingConfig.ready())."""

from django.db.models import QuerySet

from accounts import policy
from accounts.models import User
from booking.models import Booking, Topic


def bookings_visible_to(user: User) -> QuerySet[Booking]:
    """A citizen's own bookings, or staff's job centre's."""
    if policy.is_staff(user):
        return Booking.objects.filter(job_centre_id=user.job_centre_id)
    if policy.is_own_citizen(user):
        return Booking.objects.filter(citizen_id=user.citizen.pk)
    return Booking.objects.none()


def topics_visible_to(user: User) -> QuerySet[Topic]:
    """The active topics of the user's job centre (a citizen's group filter is
    `booking.selectors.bookings.topics_for`)."""
    if policy.is_staff(user) or policy.is_own_citizen(user):
        return Topic.objects.filter(job_centre_id=user.job_centre_id, active=True)
    return Topic.objects.none()


SCOPES = {"bookings": bookings_visible_to, "topics": topics_visible_to}
