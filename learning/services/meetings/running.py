"""A learning-group meeting while it runs: started, walked through item by item with the
facilitator's notes and learning points, and ended with the common focus areas."""

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.db import lock
from learning.models import (
    AgendaItem,
    AgendaKind,
    FocusArea,
    LearningMeeting,
    LearningPoint,
    MeetingStatus,
)
from learning.services.meetings.agenda import (
    FOCUS_AREA_MAX_LENGTH,
    FOCUS_AREAS_MAX,
    FOCUS_AREAS_MIN,
    NON_FIELD,
    TEXT_MAX_LENGTH,
    _refuse,
    is_member,
)


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
