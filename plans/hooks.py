"""What Min Plan shows but does not own: answers from apps above it (docs/ARCHITECTURE.md,
"Layers"), provided in their `AppConfig.ready()`."""

from common.hooks import Hook

#: `(citizen=...) -> list of courses`: the citizen's company-oriented courses that Min Plan
#: lists. Provided by `courses` (courses.selectors.own_courses).
own_courses = Hook("plans.own_courses")
