"""The numbers behind the citizens' evaluations, in one place.

They are constants for now, the same for every job centre. When a job centre needs its own
window, `EVALUATION_DAYS` becomes a setting on `centres.JobCentre` with this as its default."""

#: A held conversation can be evaluated from the day it is held until this many days after
#: it (its local date + EVALUATION_DAYS, that day included). Later the memory of it is too
#: faint for the answer to say much, and the citizen is no longer asked.
EVALUATION_DAYS = 14

#: The reminder goes to conversations marked held within this many days; older ones were
#: asked about already, or were marked so late that a message would come out of the blue.
REMINDER_LOOKBACK_DAYS = 2

# How few answers a figure may rest on is the job centre's small-number threshold
# (`JobCentre.small_number_threshold`), and a team with fewer active job consultants and team
# leaders than `common.small_numbers.MIN_CONSULTANTS` is counted only in the whole centre:
# otherwise the team's figure would be one consultant's figure (`evaluations.selectors`).

#: Scores from here up count as satisfied ("share who gave 8-10").
SATISFIED_FROM = 8

#: The periods leaders can choose on the overview (days back from today), and the default.
PERIOD_DAYS = (30, 90, 365)
DEFAULT_PERIOD_DAYS = 90
