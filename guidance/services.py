"""Writes for the guides: the job centre's own note on a guide (its administrators' work)."""

from centres.models import JobCentre
from guidance.models import GuideNote


def guide_note_save(*, centre: JobCentre, slug: str, text: str) -> GuideNote:
    note = GuideNote.objects.filter(job_centre=centre, guide=slug).first() or GuideNote(
        job_centre=centre, guide=slug
    )
    note.text = text.strip()
    note.full_clean()
    note.save()
    return note
