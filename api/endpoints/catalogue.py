"""What can be booked: topics and their free times."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from accounts import policy
from api import selectors
from api.presenters import slot_out, topic_out
from api.schemas import Detail, FieldErrors, InputSchema, SlotOut, TopicOut
from booking.availability import free_slots
from booking.selectors import bookings as booking_selectors

router = Router(tags=["Booking"])

#: The longest period one request for free times may cover, in days.
MAX_SLOT_DAYS = 31


@router.get(
    "/topics",
    response={200: list[TopicOut], 401: Detail, 403: Detail},
    url_name="topics",
    summary="Topics the caller can book (citizens) or their job centre offers (staff)",
)
def list_topics(request):
    return [topic_out(t) for t in selectors.topics_visible_to(request.auth)]


class SlotFilter(InputSchema):
    topic: int
    consultant: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@router.get(
    "/slots",
    response={200: list[SlotOut], 401: Detail, 403: Detail, 404: Detail, 422: FieldErrors},
    url_name="slots",
    summary="Free times for a topic",
    description=f"From `date_from` (default today) to `date_to` (default a week on), at most "
    f"{MAX_SLOT_DAYS} days. Without `consultant`, each time lists every consultant free then.",
)
def list_slots(request, filters: Query[SlotFilter]):
    user = request.auth
    topic = selectors.topic_get(user=user, topic_id=filters.topic)
    consultant = (
        selectors.topic_consultant_get(topic=topic, consultant_id=filters.consultant)
        if filters.consultant is not None
        else None
    )
    first = filters.date_from or timezone.localdate()
    last = filters.date_to or first + timedelta(days=6)
    if last < first:
        raise ValidationError({"date_to": _("The end date must not be before the start date.")})
    if (last - first).days + 1 > MAX_SLOT_DAYS:
        raise ValidationError(
            {"date_to": _("Ask for at most %(days)s days at a time.") % {"days": MAX_SLOT_DAYS}}
        )
    slots = free_slots(
        topic=topic,
        target_group=selectors.target_group_for(user, topic),
        date_from=first,
        date_to=last,
        consultant_id=consultant.pk if consultant else None,
    )
    if policy.can(user, "booking.book_own"):  # a citizen: not over what they have booked
        slots = booking_selectors.free_for_citizen(slots, user.citizen)
    return [slot_out(s, topic) for s in slots]
