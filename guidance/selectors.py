"""Reads for the guides: the job centre's note on a guide."""

from centres.models import JobCentre
from guidance.models import GuideNote


def guide_note(*, centre: JobCentre, slug: str) -> str:
    """The centre's own note at the end of the guide ('' when it has none)."""
    note = GuideNote.objects.filter(job_centre=centre, guide=slug).only("text").first()
    return note.text if note else ""
