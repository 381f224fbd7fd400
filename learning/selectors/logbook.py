"""Reads of the logbook, scoped by the policy: a consultant reads their own entries and the
entries their team (the learning group) has shared; nobody reads another's private entry.

A linked conversation is only ever read as date, time, topic and mode: these queries never
join the citizen, so no page built on them can show who the conversation was with."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import Role, User
from booking.models import Booking, Status
from centres.models import Team
from learning.models import LogbookEntry, Technique

#: Conversations a new entry can be linked to: the consultant's own, this far back.
CONVERSATION_DAYS = 30
#: Statuses of a conversation that can be written about.
LOGGABLE_STATUSES = (Status.BOOKED, Status.HELD)
#: The trend per technique covers this many weeks, compared half against half.
TREND_WEEKS = 8
#: A change in the average of at least this much between the halves is a trend.
TREND_STEP = 0.5


def entries_visible_to(user: User) -> QuerySet[LogbookEntry]:
    """The user's own entries and the entries shared by members of the user's team."""
    if not policy.can(user, "learning.use"):
        return LogbookEntry.objects.none()
    return LogbookEntry.objects.filter(
        Q(consultant_id=user.pk) | Q(shared=True, consultant__team_id=user.team_id)
    )


def _full(qs: QuerySet[LogbookEntry]) -> QuerySet[LogbookEntry]:
    return qs.select_related("consultant", "technique", "booking__topic")


def _filtered(
    qs: QuerySet[LogbookEntry],
    technique: Technique | None,
    since: date | None,
    until: date | None,
) -> QuerySet[LogbookEntry]:
    if technique is not None:
        qs = qs.filter(technique=technique)
    if since is not None:
        qs = qs.filter(date__gte=since)
    if until is not None:
        qs = qs.filter(date__lte=until)
    return _full(qs).order_by("-date", "-pk")


def logbook_list(
    *,
    user: User,
    technique: Technique | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[LogbookEntry]:
    """The user's own entries, newest first."""
    own = entries_visible_to(user).filter(consultant_id=user.pk)
    return _filtered(own, technique, since, until)


def logbook_shared(
    *,
    user: User,
    technique: Technique | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[LogbookEntry]:
    """Entries shared with the user's learning group (the user's own shared ones too)."""
    # What the user may see is already theirs or their team's; of that, the shared part.
    return _filtered(entries_visible_to(user).filter(shared=True), technique, since, until)


def logbook_entry_get(*, user: User, pk: int) -> LogbookEntry:
    """An entry the user may read, else 404 (another's private entry does not exist for them)."""
    entry = get_object_or_404(_full(entries_visible_to(user)), pk=pk)
    policy.require(user, "logbook_entry.view", entry)
    return entry


def logbook_entry_of_conversation(*, user: User, booking: Booking) -> LogbookEntry | None:
    """The user's own entry on a conversation (the self-rating of the journal page)."""
    return (
        LogbookEntry.objects.filter(consultant_id=user.pk, booking=booking)
        .select_related("technique")
        .first()
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def logbook_conversations(
    *, user: User, today: date, keep: Booking | None = None
) -> QuerySet[Booking]:
    """The user's own booked or held conversations of the last `CONVERSATION_DAYS` days that
    have no entry of theirs yet (plus `keep`, the one an entry being edited is linked to)."""
    recent = Q(
        consultant_id=user.pk,
        status__in=LOGGABLE_STATUSES,
        start__gte=_day_start(today - timedelta(days=CONVERSATION_DAYS)),
        start__lt=_day_start(today + timedelta(days=1)),
    ) & ~Q(
        pk__in=LogbookEntry.objects.filter(consultant_id=user.pk, booking__isnull=False).values(
            "booking_id"
        )
    )
    if keep is not None:
        recent |= Q(pk=keep.pk)
    return Booking.objects.filter(recent).select_related("topic").order_by("-start")


def conversation_label(booking: Booking) -> str:
    """A conversation as the logbook names it: "12. november kl. 10.00 · Jobsøgning · Fremmøde"
    (date, time, topic and mode, never the citizen)."""
    start = timezone.localtime(booking.start)
    when = _("%(date)s at %(time)s") % {
        "date": formats.date_format(start, "MONTH_DAY_FORMAT"),
        "time": formats.time_format(start, "TIME_FORMAT"),
    }
    return f"{when} · {booking.topic.name} · {booking.get_mode_display()}"


@dataclass(frozen=True)
class TechniqueTrend:
    """One technique's self-ratings over the last `TREND_WEEKS` weeks; `technique` None for
    entries without one."""

    technique: str | None
    entries: int
    average: float
    earlier: float | None
    later: float | None

    @property
    def direction(self) -> str:
        """ "up", "down", "steady", or "" when one of the halves has no entries."""
        if self.earlier is None or self.later is None:
            return ""
        change = self.later - self.earlier
        if change >= TREND_STEP:
            return "up"
        if change <= -TREND_STEP:
            return "down"
        return "steady"


@dataclass(frozen=True)
class LogbookStats:
    entries: int
    average: float | None
    since: date
    middle: date
    trends: list[TechniqueTrend]


def logbook_stats(*, user: User, today: date) -> LogbookStats:
    """The average self-rating of all the user's entries, and per technique the last
    `TREND_WEEKS` weeks: the average of the earlier half against the later half (two queries)."""
    own = LogbookEntry.objects.filter(consultant_id=user.pk)
    overall = own.aggregate(n=Count("pk"), avg=Avg("score"))
    since = today - timedelta(weeks=TREND_WEEKS) + timedelta(days=1)
    middle = since + timedelta(weeks=TREND_WEEKS // 2)
    rows = (
        own.filter(date__gte=since, date__lte=today)
        .values("technique__name", "technique__position", "technique_id")
        .annotate(
            n=Count("pk"),
            avg=Avg("score"),
            earlier=Avg("score", filter=Q(date__lt=middle)),
            later=Avg("score", filter=Q(date__gte=middle)),
        )
        .order_by("technique__position", "technique_id")
    )
    trends = [
        TechniqueTrend(
            technique=row["technique__name"],
            entries=row["n"],
            average=row["avg"],
            earlier=row["earlier"],
            later=row["later"],
        )
        for row in rows
    ]
    # Entries without a technique last.
    trends.sort(key=lambda t: t.technique is None)
    return LogbookStats(
        entries=overall["n"], average=overall["avg"], since=since, middle=middle, trends=trends
    )


def home_logbook(*, user: User, today: date) -> dict:
    """For the home page: merge it into the context and include learning/logbook/_home.html.
    The number of the user's entries this month and the date of the last one; for a user
    without a logbook `logbook_may_write` is False and the partial shows nothing."""
    if not policy.can(user, "learning.use"):
        return {"logbook_may_write": False}
    found = LogbookEntry.objects.filter(consultant_id=user.pk).aggregate(
        month=Count("pk", filter=Q(date__gte=today.replace(day=1), date__lte=today)),
        last=Max("date"),
    )
    return {
        "logbook_may_write": True,
        "logbook_entries_this_month": found["month"],
        "logbook_last_entry_on": found["last"],
    }


def logbook_counts(
    *, consultants: Team | QuerySet[User], since: date, until: date
) -> dict[int, int]:
    """Logbook entries written per consultant with a date in `since`..`until` (both included),
    as {user id: count}, zeros included, in one query. `consultants` is a team (its active job
    consultants) or any queryset of users. Entries from the guide's self-rating count too."""
    if isinstance(consultants, Team):
        users = User.objects.filter(team=consultants, role=Role.JOB_CONSULTANT, is_active=True)
    else:
        users = consultants
    in_period = Q(logbook_entries__date__gte=since, logbook_entries__date__lte=until)
    rows = users.order_by().annotate(n=Count("logbook_entries", filter=in_period))
    return dict(rows.values_list("pk", "n"))
