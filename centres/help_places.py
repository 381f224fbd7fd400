"""The opening hours of the places where citizens get help (medbetjening), read as times.

`open_until(place, at)` is when the place's current opening period ends (None when it is
closed at `at`): a co-service session ends then. `hours_summary(place)` is the Danish line
"tirsdag 10-12, torsdag 13.30-15" the guidance and the hand-out card print."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from centres.models import HelpHours, HelpPlace


def weekday_name(weekday: int) -> str:
    names = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
             _("Saturday"), _("Sunday")]  # fmt: skip
    return names[weekday].lower()


def _clock(value: time) -> str:
    return f"{value.hour}" if value.minute == 0 else f"{value.hour}.{value.minute:02d}"


def hours_summary(place: HelpPlace) -> str:
    """The opening hours as one line, weekdays in order; uses prefetched `hours` if there."""
    periods = sorted(place.hours.all(), key=lambda h: (h.weekday, h.opens))
    return ", ".join(
        f"{weekday_name(h.weekday)} {_clock(h.opens)}-{_clock(h.closes)}" for h in periods
    )


def open_until(place: HelpPlace, at: datetime | None = None) -> datetime | None:
    """The end of the opening period `at` falls in (aware, local), or None when closed."""
    local = timezone.localtime(at or timezone.now())
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


__all__ = ["HelpHours", "HelpPlace", "help_places", "hours_summary", "open_until"]
