"""Learning-group meetings (læringsgruppemøder): scheduled with the method's agenda, walked
through by the facilitator with a timer per item, and ended with the team's common focus areas.

    planned -start-> running -end-> held
    planned -cancel-> cancelled

While a meeting is planned the team leader changes its time, place and length, reorders the
rounds and marks members absent; the round minutes are shared out again each time. While it
runs, at most one item is current (started, not ended): "next" ends it and starts the next item
not skipped. Every transition locks the meeting's row, so two open tabs cannot both move the
agenda on, and each names the item it saw as current."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from math import ceil
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from accounts.models import Role, User
from centres.models import Team
from common.db import lock
from learning.models import (
    AgendaItem,
    AgendaKind,
    FocusArea,
    LearningMeeting,
    LearningPoint,
    MeetingStatus,
)
from notifications.services import notify

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


def _when(value: datetime) -> str:
    local = timezone.localtime(value)
    return _("%(day)s at %(time)s") % {
        "day": date_format(local, "l j. F Y"),
        "time": date_format(local, "H.i"),
    }


def _check_details(
    *,
    starts_at: datetime,
    duration_minutes: int,
    place: str,
    purpose: str,
    now: datetime,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if timezone.localdate(starts_at) < timezone.localdate(now):
        errors["starts_on"] = _("The meeting cannot be in the past.")
    if not MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES:
        errors["duration_minutes"] = _("The length must be from %(min)s to %(max)s minutes.") % {
            "min": MIN_DURATION_MINUTES,
            "max": MAX_DURATION_MINUTES,
        }
    if len(place) > PLACE_MAX_LENGTH:
        errors["place"] = _("Please write at most %(limit)s characters.") % {
            "limit": PLACE_MAX_LENGTH
        }
    if len(purpose) > TEXT_MAX_LENGTH:
        errors["purpose"] = _("Please write at most %(limit)s characters.") % {
            "limit": TEXT_MAX_LENGTH
        }
    return errors


def _meeting_link(meeting: LearningMeeting) -> str:
    return settings.SITE_URL + reverse("learning:meeting", args=[meeting.pk])


def _tell_members(meeting: LearningMeeting, *, event: str, subject: str, body: str, now) -> None:
    """One notification per member and event; the key makes asking twice harmless."""
    rounds = meeting.items.filter(kind=AgendaKind.ROUND).select_related("consultant")
    for item in rounds:
        if item.consultant is None or not is_member(item.consultant, meeting):
            continue
        notify(
            recipient=item.consultant,
            key=f"learning-meeting:{meeting.pk}:{event}:{item.consultant_id}",
            subject=subject,
            body=body,
            now=now,
        )


def _notify_scheduled(meeting: LearningMeeting, *, now: datetime, event: str = "new") -> None:
    with override("da"):
        when = _when(meeting.starts_at)
        place = meeting.place or _("the place is not decided yet")
        _tell_members(
            meeting,
            event=event,
            subject=_("Learning-group meeting %(when)s") % {"when": when},
            body="\n".join(
                [
                    _("%(name)s has called a learning-group meeting %(when)s, %(place)s.")
                    % {"name": meeting.facilitator.name, "when": when, "place": place},
                    _("Bring your logbook: in the round you tell about your training."),
                    "",
                    _("See the agenda: %(link)s") % {"link": _meeting_link(meeting)},
                ]
            ),
            now=now,
        )


def _reshare(meeting: LearningMeeting) -> None:
    """Shares the minutes again among the rounds of members who are not absent."""
    items = list(meeting.items.all())
    present = [i for i in items if i.kind == AgendaKind.ROUND and not i.skipped]
    share = round_share(duration_minutes=meeting.duration_minutes, rounds=len(present))
    changed = []
    for item in items:
        if item.kind == AgendaKind.ROUND and not item.skipped:
            minutes = share.round_minutes
        elif item.kind == AgendaKind.FOCUS:
            minutes = share.focus_minutes
        else:
            continue
        if item.planned_minutes != minutes:
            item.planned_minutes = minutes
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["planned_minutes"])


@transaction.atomic
def meeting_create(
    *,
    team: Team,
    facilitator: User,
    starts_at: datetime,
    duration_minutes: int = DEFAULT_DURATION_MINUTES,
    place: str = "",
    purpose: str = "",
    now: datetime | None = None,
) -> LearningMeeting:
    """Schedules a meeting with the method's agenda (a round for each of the team's active job
    consultants other than the facilitator) and tells each of them."""
    now = now or timezone.now()
    place, purpose = place.strip(), purpose.strip()
    errors = _check_details(
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        purpose=purpose,
        now=now,
    )
    if (
        facilitator.team_id != team.pk
        or facilitator.role not in (Role.TEAM_LEADER, Role.JOB_CONSULTANT)
        or not facilitator.is_active
    ):
        errors[NON_FIELD] = _("The facilitator must be a member of the team.")
    consultants = list(team_consultants(team).exclude(pk=facilitator.pk))
    if not consultants:
        errors[NON_FIELD] = _("The team has no job consultants to take part in the rounds.")
    if errors:
        raise ValidationError(errors)
    share = round_share(duration_minutes=duration_minutes, rounds=len(consultants))
    meeting = LearningMeeting.objects.create(
        team=team,
        facilitator=facilitator,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        purpose=purpose or str(DEFAULT_PURPOSE),
    )
    AgendaItem.objects.bulk_create(
        agenda_for(meeting=meeting, consultants=consultants, share=share)
    )
    _notify_scheduled(meeting, now=now)
    return meeting


def _require_planned(meeting: LearningMeeting) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        raise _refuse(_("The meeting can only be changed before it starts."))


@transaction.atomic
def meeting_edit(
    *,
    meeting: LearningMeeting,
    starts_at: datetime,
    duration_minutes: int,
    place: str,
    purpose: str,
    now: datetime | None = None,
) -> LearningMeeting:
    """Changes time, length, place and purpose before the meeting starts; the rounds share
    the new length, and the members are told of a new time or place."""
    now = now or timezone.now()
    lock(meeting)
    _require_planned(meeting)
    place, purpose = place.strip(), purpose.strip()
    errors = _check_details(
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        purpose=purpose,
        now=now,
    )
    if errors:
        raise ValidationError(errors)
    moved = meeting.starts_at != starts_at or meeting.place != place
    meeting.starts_at = starts_at
    meeting.duration_minutes = duration_minutes
    meeting.place = place
    meeting.purpose = purpose
    _reshare(meeting)
    meeting.save(update_fields=["starts_at", "duration_minutes", "place", "purpose"])
    if moved:
        stamp = timezone.localtime(starts_at).strftime("%Y%m%d%H%M")
        where = hashlib.sha256(place.encode()).hexdigest()[:8]
        _notify_scheduled(meeting, now=now, event=f"moved-{stamp}-{where}")
    return meeting


def _round_of(meeting: LearningMeeting, item: AgendaItem) -> AgendaItem:
    if item.meeting_id != meeting.pk or item.kind != AgendaKind.ROUND:
        raise _refuse(_("Only the rounds can be moved or marked absent."))
    return AgendaItem.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def agenda_round_move(*, meeting: LearningMeeting, item: AgendaItem, up: bool) -> None:
    """Swaps a round with the round before (`up`) or after it; at the end it stays put."""
    lock(meeting)
    _require_planned(meeting)
    item = _round_of(meeting, item)
    rounds = meeting.items.filter(kind=AgendaKind.ROUND)
    neighbour = (
        rounds.filter(position__lt=item.position).order_by("-position").first()
        if up
        else rounds.filter(position__gt=item.position).order_by("position").first()
    )
    if neighbour is None:
        return
    mine, theirs = item.position, neighbour.position
    # One position per meeting is unique: park the item at 0 (no item has it) while swapping.
    AgendaItem.objects.filter(pk=item.pk).update(position=0)
    AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)


@transaction.atomic
def agenda_round_mark_absent(
    *, meeting: LearningMeeting, item: AgendaItem, absent: bool
) -> AgendaItem:
    """Marks a member absent (their round is skipped) or present again, before the meeting;
    the rounds share the minutes anew."""
    lock(meeting)
    _require_planned(meeting)
    item = _round_of(meeting, item)
    if item.skipped != absent:
        item.skipped = absent
        item.save(update_fields=["skipped"])
        _reshare(meeting)
    return item


@transaction.atomic
def meeting_cancel(*, meeting: LearningMeeting, now: datetime | None = None) -> LearningMeeting:
    now = now or timezone.now()
    lock(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise _refuse(_("Only a planned meeting can be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    with override("da"):
        when = _when(meeting.starts_at)
        _tell_members(
            meeting,
            event="cancelled",
            subject=_("Learning-group meeting %(when)s is cancelled") % {"when": when},
            body=_("%(name)s has cancelled the learning-group meeting %(when)s.")
            % {"name": meeting.facilitator.name, "when": when},
            now=now,
        )
    return meeting


def current_item(meeting: LearningMeeting) -> AgendaItem | None:
    """The item under way: started and not ended."""
    return (
        meeting.items.filter(started_at__isnull=False, ended_at__isnull=True)
        .select_related("consultant")
        .first()
    )


def _start_next(meeting: LearningMeeting, *, after: int, now: datetime) -> AgendaItem | None:
    """Starts the first item after position `after` that is neither skipped nor held. A round
    of someone who has left the team since the agenda was made is skipped on the way."""
    coming = meeting.items.filter(
        position__gt=after, skipped=False, started_at__isnull=True
    ).select_related("consultant")
    for item in coming:
        if item.kind == AgendaKind.ROUND and not is_member(item.consultant, meeting):
            item.skipped = True
            item.ended_at = now
            item.save(update_fields=["skipped", "ended_at"])
            continue
        item.started_at = now
        item.save(update_fields=["started_at"])
        return item
    return None


@transaction.atomic
def meeting_start(*, meeting: LearningMeeting, now: datetime | None = None) -> LearningMeeting:
    """Starts the meeting and its first item, on the day it is planned for (or later)."""
    now = now or timezone.now()
    lock(meeting)
    if meeting.status == MeetingStatus.ENDED:
        raise _refuse(_("The meeting has already been held and cannot be started again."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise _refuse(_("The meeting is cancelled and cannot be started."))
    if meeting.status == MeetingStatus.RUNNING:
        raise _refuse(_("The meeting has already started."), code="moved")
    if timezone.localdate(now) < timezone.localdate(meeting.starts_at):
        raise _refuse(
            _("The meeting can be started on the day it is planned for, %(day)s.")
            % {"day": date_format(timezone.localtime(meeting.starts_at), "j. F Y")}
        )
    meeting.status = MeetingStatus.RUNNING
    meeting.started_at = now
    meeting.save(update_fields=["status", "started_at"])
    _start_next(meeting, after=0, now=now)
    return meeting


def _require_current(meeting: LearningMeeting, item: AgendaItem) -> AgendaItem:
    if meeting.status != MeetingStatus.RUNNING:
        raise _refuse(_("The meeting is not running."))
    current = current_item(meeting)
    if current is None or current.pk != item.pk or item.meeting_id != meeting.pk:
        raise _refuse(
            _(
                "The agenda has moved on, perhaps in another window. The page now shows where "
                "the meeting is."
            ),
            code="moved",
        )
    return current


@transaction.atomic
def agenda_item_next(
    *, meeting: LearningMeeting, item: AgendaItem, now: datetime | None = None
) -> AgendaItem | None:
    """Ends the current item `item` and starts the next; returns the new current item (None
    when the agenda is through and the meeting only waits to be ended)."""
    now = now or timezone.now()
    lock(meeting)
    current = _require_current(meeting, item)
    current.ended_at = now
    current.save(update_fields=["ended_at"])
    return _start_next(meeting, after=current.position, now=now)


@transaction.atomic
def agenda_item_skip(
    *, meeting: LearningMeeting, item: AgendaItem, now: datetime | None = None
) -> AgendaItem | None:
    """Skips the current item `item` (marked as skipped, not as held) and starts the next."""
    now = now or timezone.now()
    lock(meeting)
    current = _require_current(meeting, item)
    current.skipped = True
    current.ended_at = now
    current.save(update_fields=["skipped", "ended_at"])
    return _start_next(meeting, after=current.position, now=now)


@transaction.atomic
def agenda_item_notes_save(
    *,
    meeting: LearningMeeting,
    item: AgendaItem,
    notes: str,
    learning_point: str | None = None,
) -> AgendaItem:
    """Saves the facilitator's notes on an item and, on a round, the consultant's individual
    learning point (an empty one is removed). Written while the meeting runs, and corrected
    after it."""
    if item.meeting_id != meeting.pk:
        raise _refuse(_("The item is not on this meeting's agenda."))
    status = LearningMeeting.objects.filter(pk=meeting.pk).values_list("status", flat=True).get()
    if status not in (MeetingStatus.RUNNING, MeetingStatus.ENDED):
        raise _refuse(_("Notes are written once the meeting has started."))
    notes = notes.strip()
    if len(notes) > TEXT_MAX_LENGTH or len((learning_point or "").strip()) > TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Please write at most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
        )
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("consultant")
        .get(pk=item.pk)
    )
    if learning_point is not None:
        if item.kind != AgendaKind.ROUND or not is_member(item.consultant, meeting):
            raise _refuse(_("A learning point belongs to a member's round."))
        _learning_point_save(meeting, item.consultant, learning_point.strip())
    if item.notes != notes:
        item.notes = notes
        item.save(update_fields=["notes"])
    return item


def _learning_point_save(meeting: LearningMeeting, consultant, text: str) -> None:
    if not text:
        LearningPoint.objects.filter(meeting=meeting, consultant=consultant).delete()
        return
    LearningPoint.objects.update_or_create(
        meeting=meeting, consultant=consultant, defaults={"text": text}
    )


@transaction.atomic
def meeting_end(
    *,
    meeting: LearningMeeting,
    minutes: str,
    focus_areas: Sequence[str],
    focus_from: date | None,
    focus_until: date | None,
    now: datetime | None = None,
) -> LearningMeeting:
    """Ends the meeting with its minutes and the two or three common focus areas agreed, and
    the period they apply to; all of it or nothing."""
    now = now or timezone.now()
    lock(meeting)
    if meeting.status == MeetingStatus.ENDED:
        raise _refuse(_("The meeting has already ended."), code="moved")
    if meeting.status != MeetingStatus.RUNNING:
        raise _refuse(_("Only a running meeting can be ended. Start it first."))
    areas = [text.strip() for text in focus_areas if text and text.strip()]
    minutes = minutes.strip()
    errors: dict[str, str] = {}
    if not FOCUS_AREAS_MIN <= len(areas) <= FOCUS_AREAS_MAX:
        errors[NON_FIELD] = _(
            "Agree on two or three common focus areas before you end the meeting."
        )
    elif len({text.casefold() for text in areas}) != len(areas):
        errors[NON_FIELD] = _("The focus areas must be different from each other.")
    elif any(len(text) > FOCUS_AREA_MAX_LENGTH for text in areas):
        errors[NON_FIELD] = _("A focus area can be at most %(limit)s characters.") % {
            "limit": FOCUS_AREA_MAX_LENGTH
        }
    if focus_from is None:
        errors["focus_from"] = _("Please give the day the focus areas apply from.")
    if focus_until is None:
        errors["focus_until"] = _("Please give the day the focus areas apply until.")
    elif focus_from is not None and focus_until < focus_from:
        errors["focus_until"] = _("The period cannot end before it begins.")
    if len(minutes) > TEXT_MAX_LENGTH:
        errors["minutes"] = _("Please write at most %(limit)s characters.") % {
            "limit": TEXT_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    meeting.items.filter(started_at__isnull=False, ended_at__isnull=True).update(ended_at=now)
    meeting.status = MeetingStatus.ENDED
    meeting.ended_at = now
    meeting.minutes = minutes
    meeting.focus_from = focus_from
    meeting.focus_until = focus_until
    meeting.save(update_fields=["status", "ended_at", "minutes", "focus_from", "focus_until"])
    FocusArea.objects.bulk_create(
        FocusArea(meeting=meeting, text=text, position=position)
        for position, text in enumerate(areas, start=1)
    )
    return meeting
