"""Reads for the cooperation page: the week's agenda (five queries, whatever the centre's size),
the meetings with their follow-ups, the open requests and the partner pairs."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from labour.models import CooperationAgreement, JobOpening, WheelEvent
from teamwork.models import CitizenRequest, FollowUp, JointMeeting, PartnerPair, StandingMeeting

#: The agenda looks this far back for news, and this far ahead in the annual wheel.
NEWS_DAYS = 7
WHEEL_WEEKS = 8


def standing_meeting(*, user: User) -> StandingMeeting | None:
    """The meeting the user takes part in: their team's, else the centre's."""
    meetings = StandingMeeting.objects.filter(job_centre_id=user.job_centre_id).filter(
        Q(team__isnull=True) | Q(team_id=user.team_id)
    )
    return min(meetings, key=lambda m: m.team_id is None, default=None)


def next_date(meeting: StandingMeeting, today: date) -> date:
    """The meeting's next date, today included."""
    return today + timedelta(days=(meeting.weekday - today.weekday()) % 7)


def last_date(meeting: StandingMeeting, today: date) -> date:
    """The meeting's latest date, today included: the one whose minutes are written now."""
    return today - timedelta(days=(today.weekday() - meeting.weekday) % 7)


def minutes_of(meeting: StandingMeeting, held_on: date) -> str:
    """What is written for that day's meeting so far ("" when nothing is)."""
    return (
        JointMeeting.objects.filter(standing=meeting, held_on=held_on)
        .values_list("minutes", flat=True)
        .first()
        or ""
    )


@dataclass
class Agenda:
    since: date
    openings_by_industry: list[Any]
    wheel_needs: list[WheelEvent]
    requests: list[CitizenRequest]
    agreements: list[CooperationAgreement]
    follow_ups: list[FollowUp]


def _weeks_ahead(today: date, weeks: int) -> Q:
    """Wheel needs overlapping the ISO weeks from this one to `weeks` ahead (years apart)."""
    condition = Q(pk__in=[])
    for n in range(weeks + 1):
        year, week, _day = (today + timedelta(weeks=n)).isocalendar()
        condition |= Q(year=year, week_from__lte=week, week_to__gte=week)
    return condition


def agenda(*, job_centre_id: int, today: date) -> Agenda:
    """What the week brought, for the standing meeting: new openings by industry, the annual
    wheel's coming needs, colleagues' open requests, new cooperation agreements and the open
    follow-ups of earlier meetings. Five queries."""
    since = today - timedelta(days=NEWS_DAYS)
    openings = list(
        JobOpening.objects.filter(job_centre_id=job_centre_id, created_at__date__gt=since)
        .values("company__industry__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "company__industry__name")
    )
    wheel = list(
        WheelEvent.objects.filter(job_centre_id=job_centre_id)
        .filter(_weeks_ahead(today, WHEEL_WEEKS))
        .select_related("company", "occupation")
        .order_by("year", "week_from", "title")[:20]
    )
    requests = list(open_requests(job_centre_id=job_centre_id))
    agreements = list(
        CooperationAgreement.objects.filter(
            company__job_centre_id=job_centre_id, created_at__date__gt=since
        )
        .select_related("company")
        .order_by("-created_at")
    )
    follow_ups = list(
        FollowUp.objects.filter(
            meeting__standing__job_centre_id=job_centre_id, done_at__isnull=True
        ).select_related("owner", "meeting")
    )
    return Agenda(since, openings, wheel, requests, agreements, follow_ups)


def open_requests(*, job_centre_id: int) -> QuerySet[CitizenRequest]:
    return CitizenRequest.objects.filter(
        job_centre_id=job_centre_id, closed_at__isnull=True
    ).select_related("asked_by", "occupation")


def recent_meetings(*, standing: StandingMeeting, limit: int = 6) -> list[JointMeeting]:
    return list(
        standing.meetings.select_related("written_by").prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner"))
        )[:limit]
    )


def meeting_get(*, user: User, public_id) -> JointMeeting:
    return get_object_or_404(
        JointMeeting.objects.select_related("standing"),
        public_id=public_id,
        standing__job_centre_id=user.job_centre_id,
    )


def follow_up_get(*, user: User, public_id) -> FollowUp:
    return get_object_or_404(
        FollowUp, public_id=public_id, meeting__standing__job_centre_id=user.job_centre_id
    )


def request_get(*, user: User, public_id) -> CitizenRequest:
    return get_object_or_404(CitizenRequest, public_id=public_id, job_centre_id=user.job_centre_id)


def pair_get(*, user: User, public_id) -> PartnerPair:
    return get_object_or_404(PartnerPair, public_id=public_id, job_centre_id=user.job_centre_id)


def current_pairs(*, job_centre_id: int) -> list[PartnerPair]:
    return list(
        PartnerPair.objects.filter(job_centre_id=job_centre_id, ended_on__isnull=True)
        .select_related("job_consultant", "business_consultant")
        .order_by("job_consultant__name")
    )


def colleagues(*, job_centre_id: int, role: Role) -> QuerySet[User]:
    return User.objects.filter(job_centre_id=job_centre_id, role=role, is_active=True).order_by(
        "name"
    )
