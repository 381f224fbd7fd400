"""What booking shows but does not own: answers from apps above it (docs/ARCHITECTURE.md,
"Layers"), provided in their `AppConfig.ready()`."""

from common.hooks import Hook

#: `(citizen, today) -> approach | None`: the suggested approach the consultant's calendar shows
#: next to each conversation. Provided by `conversations` (conversations.approach.approach_for).
approach_for = Hook("booking.approach_for")

#: `(citizen) -> iterable of bookings`: the citizen's held conversations still waiting for their
#: evaluation, marked on "Mine samtaler". Provided by `evaluations` (selectors.pending_for).
pending_evaluations = Hook("booking.pending_evaluations")

#: `(request) -> User | None`: the co-service helper beside the citizen while a co-service
#: session runs (the booking is then the citizen's own, facilitated by the helper), else None.
#: Provided by `coservice` (coservice.middleware.facilitator).
facilitator = Hook("booking.facilitator")

#: `(citizen, start, end) -> list of (start, end)`: what else the citizen has booked at the job
#: centre that overlaps [start, end) (seats in job clubs), earliest first: a conversation is never
#: booked over it, and the week view does not offer those times. Provided by `jobclubs`
#: (selectors.seats_overlapping).
other_appointments = Hook("booking.other_appointments")

#: `(citizen, now) -> list of objects with title, start, end, place and url`: the citizen's
#: coming appointments at the job centre that are not conversations (seats in job clubs),
#: listed on "Mine samtaler" so the citizen has one overview. Provided by `jobclubs`
#: (selectors.coming_seats).
coming_elsewhere = Hook("booking.coming_elsewhere")
