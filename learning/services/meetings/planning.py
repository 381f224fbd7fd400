"""A learning-group meeting before it starts: scheduled, changed, its rounds moved or marked
absent, cancelled; the members are told."""

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role, User
from centres.models import Team
from common.db import lock
from learning.models import (
    AgendaItem,
    AgendaKind,
    LearningMeeting,
    MeetingStatus,
)
from learning.services.meetings.agenda import (
    DEFAULT_DURATION_MINUTES,
    DEFAULT_PURPOSE,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    NON_FIELD,
    PLACE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    _refuse,
    agenda_for,
    is_member,
    round_share,
    team_consultants,
)
from notifications.services import notify


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
