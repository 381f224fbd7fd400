"""Periodic tasks on the Danish clock. huey's scheduler asks a crontab with a naive time in
UTC (its default `utc=True`), so `crontab(hour="7")` would run at 07:00 UTC: 08:00 or 09:00 in
Copenhagen. `local_crontab` reads the same fields on the clock in `settings.TIME_ZONE`."""

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab


def local_crontab(**fields: str) -> Callable[[datetime], bool]:
    """huey's `crontab(**fields)` (day_of_week: 0 = Sunday), in Copenhagen time."""
    matches = crontab(**fields)

    def validate(when: datetime) -> bool:
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        local = when.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)
        return matches(local)

    return validate
