"""The citizens' evaluations of their conversations ("Hvordan fungerede den her samtale for dig
i dag?"), stored apart from the conversation on purpose.

An `Evaluation` carries no citizen, no conversation, no consultant and no time of day: only the
job centre, the consultant's team at the time, the day and the answer, under a random key so
the order of the rows tells nothing. An `EvaluationReceipt` records that a conversation has been
answered (so the citizen is asked once) and nothing about the answer. Answers are only ever shown
aggregated over at least the job centre's small-number threshold of answers
(`evaluations.selectors`)."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

WORDS_MAX = 1000


class Evaluation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job_centre = models.ForeignKey("centres.JobCentre", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        "centres.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField()
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    words = models.TextField(_("in your own words"), max_length=WORDS_MAX, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        indexes = [models.Index(fields=["job_centre", "answered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=10), name="evaluation_1_10"
            )
        ]

    def __str__(self) -> str:
        return str(self.score)


class EvaluationReceipt(models.Model):
    """The conversation has been evaluated. Says nothing about the answer."""

    booking = models.OneToOneField(
        "booking.Booking", on_delete=models.CASCADE, related_name="evaluation_receipt"
    )

    class Meta:
        verbose_name = _("evaluation receipt")
        verbose_name_plural = _("evaluation receipts")

    def __str__(self) -> str:
        return f"Receipt {self.booking_id}"
