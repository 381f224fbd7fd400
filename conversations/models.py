"""The job-oriented conversation itself: the guide's notes (saved as the consultant types),
the timeouts and the consultant's journal note (a draft until finalised, then only amended).
A conversation is a `booking.Booking`; these hang off it. The consultant's self-rating is
their logbook entry on the conversation (`learning.LogbookEntry`).

The citizen's evaluation is deliberately not here: it lives in the `evaluations` app, stored
apart from the conversation and its consultant."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_MAX = 4000
LINE_MAX = 300
#: The longest text of an own guide: a phase's title, and any other text.
GUIDE_TITLE_MAX, GUIDE_TEXT_MAX = 100, 300


class NoteField(models.TextChoices):
    """The guide's prompts. Which phase each belongs to is in `conversations.guide`."""

    PURPOSE = "purpose", _("Purpose of the conversation")
    WISHES = "wishes", _("The citizen's wishes")
    AGENDA = "agenda", _("Agreed agenda")
    STATUS = "status", _("Where the job search stands, and what happened since last time")
    CITIZEN_IDEAS = "citizen_ideas", _("The citizen's own ideas")
    CONSULTANT_INPUT = "consultant_input", _("My knowledge and offers")
    SUMMARY = "summary", _("The citizen's summary")
    NEXT_STEP = "next_step", _("Next step")


class Guide(models.Model):
    """The conversation guide of one conversation, opened the first time the consultant runs it."""

    booking = models.OneToOneField(
        "booking.Booking", on_delete=models.CASCADE, related_name="guide"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation guide")
        verbose_name_plural = _("conversation guides")

    def __str__(self) -> str:
        return f"Guide {self.booking_id}"


class GuideNote(models.Model):
    """One prompt's note. Each has its own version, so saving one field never conflicts with
    another, while two people typing in the same field are told instead of overwriting."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="notes")
    field = models.CharField(max_length=20, choices=NoteField.choices)
    text = models.TextField(blank=True, max_length=NOTE_MAX)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guide", "field"], name="guide_note_once"),
            models.CheckConstraint(
                condition=models.Q(field__in=NoteField.values), name="guide_note_field_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.field


class Timeout(models.Model):
    """A pause to re-align with the citizen: is the conversation on the right track?"""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="timeouts")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("what you agreed"), max_length=LINE_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Timeout {self.at:%H:%M}"


class JournalNote(models.Model):
    """The consultant's journal note on a conversation. A draft can be edited (with a version
    check); once finalised the text is frozen and only amendments, shown with it, are added."""

    booking = models.OneToOneField(
        "booking.Booking", on_delete=models.CASCADE, related_name="journal_note"
    )
    text = models.TextField(_("journal note"), max_length=NOTE_MAX)
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finalised_at__isnull=True, finalised_by__isnull=True)
                | models.Q(finalised_at__isnull=False, finalised_by__isnull=False),
                name="journal_finalised_by_someone",
            )
        ]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


class JournalAmendment(models.Model):
    """An addition to a finalised journal note; the trail is shown under the note."""

    note = models.ForeignKey(JournalNote, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField(_("amendment"), max_length=NOTE_MAX)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return self.text[:50]


class GuideTemplate(models.Model):
    """A job centre's or a team's own guide text ("egen drejebog"): the phases' titles,
    purposes and questions and the prompts' hints, keyed as `conversations.guide.text_keys`.
    A key not set keeps the method's text; a team's template is laid over its centre's."""

    job_centre = models.ForeignKey("centres.JobCentre", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    texts = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("own conversation guide")
        verbose_name_plural = _("own conversation guides")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre"],
                condition=models.Q(team__isnull=True),
                name="one_guide_template_per_centre",
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=models.Q(team__isnull=False),
                name="one_guide_template_per_team",
            ),
        ]

    def __str__(self) -> str:
        return f"Guide template {self.job_centre_id}/{self.team_id}"
