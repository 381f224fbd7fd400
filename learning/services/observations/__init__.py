"""Writes of observations: a colleague or the team leader sits in on a coming conversation and
gives feedback with the team's template. Each transition is a named function that locks the
row, checks the actor and the status, and refuses with a Danish message otherwise:

    requested -accept-> accepted -(consent recorded) feedback-> feedback_given -acknowledge->
    acknowledged
    requested -decline-> declined;   requested, accepted -cancel-> cancelled

The citizen's consent is a step within "accepted": the observed consultant records it before the
conversation ends, and feedback needs it (the database refuses feedback without consent too).
Every message to a colleague describes the conversation by date, time, topic and mode only.

`requests` holds the rules and the request until the conversation (accept, decline,
cancel), `feedback` the citizen's consent, the feedback and its acknowledgement; the names
are re-exported here."""

from learning.services.observations.feedback import (
    feedback_refusal,
    observation_acknowledge,
    observation_consent,
    observation_feedback,
)
from learning.services.observations.requests import (
    CITIZEN_SAID_NO,
    MESSAGE_MAX,
    NOT_HELD,
    OBSERVER_ROLES,
    REASON_MAX,
    REQUEST_WEEKS_AHEAD,
    TEXT_MAX,
    Answer,
    conversation_label,
    observation_accept,
    observation_cancel,
    observation_decline,
    observation_request,
    observer_allowed,
)

__all__ = [
    "CITIZEN_SAID_NO",
    "MESSAGE_MAX",
    "NOT_HELD",
    "OBSERVER_ROLES",
    "REASON_MAX",
    "REQUEST_WEEKS_AHEAD",
    "TEXT_MAX",
    "Answer",
    "conversation_label",
    "feedback_refusal",
    "observation_accept",
    "observation_acknowledge",
    "observation_cancel",
    "observation_consent",
    "observation_decline",
    "observation_feedback",
    "observation_request",
    "observer_allowed",
]
