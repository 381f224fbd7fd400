"""Writes for matching: the citizen's home postcode and travel radius, which job suggestions
and matching measure from."""

from citizens.models import Citizen


def citizen_travel_update(
    *, citizen: Citizen, postcode: str, travel_radius_km: int | None
) -> Citizen:
    """Sets where the citizen lives and how far they will travel (None: the job centre's
    standard, see labour.matching.radius_for). The form has checked the postcode."""
    citizen.postcode = postcode
    citizen.travel_radius_km = travel_radius_km
    citizen.save(update_fields=["postcode", "travel_radius_km", "updated_at"])
    return citizen
