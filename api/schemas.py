"""The API's request and response bodies. Times go out as ISO 8601 in Europe/Copenhagen with
their offset; a time coming in must carry its offset."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime

from booking.models import MeetingMode

LocalDateTime = Annotated[datetime, AfterValidator(timezone.localtime)]


class Named(Schema):
    id: int
    name: str


class Mode(Schema):
    id: MeetingMode
    name: str


class TopicOut(Schema):
    id: int
    name: str
    description: str
    duration_minutes: int
    modes: list[Mode]
    consultants: list[Named]


class SlotOut(Schema):
    start: LocalDateTime
    end: LocalDateTime
    consultants: list[int] = Field(description="Ids of the consultants free at this time.")
    modes: list[MeetingMode] = Field(
        description="How the time can be booked (in person only while a room is free)."
    )


class RoomOut(Schema):
    name: str
    location: str


class BookingOut(Schema):
    id: UUID = Field(description="The booking's public id.")
    status: str
    topic: Named
    consultant: Named
    start: LocalDateTime
    end: LocalDateTime
    mode: MeetingMode
    room: RoomOut | None
    note: str
    take_away: str
    cancellable_until: LocalDateTime = Field(
        description="Until when the citizen may cancel or move the booking themselves."
    )
    created_at: LocalDateTime


class BookingPage(Schema):
    count: int
    items: list[BookingOut]


class BookingIn(Schema):
    topic: int
    consultant: int | None = Field(None, description="Leave out or null: the first free.")
    start: AwareDatetime = Field(description="ISO 8601 with offset, e.g. 2026-12-01T10:00+01:00")
    mode: MeetingMode
    note: str = Field("", max_length=1000, description="What the citizen wants to talk about.")
    take_away: str = Field("", max_length=1000)


class Detail(Schema):
    detail: str


class FieldErrors(Schema):
    errors: dict[str, list[str]] = Field(
        description='Messages per field; "__all__" holds those about the request as a whole.'
    )


class SlotTakenOut(Schema):
    detail: str
    alternatives: list[SlotOut]
