"""When a message may go out: the job centre's quiet hours and reminder lead time, the next
allowed time, and when a reminder is sent."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from centres.models import JobCentre

#: A reminder that quiet hours would push this close to the conversation goes out the evening
#: before instead (or, with a shorter lead time, no later than the lead time before).
REMINDER_MIN_NOTICE = timedelta(hours=1)
#: "The evening before" is this long before quiet hours begin, so the sending task (every five
#: minutes) has several tries before the quiet hours start.
BEFORE_QUIET = timedelta(minutes=30)


@dataclass(frozen=True)
class QuietHours:
    """Nothing goes out from `start` until `end`, local time (settings.TIME_ZONE). The hours
    may cross midnight (22-09, the default) or not (01-06)."""

    start: time
    end: time

    def covers(self, moment: time) -> bool:
        if self.start > self.end:
            return moment >= self.start or moment < self.end
        return self.start <= moment < self.end


DEFAULT_QUIET_HOURS = QuietHours(
    start=JobCentre._meta.get_field("quiet_hours_start").default,  # type: ignore[arg-type]
    end=JobCentre._meta.get_field("quiet_hours_end").default,  # type: ignore[arg-type]
)
DEFAULT_LEAD = timedelta(hours=JobCentre._meta.get_field("reminder_lead_hours").default)  # type: ignore[arg-type]


def quiet_hours_of(user: User) -> QuietHours:
    """The quiet hours of the user's job centre (the defaults for a user without one)."""
    centre = user.job_centre
    if centre is None:
        return DEFAULT_QUIET_HOURS
    return QuietHours(start=centre.quiet_hours_start, end=centre.quiet_hours_end)


def reminder_lead_of(user: User) -> timedelta:
    centre = user.job_centre
    return timedelta(hours=centre.reminder_lead_hours) if centre else DEFAULT_LEAD


def _local(when: datetime) -> datetime:
    """In the job centres' time zone whatever zone is active (and an error if naive)."""
    return timezone.localtime(when, ZoneInfo(settings.TIME_ZONE))


def _at(day, clock: time, tz) -> datetime:
    """Wall-clock time on a local day; zoneinfo picks the offset, so on the days daylight
    saving starts or ends 09:00 is still 09:00 in Copenhagen, not 08:00 or 10:00."""
    return datetime.combine(day, clock, tzinfo=tz)


def is_allowed_time(when: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> bool:
    return not quiet.covers(_local(when).time())


def next_allowed_time(when: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> datetime:
    """`when` itself outside the quiet hours, otherwise the moment they end."""
    if is_allowed_time(when, quiet):
        return when
    local = _local(when)
    end = _at(local.date(), quiet.end, local.tzinfo)
    return end if end > local else _at(local.date() + timedelta(days=1), quiet.end, local.tzinfo)


def quiet_hours_begin(when: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> datetime:
    """When the quiet hours that `when` falls in began (`when` itself in the daytime)."""
    if is_allowed_time(when, quiet):
        return when
    local = _local(when)
    begin = _at(local.date(), quiet.start, local.tzinfo)
    return begin if begin <= local else _at(local.date() - timedelta(1), quiet.start, local.tzinfo)


def reminder_time(
    *, event_at: datetime, lead: timedelta, quiet: QuietHours, now: datetime
) -> datetime | None:
    """When to remind of something that begins at `event_at`: `lead` before it on the local
    clock (24 hours before Monday 08.30 is Sunday 08.30 across a daylight-saving night too),
    moved out of the quiet hours. Where that would land after the event or too close to it, the
    evening before instead, before the quiet hours begin (Sunday before 22.00 for a Monday 08.30
    meeting, never Monday 09.00); and where that evening has passed as well, None: no
    reminder, rather than one sent after the conversation began."""
    wanted = _local(event_at) - lead
    latest = event_at - min(REMINDER_MIN_NOTICE, lead)
    at = next_allowed_time(max(now, wanted), quiet)
    if at <= latest:
        return at
    evening = quiet_hours_begin(latest, quiet)
    at = max(now, evening - BEFORE_QUIET)
    if at < evening and at <= latest and is_allowed_time(at, quiet):
        return at
    return None
