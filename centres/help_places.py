"""The opening hours of the places where citizens get help (medbetjening), read as times.

`open_until(place, at)` is when the place's current opening period ends (None when it is
closed at `at`, also on a public holiday): a co-service session ends then. `hours_summary(place)`
is the Danish line "mandag-onsdag 9-15, torsdag 13.30-15, lukket på helligdage" the guidance,
the hand-out card and the helper's page print."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from centres.models import HelpHours, HelpPlace
from common.public_holidays import public_holiday


def weekday_name(weekday: int) -> str:
    names = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
             _("Saturday"), _("Sunday")]  # fmt: skip
    return names[weekday].lower()


def _clock(value: time) -> str:
    return f"{value.hour}" if value.minute == 0 else f"{value.hour}.{value.minute:02d}"


def _and(items: list[str]) -> str:
    """ "a", "a og b", "a, b og c"."""
    if len(items) < 2:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def hours_summary(place: HelpPlace) -> str:
    """The opening hours as one line, weekdays in order, days in a row with the same hours as
    one span ("mandag-torsdag 9-15, fredag 9-12"); uses prefetched `hours` if there."""
    by_day: dict[int, tuple[str, ...]] = {}
    for h in sorted(place.hours.all(), key=lambda h: (h.weekday, h.opens)):
        by_day[h.weekday] = (*by_day.get(h.weekday, ()), f"{_clock(h.opens)}-{_clock(h.closes)}")
    runs: list[list[int]] = []
    for day, periods in by_day.items():
        if runs and runs[-1][-1] == day - 1 and by_day[day - 1] == periods:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        names = [weekday_name(day) for day in run]
        days = f"{names[0]}-{names[-1]}" if len(run) > 2 else _and(names)
        parts.append(f"{days} {_and(list(by_day[run[0]]))}")
    if parts:
        parts.append(_("closed on public holidays"))
    return ", ".join(parts)


def open_until(place: HelpPlace, at: datetime | None = None) -> datetime | None:
    """The end of the opening period `at` falls in (aware, local), or None when closed."""
    local = timezone.localtime(at or timezone.now())
    if public_holiday(local.date()):
        return None
    for period in place.hours.all():
        if period.weekday == local.weekday() and period.opens <= local.time() < period.closes:
            closing = datetime.combine(local.date(), period.closes)
            return timezone.make_aware(closing, timezone.get_current_timezone())
    return None


def help_places(job_centre_id: int) -> list[HelpPlace]:
    """The job centre's active help places with their hours (two queries)."""
    return list(
        HelpPlace.objects.filter(job_centre_id=job_centre_id, active=True)
        .prefetch_related("hours")
        .order_by("kind", "name")
    )


def places_with_hours(job_centre_id: int) -> list[tuple[HelpPlace, str]]:
    """Each active help place with its opening hours as one Danish line: what the guides and
    the hand-out card list under "where to get help"."""
    return [(place, hours_summary(place)) for place in help_places(job_centre_id)]


__all__ = [
    "HelpHours",
    "HelpPlace",
    "help_places",
    "hours_summary",
    "open_until",
    "places_with_hours",
]
