"""The techniques a team trains, the consultant's logbook, and the team's feedback template."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The techniques of the method, a new team's starting list (the team leader edits it).
DEFAULT_TECHNIQUES = [
    ("Kontrakt", "Aftal formål, borgerens ønsker og dagsorden i starten af samtalen."),
    ("Nysgerrige spørgsmål", "Åbne spørgsmål, der lader borgeren folde sine tanker ud."),
    ("Spejling", "Gentag og afspejl det, borgeren siger, så borgeren hører sig selv."),
    ("Timeout", "Stop op og aftal på ny, hvor samtalen skal hen."),
    ("Opsummering ved borgeren", "Lad borgeren selv opsummere samtalen og aftalerne."),
    ("Joblog som udgangspunkt", "Tag afsæt i borgerens egen Joblog."),
    ("Arbejdsmarkedsviden i samtalen", "Bring konkret viden om job og virksomheder i spil."),
    (
        "Skift mellem myndighed og vejleder",
        "Vær tydelig om, hvornår du er myndighed, og hvornår du vejleder.",
    ),
]

#: A new team's feedback questions: the conversation's phases and the three bearings. The two
#: questions every feedback ends with (one thing that went well, one to try next) are fields of
#: `Observation`, not questions a team can remove.
DEFAULT_FEEDBACK_QUESTIONS = [
    "Kontrakt og opstart: Hvordan blev formålet, borgerens ønsker og dagsordenen aftalt?",
    "Status: Hvordan kom borgerens egen vurdering af jobsøgningen frem?",
    "Fremdrift: Kom borgerens egne idéer først, før konsulentens viden og tilbud?",
    "Afslutning: Opsummerede borgeren selv, og blev aftaler og hjemmeopgaver konkrete?",
    "Job og arbejdsmarked: Hvordan holdt samtalen retningen mod job og arbejdsmarkedet?",
    "Ejerskab: Hvordan fik borgeren ejerskab til sin egen jobsøgning?",
    "Progression: Hvilken progression blev tydelig for borgeren?",
]


class Technique(models.Model):
    team = models.ForeignKey("centres.Team", on_delete=models.CASCADE, related_name="techniques")
    name = models.CharField(_("technique"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    #: A technique no longer trained is retired, not deleted: old logbook entries keep it.
    active = models.BooleanField(_("being trained"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="technique_name_once_per_team")
        ]

    def __str__(self) -> str:
        return self.name


class LogbookEntry(models.Model):
    """One training experience in the consultant's own logbook. Private unless `shared` with
    the learning group (the consultant's team). An entry with a `booking` comes from, or belongs
    to, that conversation; the logbook never shows the citizen behind it."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="logbook_entries"
    )
    date = models.DateField(_("date"))
    technique = models.ForeignKey(
        Technique,
        verbose_name=_("technique trained"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_entries",
    )
    booking = models.ForeignKey(
        "booking.Booking",
        verbose_name=_("conversation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_entries",
    )
    what_happened = models.TextField(_("what happened"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    score = models.PositiveSmallIntegerField(
        _("how the conversation went (1-10)"),
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    next_step = models.TextField(_("next step"), blank=True)
    shared = models.BooleanField(_("shared with the learning group"), default=False)
    #: Written by the self-rating at the end of the conversation guide.
    from_guide = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=10), name="logbook_score_1_10"
            ),
            models.UniqueConstraint(
                fields=["consultant", "booking"],
                condition=Q(booking__isnull=False),
                name="logbook_one_entry_per_conversation",
            ),
        ]
        indexes = [models.Index(fields=["consultant", "date"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.score}/10"


class FeedbackQuestion(models.Model):
    """One question of a team's feedback template."""

    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, related_name="feedback_questions"
    )
    text = models.CharField(_("question"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")

    def __str__(self) -> str:
        return self.text
