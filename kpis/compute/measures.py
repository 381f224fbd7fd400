"""The measures of one job centre read from the sources (bookings, deadlines, Joblog,
suggestions, satisfaction, learning, courses): counts per level, scope and period, by
GROUP BY queries whose number does not grow with the data."""

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from booking.models import Booking, BookingDeadline, DeadlineStatus, Origin, Status
from centres.models import JobCentre
from citizens.models import Citizen
from courses.models import JOB_OUTCOMES, Course
from courses.models import Status as CourseStatus
from evaluations.models import Evaluation
from joblog.models import JoblogEntry
from joblog.selectors import SEARCH
from kpis.models import Level
from kpis.periods import Period
from learning.models import LearningMeeting, LogbookEntry, MeetingStatus, Observation
from suggestions.models import SuggestionBatch

#: Conversations that took place, as the booking KPIs count them.
TAKEN = (Status.HELD, Status.NO_SHOW)


Measures = Counter


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class _Reader:
    """The measures of one period kind: counts per (level, scope id, period start)."""

    def __init__(self, centre: JobCentre, kind: str, periods_: list[Period], today: date):
        self.centre = centre
        self.kind = kind
        self.periods = periods_
        self.today = today
        self.by_start = {p.start: p for p in periods_}
        self.first = periods_[0].start
        self.last = periods_[-1].through
        self.measures: dict[tuple[str, int | None, date], Measures] = defaultdict(Counter)

    # --- helpers ---------------------------------------------------------------------------

    def _bucket(self, field: str, *, is_datetime: bool = False) -> Case:
        """The start of the period the row's (local) date lies in: a CASE over the periods'
        bounds, which both databases compare natively (SQLite would call Python per row for
        a Trunc)."""
        whens = []
        for period in self.periods:
            start, after_end = period.start, period.end + timedelta(days=1)
            condition = (
                {f"{field}__gte": self._midnight(start), f"{field}__lt": self._midnight(after_end)}
                if is_datetime
                else {f"{field}__gte": start, f"{field}__lt": after_end}
            )
            whens.append(When(**condition, then=Value(period.start)))
        return Case(*whens, default=None, output_field=DateField())

    @staticmethod
    def _midnight(day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=_zone())

    def _moments(self) -> tuple[datetime, datetime]:
        """[first day 00:00, the day after the last 00:00) on the Copenhagen clock."""
        return self._midnight(self.first), self._midnight(self.last + timedelta(days=1))

    def _add(self, level: str, scope: int | None, start: date, row: Mapping) -> None:
        self.measures[(level, scope, start)].update({k: v or 0 for k, v in row.items()})

    def summed(self, qs: QuerySet, *, consultant: str | None, team: str, **aggregates) -> None:
        """One query grouped by period, consultant and team, summed up to the team and the job
        centre: only for rows that each belong to exactly one consultant (or team)."""
        groups = {"s_team": F(team)}
        if consultant:
            groups["s_consultant"] = F(consultant)
        rows = qs.values("bucket", **groups).annotate(**aggregates).order_by()
        for row in rows:
            period = self.by_start.get(row["bucket"])
            if period is not None:
                self._spread(period.start, {k: v for k, v in row.items() if k != "bucket"})

    def _spread(self, start: date, row: dict) -> None:
        """Adds a row of a consultant's (and their team's) to them, their team and the centre."""
        team_id, consultant_id = row.pop("s_team"), row.pop("s_consultant", None)
        self._add(Level.CENTRE, None, start, row)
        if team_id is not None:
            self._add(Level.TEAM, team_id, start, row)
        if consultant_id is not None:
            self._add(Level.CONSULTANT, consultant_id, start, row)

    def per_level(self, qs: QuerySet, *, consultant: str, **aggregates) -> None:
        """Three queries, one per level, so that COUNT(DISTINCT ...) is right at each."""
        for level, group in (
            (Level.CENTRE, None),
            (Level.TEAM, f"{consultant}__team"),
            (Level.CONSULTANT, consultant),
        ):
            groups = {"s_scope": F(group)} if group else {}
            rows = qs.values("bucket", **groups).annotate(**aggregates).order_by()
            for row in rows:
                period, scope = self.by_start.get(row["bucket"]), row.get("s_scope")
                if period is None or (group and scope is None):
                    continue
                measures = {k: v for k, v in row.items() if k not in ("bucket", "s_scope")}
                self._add(level, scope, period.start, measures)

    # --- the sources, one progress step each -----------------------------------------------

    def bookings(self) -> None:
        since, until = self._moments()
        qs = Booking.objects.filter(
            job_centre=self.centre, status__in=TAKEN, start__gte=since, start__lt=until
        ).annotate(bucket=self._bucket("start", is_datetime=True))
        self_booked, held = Q(origin=Origin.SELF_BOOKED), Q(status=Status.HELD)
        self.per_level(
            qs,
            consultant="consultant",
            taken=Count("id"),
            self_taken=Count("id", filter=self_booked),
            facilitated=Count("id", filter=self_booked & Q(facilitated_by__isnull=False)),
            no_show=Count("id", filter=Q(status=Status.NO_SHOW)),
            held=Count("id", filter=held),
            citizens_taken=Count("citizen", distinct=True),
            citizens_self=Count("citizen", distinct=True, filter=self_booked),
            citizens_held=Count("citizen", distinct=True, filter=held),
            consultants_held=Count("consultant", distinct=True, filter=held),
        )

    def deadlines(self) -> None:
        qs = BookingDeadline.objects.filter(
            citizen__job_centre=self.centre,
            status=DeadlineStatus.MISSED,
            deadline__gte=self.first,
            deadline__lte=self.last,
        ).annotate(bucket=self._bucket("deadline"))
        self.summed(
            qs,
            consultant="citizen__responsible_consultant",
            team="citizen__responsible_consultant__team",
            deadlines_missed=Count("id"),
            citizens_missed=Count("citizen", distinct=True),
        )

    def joblog(self) -> None:
        """The citizens registered by each period's end and how many of them had a Joblog entry
        in the 14 and 30 days up to it (one query per period), and the searches (one query)."""
        for period in self.periods:
            citizens = Citizen.objects.filter(
                job_centre=self.centre, registered_on__lte=period.through
            )
            rows = (
                citizens.values(
                    s_consultant=F("responsible_consultant"),
                    s_team=F("responsible_consultant__team"),
                )
                .annotate(
                    population=Count("id"),
                    active_14=Count("id", filter=Q(self._had_entry(period.through, 14))),
                    active_30=Count("id", filter=Q(self._had_entry(period.through, 30))),
                )
                .order_by()
            )
            for row in rows:
                self._spread(period.start, dict(row))
        searches = JoblogEntry.objects.filter(
            SEARCH, citizen__job_centre=self.centre, date__gte=self.first, date__lte=self.last
        ).annotate(bucket=self._bucket("date"))
        self.summed(
            searches,
            consultant="citizen__responsible_consultant",
            team="citizen__responsible_consultant__team",
            searches=Count("id"),
        )

    @staticmethod
    def _had_entry(day: date, days: int) -> Exists:
        return Exists(
            JoblogEntry.objects.filter(
                citizen=OuterRef("pk"), date__gt=day - timedelta(days=days), date__lte=day
            )
        )

    def suggestions(self) -> None:
        """Weeks of suggestions due in the period whose day has passed (a batch due today can
        still be checked today)."""
        qs = (
            SuggestionBatch.objects.filter(
                citizen__job_centre=self.centre,
                due_on__gte=self.first,
                due_on__lte=self.last,
                due_on__lt=self.today,
            )
            .annotate(bucket=self._bucket("due_on"))
            .annotate(checked_on=TruncDate("checked_at", tzinfo=_zone()))
        )
        self.summed(
            qs,
            consultant="citizen__responsible_consultant",
            team="citizen__responsible_consultant__team",
            batches_due=Count("id"),
            batches_on_time=Count("id", filter=Q(checked_on__lte=F("due_on"))),
            citizens_due=Count("citizen", distinct=True),
        )

    def satisfaction(self) -> None:
        qs = Evaluation.objects.filter(
            job_centre=self.centre, answered_on__gte=self.first, answered_on__lte=self.last
        ).annotate(bucket=self._bucket("answered_on"))
        self.summed(
            qs,
            consultant=None,
            team="team",
            answers=Count("id"),
            score_sum=Coalesce(Sum("score"), 0),
            answers_8_10=Count("id", filter=Q(score__gte=8)),
        )

    def learning(self) -> None:
        since, until = self._moments()
        self.summed(
            LogbookEntry.objects.filter(
                consultant__job_centre=self.centre, date__gte=self.first, date__lte=self.last
            ).annotate(bucket=self._bucket("date")),
            consultant="consultant",
            team="consultant__team",
            logbook=Count("id"),
        )
        feedback = Observation.objects.filter(
            feedback_at__gte=since, feedback_at__lt=until
        ).annotate(bucket=self._bucket("feedback_at", is_datetime=True))
        self.summed(
            feedback.filter(observed__job_centre=self.centre),
            consultant="observed",
            team="observed__team",
            observed_feedback=Count("id"),
        )
        self.summed(
            feedback.filter(observer__job_centre=self.centre),
            consultant="observer",
            team="observer__team",
            feedback_given=Count("id"),
        )
        self.summed(
            LearningMeeting.objects.filter(
                team__job_centre=self.centre,
                status=MeetingStatus.ENDED,
                ended_at__gte=since,
                ended_at__lt=until,
            ).annotate(bucket=self._bucket("ended_at", is_datetime=True)),
            consultant=None,
            team="team",
            meetings=Count("id"),
        )

    def courses(self) -> None:
        courses = Course.objects.filter(job_centre=self.centre)
        self.per_level(
            courses.filter(started_on__gte=self.first, started_on__lte=self.last).annotate(
                bucket=self._bucket("started_on")
            ),
            consultant="consultant",
            courses_started=Count("id"),
            citizens_started=Count("citizen", distinct=True),
        )
        self.per_level(
            courses.filter(
                status=CourseStatus.ENDED,
                outcome__in=JOB_OUTCOMES,
                ended_on__gte=self.first,
                ended_on__lte=self.last,
            ).annotate(bucket=self._bucket("ended_on")),
            consultant="consultant",
            courses_into_job=Count("id"),
            citizens_into_job=Count("citizen", distinct=True),
        )


#: The progress steps of one period kind, in order.
STEPS: tuple[Callable[[_Reader], None], ...] = (
    _Reader.bookings,
    _Reader.deadlines,
    _Reader.joblog,
    _Reader.suggestions,
    _Reader.satisfaction,
    _Reader.learning,
    _Reader.courses,
)
