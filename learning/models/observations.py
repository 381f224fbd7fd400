"""Observations of real conversations, with the citizen's consent and the team's feedback."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from learning.models.techniques import Technique


class ObservationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback given")
    ACKNOWLEDGED = "acknowledged", _("Feedback read")


#: Observations still going somewhere; one observer sits in on a conversation once.
OPEN_OBSERVATION_STATUSES = (
    ObservationStatus.REQUESTED,
    ObservationStatus.ACCEPTED,
    ObservationStatus.FEEDBACK_GIVEN,
    ObservationStatus.ACKNOWLEDGED,
)


class ConsentMethod(models.TextChoices):
    ORAL = "oral", _("Orally, before the conversation")
    WRITTEN = "written", _("In writing")


class Observation(models.Model):
    """A colleague or the team leader sits in on a coming conversation and gives feedback.

    The citizen's consent is recorded before feedback can exist (a database check), and the
    feedback keeps the template's questions as they were asked."""

    booking = models.ForeignKey(
        "booking.Booking", on_delete=models.PROTECT, related_name="observations"
    )
    observed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="observations_received"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observer"),
        on_delete=models.PROTECT,
        related_name="observations_given",
    )
    technique = models.ForeignKey(
        Technique,
        verbose_name=_("technique I am training"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
    )
    message = models.CharField(_("what to look for"), max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=ObservationStatus.choices, default=ObservationStatus.REQUESTED
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_method = models.CharField(
        _("how the citizen consented"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: [{"question": text as asked, "answer": text}, ...]
    answers = models.JSONField(default=list, blank=True)
    went_well = models.TextField(_("one thing that went well"), blank=True)
    try_next = models.TextField(_("one thing to try next time"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement = models.TextField(_("your thoughts on the feedback"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ObservationStatus.values), name="observation_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(observer=F("observed")), name="observation_not_of_oneself"
            ),
            models.CheckConstraint(
                condition=Q(feedback_at__isnull=True) | Q(consent_at__isnull=False),
                name="observation_feedback_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(feedback_at__isnull=False) | Q(went_well="", try_next="", answers=[]),
                name="observation_no_feedback_text_before_feedback",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(feedback_at__isnull=False),
                name="observation_ack_needs_feedback",
            ),
            models.UniqueConstraint(
                fields=["booking", "observer"],
                condition=Q(status__in=OPEN_OBSERVATION_STATUSES),
                name="observation_once_per_observer",
            ),
        ]
        indexes = [
            models.Index(fields=["observed", "feedback_at"]),
            models.Index(fields=["observer", "feedback_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.observer_id} → {self.booking_id}"
