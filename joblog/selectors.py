"""Reads of the Joblog, always for one citizen, with a fixed number of queries however many
entries the citizen has (the page of a citizen with 2,000 entries reads as many as one with 20;
see `make bench`)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils.translation import ngettext

from citizens.models import Citizen
from joblog import hooks
from joblog.models import (
    ANSWERED,
    SEARCH_TYPES,
    Channel,
    EntryStatus,
    JoblogEntry,
    JoblogExemption,
    PlanLetter,
)
from joblog.rules import Rule, yardstick_for

#: How many weeks the progress page shows.
WEEKS = 12

#: An entry that counts as a job search: a search activity that has been done, not planned.
SEARCH = Q(activity__in=SEARCH_TYPES) & ~Q(status=EntryStatus.PLANNED)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def entry_list(
    *,
    citizen: Citizen,
    plan: str = "",
    status: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[JoblogEntry]:
    """The citizen's entries, newest first, filtered as asked."""
    qs = JoblogEntry.objects.filter(citizen=citizen).select_related("occupation")
    if plan:
        qs = qs.filter(plan=plan)
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs.order_by("-date", "-id")


def entry_get(*, citizen: Citizen, pk: int) -> JoblogEntry:
    """One of the citizen's own entries; anyone else's is a 404."""
    return get_object_or_404(
        JoblogEntry.objects.filter(citizen=citizen).select_related("occupation"), pk=pk
    )


def exemptions(*, citizen: Citizen) -> QuerySet[JoblogExemption]:
    return JoblogExemption.objects.filter(citizen=citizen).select_related("created_by")


def exemption_on(*, citizen: Citizen, day: date) -> JoblogExemption | None:
    """The exemption in force on `day`, if any."""
    return (
        exemptions(citizen=citizen)
        .filter(first_day__lte=day)
        .filter(Q(last_day__isnull=True) | Q(last_day__gte=day))
        .first()
    )


@dataclass
class Week:
    monday: date
    number: int
    searches: int


@dataclass
class Summary:
    """The citizen's searches in the yardstick's current period."""

    rule: Rule
    period_start: date
    searches: int

    @property
    def expected(self) -> Decimal:
        return self.rule.searches

    @property
    def weeks(self) -> Decimal:
        return (Decimal(self.rule.period_days) / 7).quantize(Decimal("0.1"))

    @property
    def met(self) -> bool:
        return self.searches >= self.rule.searches

    @property
    def missing(self) -> int:
        return max(0, int((self.rule.searches - self.searches).to_integral_value("ROUND_CEILING")))

    @property
    def period_label(self) -> str:
        """ "4 weeks" when the period is whole weeks, else "30 days"."""
        days = self.rule.period_days
        if days % 7 == 0:
            return ngettext("%(n)d week", "%(n)d weeks", days // 7) % {"n": days // 7}
        return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}

    @property
    def per_week(self) -> Decimal:
        return (self.rule.searches * 7 / self.rule.period_days).quantize(Decimal("0.1"))


@dataclass
class Progress:
    today: date
    summary: Summary
    weeks: list[Week]
    #: From the first week shown to today.
    window_start: date
    entries: int = 0
    searches: int = 0
    answered: int = 0
    interviews: int = 0
    hired: int = 0
    occupations: int = 0
    places: int = 0
    employers: int = 0
    planned_coming: int = 0
    last_activity: date | None = None
    plans: list[tuple[str, str, int]] = field(default_factory=list)
    channels: list[tuple[str, int]] = field(default_factory=list)
    top_occupations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def this_week(self) -> int:
        return self.weeks[-1].searches if self.weeks else 0

    @property
    def max_week(self) -> int:
        return max((w.searches for w in self.weeks), default=0)


def period_summary(*, citizen: Citizen, today: date) -> Summary:
    """Searches in the yardstick's period that ends today (two queries)."""
    rule = yardstick_for(citizen)
    start = today - timedelta(days=rule.period_days - 1)
    searches = JoblogEntry.objects.filter(
        SEARCH, citizen=citizen, date__gte=start, date__lte=today
    ).count()
    return Summary(rule=rule, period_start=start, searches=searches)


def progress(*, citizen: Citizen, today: date) -> Progress:
    """Searches per ISO week for the last WEEKS weeks, the yardstick's current period, breadth
    (occupations, places, employers, plans, channels) and answers received; seven queries.
    An entry counts in the plan it is tagged with, else in its occupation's plan."""
    rule = yardstick_for(citizen)
    period_start = today - timedelta(days=rule.period_days - 1)
    first_monday = monday(today) - timedelta(weeks=WEEKS - 1)
    window = JoblogEntry.objects.filter(citizen=citizen, date__gte=first_monday, date__lte=today)
    totals = JoblogEntry.objects.filter(citizen=citizen).aggregate(
        period_searches=Count("id", filter=SEARCH & Q(date__gte=period_start, date__lte=today)),
        entries=Count("id", filter=Q(date__gte=first_monday, date__lte=today)),
        searches=Count("id", filter=SEARCH & Q(date__gte=first_monday, date__lte=today)),
        answered=Count(
            "id", filter=Q(status__in=ANSWERED, date__gte=first_monday, date__lte=today)
        ),
        interviews=Count(
            "id",
            filter=Q(date__gte=first_monday, date__lte=today)
            & (Q(status=EntryStatus.INTERVIEW) | Q(activity="interview")),
        ),
        hired=Count("id", filter=Q(status=EntryStatus.HIRED, date__gte=first_monday)),
        occupations=Count(
            "occupation", distinct=True, filter=Q(date__gte=first_monday, date__lte=today)
        ),
        places=Count(
            Lower("town"),
            distinct=True,
            filter=Q(date__gte=first_monday, date__lte=today) & ~Q(town=""),
        ),
        employers=Count(
            Lower("employer"), distinct=True, filter=Q(date__gte=first_monday, date__lte=today)
        ),
        planned_coming=Count("id", filter=Q(status=EntryStatus.PLANNED, date__gte=today)),
        last_activity=Max("date", filter=Q(date__lte=today)),
    )
    per_day = window.filter(SEARCH).values("date").annotate(n=Count("id")).order_by()
    by_week: Counter[date] = Counter()
    for row in per_day:
        by_week[monday(row["date"])] += row["n"]
    weeks = []
    for i in range(WEEKS):
        start = first_monday + timedelta(weeks=i)
        weeks.append(Week(start, start.isocalendar().week, by_week[start]))
    letters = hooks.track_letters(citizen.pk)
    plan_counts: Counter[str] = Counter()
    for tag, occupation_id, n in (
        window.values_list("plan", "occupation_id").annotate(n=Count("id")).order_by()
    ):
        plan_counts[tag or letters.get(occupation_id, "")] += n
    form_order = list(Channel.values)
    channel_counts = sorted(
        window.values_list("channel").annotate(n=Count("id")).order_by(),
        key=lambda row: (-row[1], form_order.index(row[0])),
    )
    top = (
        window.values_list("occupation__title")
        .annotate(n=Count("id"))
        .order_by("-n", "occupation__title")[:5]
    )
    return Progress(
        today=today,
        summary=Summary(rule=rule, period_start=period_start, searches=totals["period_searches"]),
        weeks=weeks,
        window_start=first_monday,
        entries=totals["entries"],
        searches=totals["searches"],
        answered=totals["answered"],
        interviews=totals["interviews"],
        hired=totals["hired"],
        occupations=totals["occupations"],
        places=totals["places"],
        employers=totals["employers"],
        planned_coming=totals["planned_coming"],
        last_activity=totals["last_activity"],
        plans=[
            (letter.value, str(letter.label), plan_counts.get(letter.value, 0))
            for letter in PlanLetter
        ],
        channels=[(str(Channel(value).label), n) for value, n in channel_counts],
        top_occupations=list(top),
    )
