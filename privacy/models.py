"""GDPR rights: the citizen's correction requests, and retention rules as data with a record
of each run."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class CorrectionRequest(models.Model):
    """A citizen's request to correct their data (the right to rectification). Staff of the
    citizen's job centre accept it with a note or reject it with a reason."""

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="correction_requests"
    )
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.PROTECT, related_name="correction_requests"
    )
    what_is_wrong = models.TextField(_("what is wrong"), max_length=2000)
    should_be = models.TextField(_("what it should be"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("answered"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("the job centre's answer"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CorrectionStatus.values), name="correction_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=CorrectionStatus.OPEN, resolved_at__isnull=True)
                | (
                    ~Q(status=CorrectionStatus.OPEN)
                    & Q(resolved_at__isnull=False)
                    & ~Q(resolution="")
                ),
                name="correction_resolved_with_answer",
            ),
        ]
        indexes = [models.Index(fields=["job_centre", "status"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.created_at:%Y-%m-%d}"


class RetentionAction(models.TextChoices):
    DELETE = "delete", _("Delete")
    ANONYMISE = "anonymise", _("Anonymise")


class RetentionRule(models.Model):
    """How long one type of data is kept (see `privacy.retention.DATA_TYPES`) and what happens
    after. A rule without a job centre is the default for every centre without its own."""

    job_centre = models.ForeignKey(
        "centres.JobCentre",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="retention_rules",
    )
    data_type = models.CharField(_("type of data"), max_length=32)
    years = models.PositiveSmallIntegerField(
        _("years"), default=0, validators=[MaxValueValidator(50)]
    )
    months = models.PositiveSmallIntegerField(
        _("months"), default=0, validators=[MaxValueValidator(11)]
    )
    action = models.CharField(_("then"), max_length=10, choices=RetentionAction.choices)

    class Meta:
        ordering = ["data_type"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "data_type"], name="retention_rule_once_per_centre"
            ),
            models.UniqueConstraint(
                fields=["data_type"],
                condition=Q(job_centre__isnull=True),
                name="retention_rule_one_default",
            ),
            models.CheckConstraint(
                condition=Q(years__gt=0) | Q(months__gt=0), name="retention_rule_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(action__in=RetentionAction.values), name="retention_action_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.data_type}: {self.years}y {self.months}m {self.action}"

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months


class RetentionRun(models.Model):
    """One run of the retention task: when, and how many rows per data type were deleted or
    anonymised. Holds no personal data."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    #: {"lookup_log": {"deleted": 12, "anonymised": 0}, ...}
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def deleted(self) -> int:
        return sum(c.get("deleted", 0) for c in self.counts.values())

    @property
    def anonymised(self) -> int:
        return sum(c.get("anonymised", 0) for c in self.counts.values())
