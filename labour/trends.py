"""The local labour market over time: openings per industry and occupation per week, month and
Tuesday week, counted from the board (its own openings and the imports) into stored rows
(`OpeningCount`), nightly and on demand; the trend page reads only those rows, a few queries
whatever the size of the board.

An opening counts in the period of its `date_posted` (the local date it was posted) once it is
confirmed: a colleague's tip counts when a business consultant confirms it."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from centres.models import JobCentre
from labour.models import ContributionStatus, Industry, JobOpening, OpeningCount, Period, WheelEvent
from occupations.models import LabourBalance
from places.models import Area
from places.selectors import area_of

#: How far back the stored rows and the page reach.
WEEKS = 13
MONTHS = 12
#: How many occupations the page lists one by one (the rest are summed).
TOP_OCCUPATIONS = 10
#: How many weeks ahead the wheel's coming needs are shown.
WHEEL_WEEKS = 8


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def tuesday_start(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 1) % 7)


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


STARTS: dict[str, Callable[[date], date]] = {
    Period.WEEK: week_start,
    Period.MONTH: month_start,
    Period.TUESDAY: tuesday_start,
}


def history_start(today: date) -> date:
    """The first day the stored rows cover: the month MONTHS back (or WEEKS back)."""
    return min(months_back(today, MONTHS - 1), week_start(today) - timedelta(weeks=WEEKS - 1))


def current_start(today: date) -> date:
    """The earliest start of the periods `today` is in: a recount from here updates them all."""
    return min(start(today) for start in STARTS.values())


# ---------- computing the rows ----------


def trends_compute(
    *, job_centre_id: int, today: date | None = None, since: date | None = None
) -> int:
    """Counts the centre's confirmed openings posted from `since` (default: the whole
    history the page shows) through `today` into fresh rows for every period that starts on
    or after `since`. Returns the number of rows written.

    Recounts of one centre queue on the centre's row (FOR NO KEY UPDATE, so rows that refer to
    the centre are still written meanwhile) and count inside their transaction: on PostgreSQL
    two at once each deleted the rows they saw and then both inserted theirs, so the counts
    doubled until the next recount."""
    with transaction.atomic():
        JobCentre.objects.select_for_update(no_key=True).get(pk=job_centre_id)
        return _recount(job_centre_id, today, since)


def _recount(job_centre_id: int, today: date | None, since: date | None) -> int:
    today = today or timezone.localdate()
    since = since or history_start(today)
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    grouped = (
        JobOpening.objects.filter(
            job_centre_id=job_centre_id,
            status=ContributionStatus.CONFIRMED,
            date_posted__gte=since,
            date_posted__lte=today,
        )
        .values_list("date_posted", "company__industry_id", "occupation_id", "postcode")
        .annotate(n=Count("pk"), positions=Sum("positions"))
        .order_by()
    )
    areas: dict[str, str] = {}
    for posted, industry, occupation, postcode, n, positions in grouped:
        if postcode not in areas:
            areas[postcode] = str(area_of(postcode) or "")
        for period, start in STARTS.items():
            first = start(posted)
            if first >= since:
                row = counts[(period, first, industry, occupation, areas[postcode])]
                row[0] += n
                row[1] += positions or 0
    now = timezone.now()
    rows = [
        OpeningCount(
            job_centre_id=job_centre_id,
            period=period,
            starts_on=first,
            industry_id=industry,
            occupation_id=occupation,
            area=area,
            openings=n,
            positions=positions,
            computed_at=now,
        )
        for (period, first, industry, occupation, area), (n, positions) in counts.items()
    ]
    OpeningCount.objects.filter(job_centre_id=job_centre_id, starts_on__gte=since).delete()
    OpeningCount.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def trends_refresh(*, job_centre_id: int, today: date | None = None) -> int:
    """Recounts the periods today is in (after a confirmation, or on demand)."""
    today = today or timezone.localdate()
    return trends_compute(job_centre_id=job_centre_id, today=today, since=current_start(today))


def trends_compute_all(*, today: date | None = None) -> int:
    """Every job centre's rows (the nightly task)."""
    return sum(
        trends_compute(job_centre_id=pk, today=today)
        for pk in JobCentre.objects.values_list("pk", flat=True)
    )


# ---------- reading the rows ----------


@dataclass(frozen=True)
class Series:
    label: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Change:
    label: str
    now: int
    before: int

    @property
    def difference(self) -> int:
        return self.now - self.before


@dataclass(frozen=True)
class TrendView:
    period: str
    starts: list[date]
    industries: list[Series]
    occupations: list[Series]
    totals: list[int]
    since: date
    changes: list[Change]
    wheel: list[WheelEvent]
    balances: list[LabourBalance]
    computed_at: datetime | None


def _starts(period: str, today: date) -> list[date]:
    if period == Period.MONTH:
        return [months_back(today, n) for n in range(MONTHS - 1, -1, -1)]
    return [week_start(today) - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def _series(rows, key: str, label: str, starts: list[date]) -> dict:
    index = {start: i for i, start in enumerate(starts)}
    found: dict = {}
    for row in rows:
        label_of = row[label] or ""
        series = found.setdefault(row[key], (label_of, [0] * len(starts)))
        series[1][index[row["starts_on"]]] += row["n"]
    return found


def trend_view(
    *,
    job_centre: JobCentre,
    today: date,
    period: str = Period.WEEK,
    area: str = "",
    industry: Industry | None = None,
    no_industry: str = "",
    others: str = "",
) -> TrendView:
    """The page's figures from the stored rows: six queries whatever the board's size."""
    starts = _starts(period, today)
    base: QuerySet[OpeningCount] = OpeningCount.objects.filter(job_centre=job_centre)
    if area:
        base = base.filter(area=area)
    if industry is not None:
        base = base.filter(industry=industry)
    rows = base.filter(period=period, starts_on__gte=starts[0], starts_on__lte=starts[-1])
    by_industry = _series(
        rows.values("starts_on", "industry_id", "industry__name").annotate(n=Sum("openings")),
        "industry_id",
        "industry__name",
        starts,
    )
    by_occupation = _series(
        rows.values("starts_on", "occupation_id", "occupation__title").annotate(n=Sum("openings")),
        "occupation_id",
        "occupation__title",
        starts,
    )
    industries = sorted(
        (Series(label or no_industry, counts) for label, counts in by_industry.values()),
        key=lambda s: (-s.total, s.label),
    )
    ranked = sorted(by_occupation.items(), key=lambda kv: (-sum(kv[1][1]), kv[1][0]))
    occupations = [Series(label or others, c) for _k, (label, c) in ranked[:TOP_OCCUPATIONS]]
    rest = [c for _k, (_label, c) in ranked[TOP_OCCUPATIONS:]]
    if rest:
        occupations.append(Series(others, [sum(col) for col in zip(*rest, strict=True)]))
    totals = [sum(col) for col in zip(*(s.counts for s in industries), strict=True)] or [0] * len(
        starts
    )

    since = tuesday_start(today) if today.weekday() != 1 else today - timedelta(days=7)
    week_before = since - timedelta(days=7)
    changed: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        base.filter(period=Period.TUESDAY, starts_on__in=[since, week_before])
        .values("starts_on", "industry__name")
        .annotate(n=Sum("openings"))
    ):
        changed[row["industry__name"] or no_industry][row["starts_on"] == week_before] += row["n"]
    changes = sorted(
        (Change(label, now, before) for label, (now, before) in changed.items()),
        key=lambda c: (-abs(c.difference), c.label),
    )

    iso = today.isocalendar()
    last = today + timedelta(weeks=WHEEL_WEEKS)
    wheel = (
        WheelEvent.objects.filter(
            job_centre=job_centre, year__in={iso.year, last.isocalendar().year}
        )
        .exclude(status=ContributionStatus.REJECTED)
        .select_related("company", "occupation")
        .order_by("year", "week_from", "title")
    )
    if industry is not None:
        wheel = wheel.filter(company__industry=industry)
    coming = [
        e
        for e in wheel
        if (e.year, e.week_to) >= (iso.year, iso.week)
        and (e.year, e.week_from) <= tuple(last.isocalendar())[:2]
    ]

    top_ids = [k for k, _v in ranked[:TOP_OCCUPATIONS] if k is not None]
    balances = LabourBalance.objects.filter(occupation_id__in=top_ids).select_related("occupation")
    balances = balances.filter(area=area) if area else balances.filter(area=_home_area(job_centre))
    computed = base.aggregate(at=Max("computed_at"))["at"]
    return TrendView(
        period=period,
        starts=starts,
        industries=industries,
        occupations=occupations,
        totals=totals,
        since=since,
        changes=changes,
        wheel=coming,
        balances=list(balances.order_by("occupation__title")),
        computed_at=computed,
    )


def _home_area(job_centre: JobCentre) -> str:
    return str(area_of(job_centre.postcode) or Area.HOVEDSTADEN)
