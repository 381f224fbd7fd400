"""The leaders' figures: metric snapshots computed by a scheduled task (the dashboard reads
only these), targets (måltal) per KPI for the job centre or a team, and the implementation
plan the method recommends. The KPIs themselves are defined in `kpis.definitions`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    CENTRE = "centre", _("Job centre")
    TEAM = "team", _("Team")
    CONSULTANT = "consultant", _("Consultant")


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


class Snapshot(models.Model):
    """One KPI for one scope (the job centre, a team or a consultant) and one week or month.

    `value` is what the dashboard shows (a share in per cent, an average or a count);
    `numerator`/`denominator` are kept so that a figure can be checked by hand, and `base` is the
    number of citizens or answers it is built on: under the job centre's threshold the pages
    show "< 5" (`common.small_numbers`). `consultants` is how many consultants held
    conversations in the scope and period: satisfaction resting on fewer than 2 is not shown."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="kpi_snapshots"
    )
    kpi = models.CharField(max_length=40)
    level = models.CharField(max_length=10, choices=Level.choices)
    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    period_kind = models.CharField(max_length=5, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    numerator = models.FloatField(default=0)
    denominator = models.FloatField(default=0)
    value = models.FloatField(null=True, blank=True)
    base = models.PositiveIntegerField(default=0)
    #: None where not known (computed before it was counted): then satisfaction is not shown.
    consultants = models.PositiveIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["kpi", "level", "period_start"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level=Level.CENTRE) & Q(team__isnull=True, consultant__isnull=True))
                | (Q(level=Level.TEAM) & Q(team__isnull=False, consultant__isnull=True))
                | (Q(level=Level.CONSULTANT) & Q(consultant__isnull=False)),
                name="snapshot_scope_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="snapshot_period_order"
            ),
            models.UniqueConstraint(
                fields=["job_centre", "kpi", "period_kind", "period_start"],
                condition=Q(level="centre"),
                name="snapshot_once_centre",
            ),
            models.UniqueConstraint(
                fields=["team", "kpi", "period_kind", "period_start"],
                condition=Q(level="team"),
                name="snapshot_once_team",
            ),
            models.UniqueConstraint(
                fields=["consultant", "kpi", "period_kind", "period_start"],
                condition=Q(level="consultant"),
                name="snapshot_once_consultant",
            ),
        ]
        indexes = [
            models.Index(fields=["job_centre", "period_kind", "period_start", "kpi"]),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.level} {self.period_start}: {self.value}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SnapshotRun(models.Model):
    """One computation of a job centre's snapshots, nightly or asked for by a leader; its
    progress is what the dashboard shows while it runs."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="kpi_runs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.job_centre_id} {self.status}"


class Target(models.Model):
    """A target (måltal) for one KPI, for the job centre or one team, over a period."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="kpi_targets"
    )
    team = models.ForeignKey(
        "centres.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kpi_targets",
    )
    kpi = models.CharField(_("figure"), max_length=40)
    value = models.DecimalField(_("target"), max_digits=8, decimal_places=1)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kpi", "team", "starts_on"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="target_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value}"


class PlanStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    UNDER_WAY = "under_way", _("Under way")
    ANCHORED = "anchored", _("Anchored in daily work")


class ImplementationPlan(models.Model):
    """The implementation the method recommends: a project leader, a steering group and a
    project group, milestones and where it stands."""

    job_centre = models.OneToOneField(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="implementation_plan"
    )
    project_leader = models.CharField(_("project leader"), max_length=150, blank=True)
    steering_group = models.TextField(_("steering group"), blank=True)
    project_group = models.TextField(_("project group"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.NOT_STARTED
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("implementation plan")

    def __str__(self) -> str:
        return str(self.job_centre_id)


class Milestone(models.Model):
    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title
