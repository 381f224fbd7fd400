"""Reads of learning-group meetings, scoped by the policy: the members of a team see its
meetings; a learning point is seen by its consultant and by those who facilitate."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import policy
from accounts.models import User
from centres.models import JobCentre, Team
from learning.models import (
    AgendaItem,
    AgendaKind,
    LearningMeeting,
    LearningPoint,
    MeetingStatus,
)
from learning.services.meetings import AGENDA_TEMPLATE, current_item, is_member

#: When no next meeting is planned, the focus areas are agreed until the likely next one.
NEXT_MEETING_AFTER = timedelta(weeks=6)
COMING = (MeetingStatus.PLANNED, MeetingStatus.RUNNING)
GUIDANCE = {part.kind: part.guidance for part in AGENDA_TEMPLATE}


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def meetings_visible_to(user: User) -> QuerySet:
    """The meetings of the user's own team (the learning group), for its members."""
    team_id = getattr(user, "team_id", None)  # the anonymous have none
    if team_id is None or not policy.can(user, "learning.use"):
        return LearningMeeting.objects.none()
    return LearningMeeting.objects.filter(team_id=team_id)


def meeting_get(*, user: User, pk: int) -> LearningMeeting:
    return get_object_or_404(meetings_visible_to(user).select_related("team", "facilitator"), pk=pk)


def agenda_item_get(*, meeting: LearningMeeting, pk: int) -> AgendaItem:
    """An item of this meeting's agenda; a round of someone no longer in the team is not."""
    item = get_object_or_404(meeting.items.select_related("consultant"), pk=pk)
    if item.kind == AgendaKind.ROUND and not is_member(item.consultant, meeting):
        raise Http404
    return item


@dataclass(frozen=True)
class MeetingLists:
    coming: list[LearningMeeting]
    held: list[LearningMeeting]
    cancelled: list[LearningMeeting]


def meeting_lists(*, user: User, today: date) -> MeetingLists:
    meetings = meetings_visible_to(user).select_related("facilitator")
    return MeetingLists(
        coming=list(meetings.filter(status__in=COMING).order_by("starts_at", "pk")),
        held=list(
            meetings.filter(status=MeetingStatus.ENDED)
            .prefetch_related("focus_areas")
            .order_by("-starts_at", "-pk")
        ),
        cancelled=list(
            meetings.filter(
                status=MeetingStatus.CANCELLED, starts_at__gte=_day_start(today)
            ).order_by("starts_at", "pk")
        ),
    )


@dataclass(frozen=True)
class AgendaRow:
    """An agenda item with the time it is planned to begin (None when skipped) and where it
    stands: coming, current, done, skipped or not reached (the meeting ended first)."""

    item: AgendaItem
    planned_start: datetime | None
    state: str
    guidance: str

    @property
    def reflection_start(self) -> datetime | None:
        if self.planned_start is None or not self.item.reflection_minutes:
            return None
        minutes = self.item.planned_minutes - self.item.reflection_minutes
        return self.planned_start + timedelta(minutes=minutes)


def _state(meeting: LearningMeeting, item: AgendaItem) -> str:
    if item.skipped:
        return "skipped"
    if item.started_at and not item.ended_at:
        return "current"
    if item.ended_at:
        return "done"
    return "not_reached" if meeting.status == MeetingStatus.ENDED else "coming"


def agenda_rows(*, meeting: LearningMeeting) -> list[AgendaRow]:
    """The agenda in order, each item with its planned clock time from the meeting's start."""
    rows = []
    at = meeting.starts_at
    for item in meeting.items.select_related("consultant").order_by("position"):
        start = None
        if not item.skipped:
            start = at
            at += timedelta(minutes=item.planned_minutes)
        rows.append(
            AgendaRow(
                item=item,
                planned_start=start,
                state=_state(meeting, item),
                guidance=str(GUIDANCE.get(item.kind, "")),
            )
        )
    return rows


@dataclass(frozen=True)
class Timer:
    """The current item's countdown, from the server's clock: a reload shows the same."""

    started_at: datetime
    now: datetime
    planned_seconds: int
    reflection_seconds: int

    @property
    def started_ms(self) -> int:
        """Milliseconds since the epoch, for the browser's clock."""
        return int(self.started_at.timestamp() * 1000)

    @property
    def now_ms(self) -> int:
        return int(self.now.timestamp() * 1000)

    @property
    def elapsed_seconds(self) -> int:
        return max(0, int((self.now - self.started_at).total_seconds()))

    @property
    def remaining_seconds(self) -> int:
        """Negative when the item has run over its time."""
        return self.planned_seconds - self.elapsed_seconds

    @property
    def over(self) -> bool:
        return self.remaining_seconds < 0

    @property
    def clock(self) -> str:
        seconds = abs(self.remaining_seconds)
        return f"{'+' if self.over else ''}{seconds // 60:02d}:{seconds % 60:02d}"

    @property
    def reflection_at(self) -> datetime | None:
        """When the shared reflection of a round begins."""
        if not self.reflection_seconds:
            return None
        return self.started_at + timedelta(seconds=self.planned_seconds - self.reflection_seconds)

    @property
    def in_reflection(self) -> bool:
        return bool(self.reflection_seconds) and 0 <= self.remaining_seconds <= (
            self.reflection_seconds
        )


def timer_for(*, item: AgendaItem | None, now: datetime) -> Timer | None:
    if item is None or item.started_at is None or item.ended_at is not None:
        return None
    return Timer(
        started_at=item.started_at,
        now=now,
        planned_seconds=item.planned_minutes * 60,
        reflection_seconds=item.reflection_minutes * 60,
    )


def meeting_current_item(*, meeting: LearningMeeting) -> AgendaItem | None:
    return current_item(meeting) if meeting.status == MeetingStatus.RUNNING else None


def learning_points_seen_by(*, meeting: LearningMeeting, user: User) -> dict[int, LearningPoint]:
    """The meeting's learning points by consultant: all of them for those who facilitate, the
    user's own for anyone else."""
    points = meeting.learning_points.all()
    if not policy.can(user, "meeting.facilitate", meeting):
        points = points.filter(consultant_id=user.pk)
    return {point.consultant_id: point for point in points}


def focus_period_default(*, meeting: LearningMeeting, today: date) -> tuple[date, date]:
    """From today until the day before the team's next planned meeting, or before the likely
    next one (six weeks on) when none is planned yet."""
    following = (
        LearningMeeting.objects.filter(
            team_id=meeting.team_id,
            status=MeetingStatus.PLANNED,
            starts_at__gte=_day_start(today + timedelta(days=1)),
        )
        .exclude(pk=meeting.pk)
        .order_by("starts_at")
        .first()
    )
    if following is not None:
        return today, timezone.localdate(following.starts_at) - timedelta(days=1)
    return today, today + NEXT_MEETING_AFTER - timedelta(days=1)


def home_meetings(*, user: User, today: date) -> dict:
    """For the home page: the focus areas of the team's latest held meeting (they stand until
    the next one is held) with their period, the user's own learning point from it, and the
    next planned meeting."""
    result: dict = {
        "meeting": None,
        "focus_areas": [],
        "focus_from": None,
        "focus_until": None,
        "period_over": False,
        "learning_point": "",
        "next_meeting": None,
    }
    meetings = meetings_visible_to(user)
    latest = (
        meetings.filter(status=MeetingStatus.ENDED)
        .prefetch_related("focus_areas")
        .order_by("-ended_at", "-pk")
        .first()
    )
    if latest is not None:
        point = LearningPoint.objects.filter(meeting=latest, consultant_id=user.pk).first()
        result.update(
            meeting=latest,
            focus_areas=list(latest.focus_areas.all()),
            focus_from=latest.focus_from,
            focus_until=latest.focus_until,
            period_over=bool(latest.focus_until and latest.focus_until < today),
            learning_point=point.text if point else "",
        )
    result["next_meeting"] = (
        meetings.filter(status__in=COMING, starts_at__gte=_day_start(today))
        .order_by("starts_at", "pk")
        .first()
    )
    return result


def meetings_held(
    *,
    team: Team | None = None,
    job_centre: JobCentre | None = None,
    since: date,
    until: date,
) -> int:
    """How many learning-group meetings a team, or all teams of a job centre, held (ended)
    from `since` to `until`, both days included."""
    if (team is None) == (job_centre is None):
        raise TypeError("Give a team or a job centre.")
    held = LearningMeeting.objects.filter(
        status=MeetingStatus.ENDED,
        ended_at__gte=_day_start(since),
        ended_at__lt=_day_start(until + timedelta(days=1)),
    )
    if team is not None:
        return held.filter(team=team).count()
    return held.filter(team__job_centre=job_centre).count()
