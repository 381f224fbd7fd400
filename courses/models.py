"""Company-oriented courses (virksomhedsrettede forløb): an agreement between a company, a
citizen and the job centre about an internship (virksomhedspraktik), wage subsidy (løntilskud)
or ordinary hours, with its period, hours, tasks, contact and mentor.

The agreement is filled in together at the company and approved there by the company's
contact and by the job centre. An approval is of one version of the agreement: editing the
agreement bumps `version`, so the approvals of the earlier version no longer count. Statuses
change only through `courses.services` (draft → awaiting approval → approved → running →
ended, or cancelled)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citizens.models import TargetGroup

#: Hours per week: at least one, at most a full-time week.
MIN_HOURS = 1
MAX_HOURS = 37
TEXT_MAX = 2000


class Kind(models.TextChoices):
    INTERNSHIP = "internship", _("Internship")
    WAGE_SUBSIDY = "wage_subsidy", _("Wage subsidy")
    ORDINARY_HOURS = "ordinary_hours", _("Ordinary hours")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    JOB_AT_COMPANY = "job_at_company", _("Ordinary job at the company")
    JOB_ELSEWHERE = "job_elsewhere", _("Job elsewhere")
    EDUCATION = "education", _("Education")
    NO_JOB = "no_job", _("No job")
    OTHER = "other", _("Other")


#: Outcomes that count as "into work" in the leaders' figures.
JOB_OUTCOMES = (Outcome.JOB_AT_COMPANY, Outcome.JOB_ELSEWHERE)


class Party(models.TextChoices):
    COMPANY = "company", _("The company")
    JOB_CENTRE = "job_centre", _("The job centre")


class Course(models.Model):
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.PROTECT, related_name="courses"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("citizen"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    company = models.ForeignKey(
        "labour.Company",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    kind = models.CharField(_("kind of course"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    tasks = models.TextField(_("tasks"), max_length=TEXT_MAX)
    contact = models.ForeignKey(
        "labour.ContactPerson",
        verbose_name=_("contact at the company"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    mentor_name = models.CharField(_("mentor"), max_length=150, blank=True)
    mentor_phone = models.CharField(_("mentor's phone"), max_length=20, blank=True)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant at the job centre"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    #: Bumped by every edit of the agreement; approvals are of one version.
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("note on the outcome"), max_length=TEXT_MAX, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("reason"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("company-oriented course")
        verbose_name_plural = _("company-oriented courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="course_period_order"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=MIN_HOURS, hours_per_week__lte=MAX_HOURS),
                name="course_hours_range",
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="course_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="course_status_known"
            ),
            # An outcome belongs to an ended course, and every ended course has one.
            models.CheckConstraint(
                condition=(Q(status=Status.ENDED) & ~Q(outcome="") & Q(ended_on__isnull=False))
                | (~Q(status=Status.ENDED) & Q(outcome="")),
                name="course_outcome_when_ended",
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__gte=models.F("starts_on")),
                name="course_started_in_period",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | (Q(started_on__isnull=False) & Q(ended_on__gte=models.F("started_on"))),
                name="course_ended_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["job_centre", "status"]),
            models.Index(fields=["job_centre", "started_on"]),
            models.Index(fields=["job_centre", "ended_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.company_id}"

    @property
    def weeks(self) -> int:
        """Calendar weeks the period spans, counting a part week as a week."""
        return -(-((self.ends_on - self.starts_on).days + 1) // 7)


class CourseApproval(models.Model):
    """One party's approval of one version of the agreement. For the company, `approved_by_name`
    is the contact's name as chosen or typed on the tablet and `approved_by_user` the staff
    member who held it (the witness); for the job centre both name the consultant."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="approvals")
    party = models.CharField(_("party"), max_length=12, choices=Party.choices)
    version = models.PositiveIntegerField()
    #: SHA-256 of the agreement's text as it was shown when approved.
    agreement_hash = models.CharField(max_length=64)
    approved_by_name = models.CharField(_("approved by"), max_length=150)
    approved_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        ordering = ["approved_at", "id"]
        verbose_name = _("approval of a course")
        verbose_name_plural = _("approvals of courses")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "party", "version"], name="course_approval_once_per_version"
            ),
            models.CheckConstraint(condition=Q(party__in=Party.values), name="approval_party"),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.approved_by_name}"


class Action(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Agreement changed")
    SUBMITTED = "submitted", _("Sent for approval")
    APPROVED_COMPANY = "approved_company", _("Approved by the company")
    APPROVED_JOB_CENTRE = "approved_job_centre", _("Approved by the job centre")
    APPROVED = "approved", _("Approved by both parties")
    STARTED = "started", _("Started")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class CourseEvent(models.Model):
    """The course's history: one line per transition, written by the service that made it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: A name or reason that belongs with the line (the company contact's name, an outcome note).
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("course event")
        verbose_name_plural = _("course events")

    def __str__(self) -> str:
        return self.get_action_display()


class CourseRule(models.Model):
    """A job centre's longest period for a kind of course, for one target group or ("") for
    everyone. Without a row, `courses.rules.DEFAULTS` applies."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="course_rules"
    )
    kind = models.CharField(_("kind of course"), max_length=20, choices=Kind.choices)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    max_weeks = models.PositiveSmallIntegerField(
        _("longest period (weeks)"),
        null=True,
        blank=True,
        help_text=_("Empty: no longest period."),
    )

    class Meta:
        verbose_name = _("rule for courses")
        verbose_name_plural = _("rules for courses")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "kind", "target_group"], name="course_rule_once"
            ),
            models.CheckConstraint(condition=Q(max_weeks__gte=1), name="course_rule_weeks"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target_group}: {self.max_weeks}"
