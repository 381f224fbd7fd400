from django.db import models
from django.utils.translation import gettext_lazy as _

from guidance.guides import GUIDES

NOTE_MAX_LENGTH = 600


class GuideNote(models.Model):
    """A job centre's own words at the end of one guide (the guides themselves are data in
    `guidance.guides`; the centre's phone, e-mail, hours and help places are read live)."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="guide_notes"
    )
    guide = models.CharField(_("guide"), max_length=40, choices=[(g.slug, g.title) for g in GUIDES])
    text = models.TextField(_("the job centre's note"), max_length=NOTE_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("guide note")
        verbose_name_plural = _("guide notes")
        constraints = [
            models.UniqueConstraint(fields=["job_centre", "guide"], name="guide_note_unique")
        ]

    def __str__(self) -> str:
        return f"{self.job_centre_id}: {self.guide}"
