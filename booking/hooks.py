"""What booking shows but does not own: answers from apps above it (docs/ARCHITECTURE.md,
"Layers"), provided in their `AppConfig.ready()`."""

from common.hooks import Hook

#: `(citizen, today) -> approach | None`: the suggested approach the consultant's calendar shows
#: next to each conversation. Provided by `conversations` (conversations.approach.approach_for).
approach_for = Hook("booking.approach_for")

#: `(citizen) -> iterable of bookings`: the citizen's held conversations still waiting for their
#: evaluation, marked on "Mine samtaler". Provided by `evaluations` (selectors.pending_for).
pending_evaluations = Hook("booking.pending_evaluations")
