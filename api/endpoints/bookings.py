"""A citizen's own bookings: book, list, cancel. Staff list the conversations they hold."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Status

from accounts import policy
from api import selectors
from api.presenters import BookingPresenter, slot_out
from api.schemas import (
    BookingIn,
    BookingOut,
    BookingPage,
    Detail,
    FieldErrors,
    InputSchema,
    SlotTakenOut,
)
from booking.services import bookings as services
from booking.services.bookings import BookingRequest, SlotTaken
from common import hygiene

router = Router(tags=["Booking"])


def _idempotency_key(raw: str | None) -> uuid.UUID | None:
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ValidationError({"Idempotency-Key": _("Enter a valid UUID.")}) from None


@router.post(
    "/bookings",
    response={
        200: BookingOut,
        201: BookingOut,
        400: Detail,
        401: Detail,
        403: Detail,
        404: Detail,
        409: SlotTakenOut,
        413: Detail,
        422: FieldErrors,
        503: Detail,
    },
    url_name="bookings_create",
    summary="Book a conversation (citizens, for themselves)",
    description="201 with the new booking. With an `Idempotency-Key` (a UUID) a repeated "
    "request returns the first booking with 200 instead of booking again. 409 when the time "
    'was just taken (by someone else, or with "first free" every free consultant or room), '
    "with the nearest free times. 422 when the citizen may not book it: `errors.start` when "
    "they already have a conversation at that time, `errors.__all__` when they already have "
    "as many coming conversations as the job centre allows. 503 with `Retry-After` when the "
    "database is too busy to answer in time; nothing was saved, so the request may be sent "
    "again (with the same `Idempotency-Key`).",
)
def create_booking(
    request,
    payload: BookingIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    user = request.auth
    policy.require(user, "booking.book_own")
    key = _idempotency_key(idempotency_key)
    topic = selectors.topic_get(user=user, topic_id=payload.topic)
    consultant = (
        selectors.topic_consultant_get(topic=topic, consultant_id=payload.consultant)
        if payload.consultant is not None
        else None
    )
    try:
        booking, created = services.book(
            citizen=user.citizen,
            request=BookingRequest(
                topic=topic,
                start=payload.start,
                mode=payload.mode,
                consultant=consultant,
                talk_about=payload.note,
                take_away=payload.take_away,
            ),
            actor=user,
            idempotency_key=key,
        )
    except SlotTaken as taken:
        return Status(
            409,
            {
                "detail": str(taken),
                "alternatives": [slot_out(s, topic) for s in taken.alternatives],
            },
        )
    booking = selectors.own_booking_get(user=user, public_id=booking.public_id)
    return Status(201 if created else 200, BookingPresenter()(booking))


class Page(InputSchema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=hygiene.INT_MAX)


@router.get(
    "/bookings",
    response={200: BookingPage, 401: Detail, 422: FieldErrors},
    url_name="bookings",
    summary="The caller's own conversations, newest first",
    description="A citizen's bookings, or for staff the conversations they hold as consultant. "
    "`limit` (at most 200) and `offset` page through them; `count` is the total.",
)
def list_bookings(request, page: Query[Page]):
    bookings = selectors.bookings_of(request.auth)
    present = BookingPresenter()
    items = [present(b) for b in bookings[page.offset : page.offset + page.limit]]
    return {"count": bookings.count(), "items": items}


@router.post(
    "/bookings/{uuid:booking_id}/cancel",
    response={200: BookingOut, 401: Detail, 404: Detail, 422: FieldErrors},
    url_name="bookings_cancel",
    summary="Cancel one of the citizen's own bookings",
    description="Until the job centre's cut-off before the conversation; after it, 422.",
)
def cancel_booking(request, booking_id: uuid.UUID):
    user = request.auth
    booking = selectors.own_booking_get(user=user, public_id=booking_id)
    services.cancel_by_citizen(booking=booking, actor=user)
    return BookingPresenter()(booking)
