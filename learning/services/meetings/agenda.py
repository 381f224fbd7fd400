"""The method's agenda for a learning-group meeting: its parts, the limits, how the rounds
share the minutes, and who takes part."""

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from accounts.models import Role, User
from centres.models import Team
from learning.models import (
    AgendaItem,
    AgendaKind,
    LearningMeeting,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise


@dataclass(frozen=True)
class AgendaPart:
    """One part of the method's agenda. `minutes` None: the part is one round per consultant,
    and the rounds share the minutes the other parts leave."""

    kind: str
    title: "StrOrPromise"
    guidance: "StrOrPromise"
    minutes: int | None
    reflection_minutes: int = 0


#: The method's agenda for a two-hour learning-group meeting (Aktionslæring, praksis-ark).
AGENDA_TEMPLATE: tuple[AgendaPart, ...] = (
    AgendaPart(
        kind=AgendaKind.WELCOME,
        title=gettext_lazy("Welcome and purpose"),
        guidance=gettext_lazy(
            "The team leader welcomes everyone and goes through the purpose and programme of "
            "the meeting."
        ),
        minutes=10,
    ),
    AgendaPart(
        kind=AgendaKind.ROUND,
        title=gettext_lazy("Round"),
        guidance=gettext_lazy(
            "The consultant tells about their training, observations and learning; the "
            "facilitator asks open, curious questions that help unfold the story. Then five "
            "minutes of shared reflection."
        ),
        minutes=None,
        reflection_minutes=5,
    ),
    AgendaPart(
        kind=AgendaKind.FOCUS,
        title=gettext_lazy("Agree 2-3 common focus areas"),
        guidance=gettext_lazy(
            "A shared process: agree on two to three common focus areas to train and try out "
            "in the time ahead. Each consultant may also keep an individual learning point."
        ),
        minutes=30,
    ),
)
#: The purpose a new meeting is given, in the method's words; the team leader may change it.
DEFAULT_PURPOSE = gettext_lazy(
    "To share experiences and make room for individual and shared learning. As a result of the "
    "meeting we agree on what to focus on training and trying out in the time ahead."
)
DEFAULT_DURATION_MINUTES = 120
MIN_DURATION_MINUTES = 30  # the model's check constraint
MAX_DURATION_MINUTES = 480
#: A round is never shorter than its reflection plus a few minutes to tell.
MIN_TELLING_MINUTES = 3
FOCUS_AREAS_MIN = 2
FOCUS_AREAS_MAX = 3
FOCUS_AREA_MAX_LENGTH = 300
PLACE_MAX_LENGTH = 120
TEXT_MAX_LENGTH = 10_000
#: A too-long agenda is answered with a length rounded up to this many minutes.
SUGGESTED_LENGTH_STEP = 15
#: The key of an error that belongs to no one field.
NON_FIELD = "__all__"


def _part(kind: str) -> AgendaPart:
    return next(part for part in AGENDA_TEMPLATE if part.kind == kind)


ROUND_REFLECTION_MINUTES = _part(AgendaKind.ROUND).reflection_minutes
MIN_ROUND_MINUTES = ROUND_REFLECTION_MINUTES + MIN_TELLING_MINUTES
_FIXED_MINUTES = sum(part.minutes or 0 for part in AGENDA_TEMPLATE)


@dataclass(frozen=True)
class RoundShare:
    """How the minutes of a meeting fall: each round's minutes, and the focus part's (its own
    plus the few minutes the rounding leaves over, so the agenda fills the meeting)."""

    round_minutes: int
    focus_minutes: int


def minimal_duration(*, rounds: int) -> int:
    """The shortest meeting that gives `rounds` rounds their minimum, rounded up."""
    needed = _FIXED_MINUTES + rounds * MIN_ROUND_MINUTES
    return ceil(needed / SUGGESTED_LENGTH_STEP) * SUGGESTED_LENGTH_STEP


def round_share(*, duration_minutes: int, rounds: int) -> RoundShare:
    """The rounds share what welcome and focus leave, in whole minutes (120 minutes and 8
    rounds: 10 each, 5 of them reflection). Refuses when a round would get fewer than its
    reflection plus three minutes to tell, and says how long the meeting must be."""
    left = duration_minutes - _FIXED_MINUTES
    focus = _part(AgendaKind.FOCUS).minutes or 0
    each = left // rounds if rounds else 0
    if left < 0 or (rounds and each < MIN_ROUND_MINUTES):
        raise ValidationError(
            {
                "duration_minutes": _(
                    "There are too many members for a meeting of %(minutes)s minutes: each "
                    "round needs at least %(round)s minutes (%(reflection)s of them shared "
                    "reflection). Make the meeting at least %(needed)s minutes long."
                )
                % {
                    "minutes": duration_minutes,
                    "round": MIN_ROUND_MINUTES,
                    "reflection": ROUND_REFLECTION_MINUTES,
                    "needed": minimal_duration(rounds=rounds),
                }
            },
            code="too_many_members",
        )
    return RoundShare(round_minutes=each, focus_minutes=focus + left - each * rounds)


def agenda_for(
    *, meeting: LearningMeeting, consultants: Sequence[User], share: RoundShare
) -> list[AgendaItem]:
    """The meeting's agenda from the template, unsaved: welcome, a round per consultant in the
    order given, and the focus areas. Titles are data, kept in the job centres' language
    (settings.LANGUAGE_CODE) whatever language the team leader's screen shows."""
    items: list[AgendaItem] = []
    for part in AGENDA_TEMPLATE:
        if part.kind == AgendaKind.ROUND:
            items += [
                AgendaItem(
                    meeting=meeting,
                    kind=part.kind,
                    title=consultant.name,
                    consultant=consultant,
                    planned_minutes=share.round_minutes,
                    reflection_minutes=part.reflection_minutes,
                )
                for consultant in consultants
            ]
        else:
            minutes = share.focus_minutes if part.kind == AgendaKind.FOCUS else part.minutes
            with override(settings.LANGUAGE_CODE):
                title = str(part.title)
            items.append(
                AgendaItem(
                    meeting=meeting,
                    kind=part.kind,
                    title=title,
                    planned_minutes=minutes or 0,
                )
            )
    for position, item in enumerate(items, start=1):
        item.position = position
    return items


def team_consultants(team: Team) -> QuerySet:
    """The team's job consultants who take part in the rounds: active, not the team leader."""
    return User.objects.filter(team=team, role=Role.JOB_CONSULTANT, is_active=True).order_by(
        "name", "pk"
    )


def is_member(user: User | None, meeting: LearningMeeting) -> bool:
    return user is not None and user.is_active and user.team_id == meeting.team_id


def _refuse(message: str, code: str = "not_allowed") -> ValidationError:
    return ValidationError(message, code=code)
