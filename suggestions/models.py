"""Job suggestions (jobforslag): each week the citizen gets openings from matching, and must
check them within a number of days (the rule, as data per job centre and citizen group). The
citizen marks each one seen, saved to the Joblog or not relevant (with a reason that tunes
later weeks). A missed check is flagged to the consultant; the system never sanctions."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import TargetGroup


class SuggestionRule(models.Model):
    """A job centre's rule for one citizen group or (target_group empty) for all groups
    without a rule of their own. Without any row, DEFAULT_RULE applies."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="suggestion_rules"
    )
    target_group = models.CharField(
        _("citizen group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    check_every_days = models.PositiveSmallIntegerField(
        _("check the suggestions within (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    suggestions_per_week = models.PositiveSmallIntegerField(
        _("suggestions a week"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before the deadline"),
        default=1,
        validators=[MaxValueValidator(14)],
    )
    resuggest_after_weeks = models.PositiveSmallIntegerField(
        _("suggest an unanswered opening again after (weeks)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_(
            "An opening the citizen neither saved nor marked not relevant comes back once, "
            "if it is still open."
        ),
    )

    class Meta:
        verbose_name = _("job suggestion rule")
        verbose_name_plural = _("job suggestion rules")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "target_group"], name="one_suggestion_rule_per_group"
            )
        ]

    def __str__(self) -> str:
        return self.get_target_group_display() or str(_("All groups"))


#: The rule that applies where a job centre has set none.
DEFAULT_RULE = {
    f.name: f.default
    for f in SuggestionRule._meta.concrete_fields
    if f.name not in ("id", "job_centre", "target_group")
}


class SuggestionBatch(models.Model):
    """One week's suggestions for a citizen, with the day they must be checked by."""

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="suggestion_batches"
    )
    week_start = models.DateField(_("week"))
    created_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField(_("check by"))
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    #: When the missed check was flagged to the consultant (once).
    missed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("week of job suggestions")
        verbose_name_plural = _("weeks of job suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "week_start"], name="one_suggestion_batch_per_week"
            )
        ]
        indexes = [models.Index(fields=["checked_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.citizen_id} {self.week_start}"

    @property
    def checked_on_time(self) -> bool:
        """Checked by the end of the due day in Copenhagen (the database gives UTC back)."""
        return self.checked_at is not None and timezone.localdate(self.checked_at) <= self.due_on


class Status(models.TextChoices):
    NEW = "new", _("Not checked yet")
    SEEN = "seen", _("Seen")
    SAVED = "saved", _("Saved in the Joblog")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class Reason(models.TextChoices):
    TOO_FAR = "too_far", _("Too far away")
    NOT_MY_INDUSTRY = "industry", _("Not my industry")
    EDUCATION = "education", _("Requires an education I do not have")
    HOURS = "hours", _("The working hours do not suit me")
    OTHER = "other", _("Other")


class JobSuggestion(models.Model):
    """One opening suggested to a citizen in one week's batch. The database makes sure an
    opening is in a batch once; `suggestions_make` suggests an opening again only when it was
    left unanswered (SuggestionRule.resuggest_after_weeks), and at most twice."""

    batch = models.ForeignKey(SuggestionBatch, on_delete=models.CASCADE, related_name="suggestions")
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="job_suggestions"
    )
    opening = models.ForeignKey(
        "labour.JobOpening",
        verbose_name=_("job opening"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    why = models.CharField(_("why"), max_length=300, blank=True)
    distance_km = models.PositiveSmallIntegerField(_("distance (km)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    reason_text = models.CharField(_("in your own words"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    joblog_entry = models.ForeignKey(
        "joblog.JoblogEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )

    class Meta:
        ordering = ["batch", "rank"]
        verbose_name = _("job suggestion")
        verbose_name_plural = _("job suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "opening"], name="suggest_opening_once_a_week"
            ),
            models.CheckConstraint(
                condition=models.Q(status="not_relevant") | models.Q(reason=""),
                name="suggestion_reason_only_when_not_relevant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citizen_id} {self.opening_id}"
