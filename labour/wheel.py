"""The annual wheel (årshjul): employers' expected needs by ISO week, their year view, and each
staff member's secret calendar-feed address.

A wheel event's `year` is the ISO year its weeks belong to, so week 1 may start in late
December of the year before and week 52 or 53 may end in early January of the next. A year has
53 ISO weeks when 28 December falls in week 53 (every fifth or sixth year)."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from labour.models import CalendarFeed, Company, ContributionStatus, Industry, WheelEvent
from labour.services.contributions import status_for
from occupations.models import Occupation

#: Years a wheel event may be entered for (a guard against typing 226 for 2026).
FIRST_YEAR = 2000
LAST_YEAR = 2100

GROUP_BY_INDUSTRY = "branche"
GROUP_BY_COMPANY = "virksomhed"

# ---------------------------------------------------------------------------------------------
# ISO weeks


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the year's last ISO week."""
    return date(year, 12, 28).isocalendar().week


def week_monday(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def week_sunday(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 7)


def validate_weeks(year: int | None, week_from: int | None, week_to: int | None) -> None:
    """Raises a ValidationError keyed by field when the weeks do not exist in the year or are
    in the wrong order."""
    errors: dict[str, str] = {}
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = _("Enter a year from %(first)d to %(last)d.") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
        raise ValidationError(errors)
    last = weeks_in_year(year) if year is not None else 53
    for name, week in (("week_from", week_from), ("week_to", week_to)):
        if week is not None and not 1 <= week <= last:
            errors[name] = (
                _("%(year)d has %(weeks)d weeks: enter a week from 1 to %(weeks)d.")
                % {"year": year, "weeks": last}
                if year is not None
                else _("Enter a week from 1 to 53.")
            )
    if not errors and week_from is not None and week_to is not None and week_to < week_from:
        errors["week_to"] = _("The last week cannot be before the first week.")
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# Services (writes)


def _check_company(centre, company: Company | None) -> None:
    if company is not None and company.job_centre_id != centre.pk:
        raise ValidationError({"company": _("Choose one of the job centre's companies.")})


def wheel_event_create(
    *,
    centre,
    actor: User,
    title: str,
    year: int,
    week_from: int,
    week_to: int,
    company: Company | None = None,
    occupation: Occupation | None = None,
    positions: int | None = None,
    description: str = "",
) -> WheelEvent:
    validate_weeks(year, week_from, week_to)
    _check_company(centre, company)
    return WheelEvent.objects.create(
        job_centre=centre,
        added_by=actor,
        status=status_for(actor),
        title=title,
        year=year,
        week_from=week_from,
        week_to=week_to,
        company=company,
        occupation=occupation,
        positions=positions,
        description=description,
    )


def wheel_event_update(
    *,
    event: WheelEvent,
    title: str,
    year: int,
    week_from: int,
    week_to: int,
    company: Company | None = None,
    occupation: Occupation | None = None,
    positions: int | None = None,
    description: str = "",
) -> WheelEvent:
    validate_weeks(year, week_from, week_to)
    _check_company(event.job_centre, company)
    event.title = title
    event.year = year
    event.week_from = week_from
    event.week_to = week_to
    event.company = company
    event.occupation = occupation
    event.positions = positions
    event.description = description
    event.save()
    return event


def wheel_event_delete(*, event: WheelEvent) -> None:
    event.delete()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: User) -> str:
    """A new secret feed address token for `user`; the old one (if any) stops working. Only the
    token's hash is stored, so the token is returned to be shown once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user).delete()
    CalendarFeed.objects.create(user=user, token_hash=_token_hash(token))
    return token


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


# ---------------------------------------------------------------------------------------------
# Selectors (reads)


def wheel_events_for(
    *,
    user: User,
    year: int | None = None,
    occupation: Occupation | None = None,
    industry: Industry | None = None,
) -> QuerySet[WheelEvent]:
    """The user's job centre's wheel events, optionally of one year, occupation or industry."""
    events = (
        WheelEvent.objects.filter(job_centre_id=user.job_centre_id)
        .exclude(status=ContributionStatus.REJECTED)
        .select_related("company__industry", "occupation")
    )
    if year is not None:
        events = events.filter(year=year)
    if occupation is not None:
        events = events.filter(occupation=occupation)
    if industry is not None:
        events = events.filter(company__industry=industry)
    return events.order_by("year", "week_from", "week_to", "title", "pk")


def wheel_event_get(*, user: User, public_id: uuid.UUID) -> WheelEvent:
    """An event of the user's job centre, or 404."""
    event = (
        WheelEvent.objects.filter(job_centre_id=user.job_centre_id, public_id=public_id)
        .select_related("company__industry", "occupation", "job_centre")
        .first()
    )
    if event is None or user.job_centre_id is None:
        raise Http404
    return event


def wheel_companies(*, centre) -> QuerySet[Company]:
    return Company.objects.filter(job_centre=centre).order_by("name")


def wheel_industries(*, centre) -> QuerySet[Industry]:
    """Industries of the centre's companies: what the year view can be filtered by."""
    return Industry.objects.filter(companies__job_centre=centre).distinct().order_by("name")


def calendar_feed_owner(token: str) -> User | None:
    """The user whose feed address holds `token`, or None (unknown, replaced or revoked)."""
    if not token or len(token) > 200:
        return None
    feed = (
        CalendarFeed.objects.filter(token_hash=_token_hash(token))
        .select_related("user__job_centre")
        .first()
    )
    return feed.user if feed else None


def calendar_feed_of(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def event_first_day(event: WheelEvent) -> date:
    return week_monday(event.year, event.week_from)


def event_last_day(event: WheelEvent) -> date:
    return week_sunday(event.year, event.week_to)


# ---------------------------------------------------------------------------------------------
# The year view

MONTH_NAMES = [
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
]


@dataclass(frozen=True)
class Week:
    number: int
    monday: date
    sunday: date
    month: int  # the month of its Thursday, as ISO counts a week to the year of its Thursday
    is_current: bool


@dataclass(frozen=True)
class Month:
    number: int
    name: str
    weeks: int


@dataclass(frozen=True)
class Cell:
    """One cell of an event's row in the chart: an empty week, or the bar over its weeks."""

    span: int
    is_current: bool
    event: WheelEvent | None = None


@dataclass
class Row:
    event: WheelEvent
    first_day: date
    last_day: date
    cells: list[Cell]


@dataclass
class Group:
    label: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class YearView:
    year: int
    weeks: list[Week]
    months: list[Month]
    groups: list[Group]
    current_week: int | None

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def _row_cells(event: WheelEvent, weeks: list[Week]) -> list[Cell]:
    cells = []
    for week in weeks:
        if week.number < event.week_from or week.number > event.week_to:
            cells.append(Cell(span=1, is_current=week.is_current))
        elif week.number == event.week_from:
            covered = weeks[event.week_from - 1 : event.week_to]
            cells.append(
                Cell(
                    span=len(covered),
                    is_current=any(w.is_current for w in covered),
                    event=event,
                )
            )
    return cells


def _group_key(event: WheelEvent, group_by: str) -> tuple[int, str]:
    """(0, name) sorts before (1, ...): events without an industry/company come last."""
    company = event.company
    if group_by == GROUP_BY_COMPANY:
        return (0, company.name) if company else (1, _("No company"))
    if company is not None and company.industry is not None:
        return (0, company.industry.name)
    return (1, _("No industry"))


def wheel_year(
    *,
    user: User,
    year: int,
    occupation: Occupation | None = None,
    industry: Industry | None = None,
    group_by: str = GROUP_BY_INDUSTRY,
    today: date | None = None,
) -> YearView:
    """The year's ISO weeks by month, and the centre's events of the year as rows of cells,
    grouped by industry (or company), the current week marked."""
    today = today or timezone.localdate()
    iso_today = today.isocalendar()
    current = iso_today.week if iso_today.year == year else None
    weeks = [
        Week(
            number=n,
            monday=week_monday(year, n),
            sunday=week_sunday(year, n),
            month=date.fromisocalendar(year, n, 4).month,
            is_current=n == current,
        )
        for n in range(1, weeks_in_year(year) + 1)
    ]
    months = [
        Month(number=m, name=str(MONTH_NAMES[m - 1]), weeks=len(list(ws)))
        for m, ws in groupby(weeks, key=lambda w: w.month)
    ]
    events = list(wheel_events_for(user=user, year=year, occupation=occupation, industry=industry))
    events.sort(key=lambda e: (_group_key(e, group_by), e.week_from, e.week_to, e.title))
    groups = []
    for (_rank, label), members in groupby(events, key=lambda e: _group_key(e, group_by)):
        groups.append(
            Group(
                label=label,
                rows=[
                    Row(
                        event=e,
                        first_day=event_first_day(e),
                        last_day=event_last_day(e),
                        cells=_row_cells(e, weeks),
                    )
                    for e in members
                ],
            )
        )
    return YearView(year=year, weeks=weeks, months=months, groups=groups, current_week=current)
