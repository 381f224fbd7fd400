"""What the Joblog shows but does not own: answers from apps above it (docs/ARCHITECTURE.md,
"Layers"), provided in their `AppConfig.ready()`."""

from common.hooks import Hook

#: `(citizen_id) -> {occupation_id: letter}`: the plan letter of each occupation in the
#: citizen's A/B/C plan, so an untagged entry counts in its occupation's plan. Provided by
#: `plans` (plans.widen.track_letters).
track_letters = Hook("joblog.track_letters")
