"""Action learning (aktionslæring): the techniques a team trains, the consultant's logbook,
observations of real conversations with the team's feedback template, learning-group meetings
with their agenda, focus areas and learning points, and sparring weeks and sessions.

Records are changed only through `learning.services`; the database guards what must never
happen: feedback without the citizen's recorded consent, an acknowledgement without feedback,
a consultant observing themselves, a fourth citizen brought to a sparring event, two rounds for
one consultant in one meeting.

One module per concept (`techniques`, `observations`, `meetings`, `sparring`, `selfcheck`,
`guests`);
every model is imported here, where Django and the other apps look for them.
"""

from learning.models.guests import GuestAccess
from learning.models.meetings import (
    AgendaItem,
    AgendaKind,
    FocusArea,
    LearningMeeting,
    LearningPoint,
    MeetingStatus,
)
from learning.models.observations import (
    OPEN_OBSERVATION_STATUSES,
    ConsentMethod,
    Observation,
    ObservationStatus,
)
from learning.models.selfcheck import (
    SELF_CHECK_FOCUS,
    KnowledgeAnswer,
    KnowledgeQuestion,
)
from learning.models.sparring import (
    MAX_CASES_PER_CONSULTANT,
    ProgrammeItem,
    SparringCase,
    SparringEvent,
    SparringKind,
)
from learning.models.techniques import (
    DEFAULT_FEEDBACK_QUESTIONS,
    DEFAULT_TECHNIQUES,
    FeedbackQuestion,
    LogbookEntry,
    Technique,
)

__all__ = [
    "DEFAULT_FEEDBACK_QUESTIONS",
    "DEFAULT_TECHNIQUES",
    "MAX_CASES_PER_CONSULTANT",
    "OPEN_OBSERVATION_STATUSES",
    "SELF_CHECK_FOCUS",
    "AgendaItem",
    "AgendaKind",
    "ConsentMethod",
    "FeedbackQuestion",
    "FocusArea",
    "GuestAccess",
    "KnowledgeAnswer",
    "KnowledgeQuestion",
    "LearningMeeting",
    "LearningPoint",
    "LogbookEntry",
    "MeetingStatus",
    "Observation",
    "ObservationStatus",
    "ProgrammeItem",
    "SparringCase",
    "SparringEvent",
    "SparringKind",
    "Technique",
]
