"""Self-booking: what can be booked (topics, working hours, absence, closing days, rooms, rules)
and the bookings themselves.

The database guards the central invariant: no consultant and no room holds two overlapping
active bookings. On PostgreSQL an exclusion constraint does it (migration 0002); on SQLite the
booking service re-checks inside a serialized IMMEDIATE transaction.

One module per concept (`config`, `hours`, `bookings`, `deadlines`); every model is imported
here, where Django and the other apps look for them."""

from booking.models.bookings import ACTIVE_STATUSES, LONGEST_BOOKING, Booking, Origin, Status
from booking.models.config import (
    DEFAULT_RULE,
    BookingRule,
    MeetingMode,
    PreparationFocus,
    Room,
    Topic,
)
from booking.models.deadlines import BookingDeadline, CitizenAbsence, DeadlineStatus
from booking.models.hours import Absence, ClosingDay, Weekday, WorkingDay

__all__ = [
    "ACTIVE_STATUSES",
    "DEFAULT_RULE",
    "LONGEST_BOOKING",
    "Absence",
    "Booking",
    "BookingDeadline",
    "BookingRule",
    "CitizenAbsence",
    "ClosingDay",
    "DeadlineStatus",
    "MeetingMode",
    "Origin",
    "PreparationFocus",
    "Room",
    "Status",
    "Topic",
    "Weekday",
    "WorkingDay",
]
