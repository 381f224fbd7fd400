"""Writes for self-booking: book, move, cancel, mark held or no-show, summon.

Race-free by construction: each write that places a booking runs in one transaction that
first takes its locks in one global order (the citizen, then the consultants, then the rooms,
each by ascending id), then checks the citizen's own time and the chosen consultant and room
again, and inserts under the database's guard. On PostgreSQL the locks are transaction-level
advisory locks and the exclusion constraints are the last guard; as every writer queues in the
same order, no two wait on each other in a circle (a deadlock). On SQLite the IMMEDIATE
transaction holds the one write lock, so the checks are the guard. A lost race raises
SlotTaken (with the nearest free times), a clash with the citizen's own bookings a
ValidationError; never a server error, and nothing is half-saved.

`placement` holds the request, its checks, the locks and the claims that place a booking
race-free; `lifecycle` the writes the views call (book, reschedule, cancel, mark the outcome,
summon, the video link). The names are re-exported here."""

from booking.services.bookings.lifecycle import (
    book,
    cancel_by_centre,
    cancel_by_citizen,
    change_deadline,
    mark_outcome,
    reschedule,
    summon,
    video_link_set,
)
from booking.services.bookings.placement import (
    BookingRequest,
    SlotTaken,
    lock_citizen,
    nearest_free,
    preferred_order,
)

__all__ = [
    "BookingRequest",
    "SlotTaken",
    "book",
    "cancel_by_centre",
    "cancel_by_citizen",
    "change_deadline",
    "lock_citizen",
    "mark_outcome",
    "nearest_free",
    "preferred_order",
    "reschedule",
    "summon",
    "video_link_set",
]
