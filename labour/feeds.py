"""The annual wheel as iCalendar (RFC 5545), for calendar apps: one all-day event per wheel
event, from the Monday of its first week to the Sunday of its last (DTEND is exclusive, so the
day after). Holds only what the wheel holds: companies and needs, no citizen data."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from labour.models import WheelEvent
from labour.wheel import event_first_day, event_last_day

PRODID = "-//Jobsamtale//Aarshjul//DA"


def event_summary(event: WheelEvent) -> str:
    return f"{event.company.name}: {event.title}" if event.company else event.title


def _description(event: WheelEvent) -> str:
    lines = []
    if event.positions:
        lines.append(_("Number of people: %(count)d") % {"count": event.positions})
    if event.occupation:
        lines.append(_("Occupation: %(title)s") % {"title": event.occupation.title})
    lines.append(
        _("Weeks %(first)d-%(last)d, %(year)d")
        % {"first": event.week_from, "last": event.week_to, "year": event.year}
    )
    if event.description:
        lines.extend(["", event.description])
    return "\n".join(lines)


def wheel_calendar(*, centre_name: str, events: Iterable[WheelEvent]) -> bytes:
    """The events as an iCalendar file, named after the annual wheel and the centre."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    wheel = _("Annual wheel")
    name = f"{wheel} \N{EN DASH} {centre_name}"
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    stamp = timezone.now()
    for event in events:
        item = Event()
        item.add("uid", f"{event.public_id}@jobsamtale")
        item.add("dtstamp", stamp)
        item.add("dtstart", event_first_day(event))
        item.add("dtend", event_last_day(event) + timedelta(days=1))
        item.add("summary", event_summary(event))
        item.add("description", _description(event))
        item.add("last-modified", event.updated_at)
        item.add("transp", "TRANSPARENT")  # a need, not a meeting: it does not make anyone busy
        calendar.add_component(item)
    return calendar.to_ical()
