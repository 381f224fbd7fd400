"""Model objects as the API's response bodies (see schemas.py)."""

from api.selectors import offered_consultants
from booking.availability import Rule, Slot, rule_for
from booking.models import Booking, MeetingMode, Topic


def topic_out(topic: Topic) -> dict:
    return {
        "id": topic.pk,
        "name": topic.name,
        "description": topic.description,
        "duration_minutes": topic.duration_minutes,
        "modes": [
            {"id": m, "name": str(MeetingMode(m).label)}
            for m in topic.modes
            if m in MeetingMode.values
        ],
        "consultants": [{"id": c.pk, "name": c.name} for c in offered_consultants(topic)],
    }


def slot_out(slot: Slot, topic: Topic) -> dict:
    return {
        "start": slot.start,
        "end": slot.end,
        "consultants": slot.consultant_ids,
        "modes": [m for m in topic.modes if m != MeetingMode.IN_PERSON or slot.room_free],
    }


class BookingPresenter:
    """Bookings as response bodies. The cancel cut-off comes from the booking rule of the
    citizen's job centre and group, read once per rule however many bookings there are."""

    def __init__(self) -> None:
        self._rules: dict[tuple[int, str], Rule] = {}

    def _rule(self, booking: Booking) -> Rule:
        key = (booking.job_centre_id, booking.citizen.target_group)
        if key not in self._rules:
            self._rules[key] = rule_for(*key)
        return self._rules[key]

    def __call__(self, booking: Booking) -> dict:
        return {
            "id": booking.public_id,
            "status": booking.status,
            "topic": {"id": booking.topic_id, "name": booking.topic.name},
            "consultant": {"id": booking.consultant_id, "name": booking.consultant.name},
            "start": booking.start,
            "end": booking.end,
            "mode": booking.mode,
            "room": {"name": booking.room.name, "location": booking.room.location}
            if booking.room
            else None,
            "note": booking.talk_about,
            "take_away": booking.take_away,
            "cancellable_until": self._rule(booking).change_until(booking.start),
            "created_at": booking.created_at,
        }
