"""The API's request and response bodies. Times go out as ISO 8601 in Europe/Copenhagen with
their offset; a time coming in must carry its offset."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from booking.models import MeetingMode
from common import hygiene

LocalDateTime = Annotated[datetime, AfterValidator(timezone.localtime)]


class InputSchema(Schema):
    """The base of every schema the API reads (bodies and query strings): each field's value,
    once parsed, meets the input-hygiene layer (common.hygiene): text without control
    characters, dates between 1900 and 2100, whole numbers within a 32-bit column, finite
    floats. A value out of bounds is a 422 naming the field, as any other invalid value."""

    @field_validator("*", mode="after")
    @classmethod
    def _hygiene(cls, value: Any, info: ValidationInfo) -> Any:
        label = info.field_name or ""
        problem = None
        if isinstance(value, str):
            problem = hygiene.text_problem(value, label=label, multiline=True)
        elif isinstance(value, bool):
            pass
        elif isinstance(value, int):
            problem = hygiene.integer_problem(value, label=label)
        elif isinstance(value, float):
            problem = hygiene.float_problem(value, label=label)
        elif isinstance(value, date):  # a datetime too
            problem = hygiene.date_problem(value, label=label)
        if problem:
            raise PydanticCustomError("hygiene", problem)
        return value


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


class BookingIn(InputSchema):
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
