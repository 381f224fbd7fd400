"""The API's reads, each starting from what the caller may reach (accounts.policy and the
booking selectors). Anything outside it is a 404, so existence is not revealed."""

from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import STAFF_ROLES, User
from booking.models import Booking, Topic
from booking.selectors import bookings as booking_selectors


def topics_visible_to(user: User) -> list[Topic]:
    """A citizen's bookable topics; staff see their job centre's active topics."""
    if policy.can(user, "booking.book_own"):
        topics = booking_selectors.topics_for(user.citizen)
        prefetch_related_objects(topics, "consultants")
        return topics
    if user.is_centre_staff:
        return list(policy.visible_to(user, "topics").prefetch_related("consultants"))
    policy.require(user, "booking.book_own")  # Neither citizen nor staff: 403.
    return []


def topic_get(*, user: User, topic_id: int) -> Topic:
    for topic in topics_visible_to(user):
        if topic.pk == topic_id:
            return topic
    raise Http404


def topic_consultant_get(*, topic: Topic, consultant_id: int) -> User:
    return get_object_or_404(booking_selectors.topic_consultants(topic), pk=consultant_id)


def offered_consultants(topic: Topic) -> list[User]:
    """The topic's consultants as `topic_consultants` has them, from the prefetched list."""
    return sorted(
        (
            c
            for c in topic.consultants.all()
            if c.is_active and c.job_centre_id == topic.job_centre_id and c.role in STAFF_ROLES
        ),
        key=lambda c: c.name,
    )


def bookings_of(user: User) -> QuerySet[Booking]:
    """The caller's own conversations, newest first: a citizen's bookings, or those where a
    member of staff is the consultant."""
    bookings = policy.visible_to(user, "bookings")
    if user.is_centre_staff:
        bookings = bookings.filter(consultant=user)
    return bookings.select_related("topic", "room", "consultant", "citizen").order_by(
        "-start", "-pk"
    )


def own_booking_get(*, user: User, public_id) -> Booking:
    """A booking the caller may cancel as its citizen; any other is not found."""
    booking = booking_selectors.booking_get(user=user, public_id=public_id)
    if not policy.can(user, "booking.change_own", booking):
        raise Http404
    return booking


def target_group_for(user: User, topic: Topic) -> str:
    """Whose rules the free times follow: a citizen's own group; for staff, the topic's first
    group (or all groups' rule when the topic is open to everyone)."""
    if policy.can(user, "booking.book_own"):
        return user.citizen.target_group
    return topic.target_groups[0] if topic.target_groups else ""
