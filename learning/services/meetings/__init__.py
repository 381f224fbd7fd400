"""Learning-group meetings (læringsgruppemøder): scheduled with the method's agenda, walked
through by the facilitator with a timer per item, and ended with the team's common focus areas.

    planned -start-> running -end-> held
    planned -cancel-> cancelled

While a meeting is planned the team leader changes its time, place and length, reorders the
rounds and marks members absent; the round minutes are shared out again each time. While it
runs, at most one item is current (started, not ended): "next" ends it and starts the next item
not skipped. Every transition locks the meeting's row, so two open tabs cannot both move the
agenda on, and each names the item it saw as current.

`agenda` holds the method's template and how the minutes are shared, `planning` the meeting
before it starts (schedule, change, rounds, cancel), `running` the facilitator's walk through
the agenda and the end. Their names are re-exported here for the views and forms."""

from learning.services.meetings.agenda import (
    AGENDA_TEMPLATE,
    DEFAULT_DURATION_MINUTES,
    DEFAULT_PURPOSE,
    FOCUS_AREA_MAX_LENGTH,
    FOCUS_AREAS_MAX,
    FOCUS_AREAS_MIN,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    MIN_ROUND_MINUTES,
    MIN_TELLING_MINUTES,
    NON_FIELD,
    PLACE_MAX_LENGTH,
    ROUND_REFLECTION_MINUTES,
    SUGGESTED_LENGTH_STEP,
    TEXT_MAX_LENGTH,
    AgendaPart,
    RoundShare,
    agenda_for,
    is_member,
    minimal_duration,
    round_share,
    team_consultants,
)
from learning.services.meetings.planning import (
    _notify_scheduled,
    agenda_round_mark_absent,
    agenda_round_move,
    meeting_cancel,
    meeting_create,
    meeting_edit,
)
from learning.services.meetings.running import (
    agenda_item_next,
    agenda_item_notes_save,
    agenda_item_skip,
    current_item,
    meeting_end,
    meeting_start,
)

__all__ = [
    "AGENDA_TEMPLATE",
    "DEFAULT_DURATION_MINUTES",
    "DEFAULT_PURPOSE",
    "FOCUS_AREAS_MAX",
    "FOCUS_AREAS_MIN",
    "FOCUS_AREA_MAX_LENGTH",
    "MAX_DURATION_MINUTES",
    "MIN_DURATION_MINUTES",
    "MIN_ROUND_MINUTES",
    "MIN_TELLING_MINUTES",
    "NON_FIELD",
    "PLACE_MAX_LENGTH",
    "ROUND_REFLECTION_MINUTES",
    "SUGGESTED_LENGTH_STEP",
    "TEXT_MAX_LENGTH",
    "AgendaPart",
    "RoundShare",
    "_notify_scheduled",
    "agenda_for",
    "agenda_item_next",
    "agenda_item_notes_save",
    "agenda_item_skip",
    "agenda_round_mark_absent",
    "agenda_round_move",
    "current_item",
    "is_member",
    "meeting_cancel",
    "meeting_create",
    "meeting_edit",
    "meeting_end",
    "meeting_start",
    "minimal_duration",
    "round_share",
    "team_consultants",
]
