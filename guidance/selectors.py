"""Reads for the guides: the job centre's note on a guide and its help places."""

from centres.help_places import help_places, hours_summary
from centres.models import JobCentre
from guidance.models import GuideNote


def guide_note(*, centre: JobCentre, slug: str) -> str:
    """The centre's own note at the end of the guide ('' when it has none)."""
    note = GuideNote.objects.filter(job_centre=centre, guide=slug).only("text").first()
    return note.text if note else ""


def places_with_hours(*, centre: JobCentre) -> list[dict]:
    """The centre's active help places, each with its opening hours as one Danish line."""
    return [{"place": place, "hours": hours_summary(place)} for place in help_places(centre.pk)]
