"""Demo: each demo job centre's own note on a guide (the rest of a guide reads the centre's
phone, e-mail, opening hours and help places, made by centres.demo)."""

from typing import TextIO

from centres.models import JobCentre
from guidance.services import guide_note_save

NOTES = {
    ("Jobcenter Demo", "hjaelp"): (
        "Kom til Jobcafé på Brøndby Bibliotek. Vi er der hver tirsdag fra 10 til 12. "
        "Du skal ikke booke."
    ),
    ("Jobcenter Nord", "selvbooking"): (
        "Kan du ikke finde en tid? Ring til os. Så hjælper vi dig."
    ),
}


def seed(rng, stdout: TextIO) -> None:
    centres = {c.name: c for c in JobCentre.objects.filter(name__in={n for n, _ in NOTES})}
    for (name, slug), text in NOTES.items():
        if name in centres:
            guide_note_save(centre=centres[name], slug=slug, text=text)
    stdout.write(f"  guide notes: {len(NOTES)}")
