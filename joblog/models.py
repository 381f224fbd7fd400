"""The citizen's Joblog: applications and other job-search activities, the yardsticks the job
centre measures activity by (rules as data), and exemptions from keeping a Joblog."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizens.models import BenefitType, TargetGroup


class ActivityType(models.TextChoices):
    APPLICATION = "application", _("Application for an advertised job")
    UNSOLICITED = "unsolicited", _("Unsolicited application")
    INTERVIEW = "interview", _("Job interview")
    COMPANY_CONTACT = "company_contact", _("Contact to a company")
    JOB_FAIR = "job_fair", _("Job fair")
    NETWORK = "network", _("Network meeting")
    RECRUITER = "recruiter", _("CV sent to a recruiter")


#: Activities that count as a job search ("søgning") against the yardstick.
SEARCH_TYPES = (ActivityType.APPLICATION, ActivityType.UNSOLICITED, ActivityType.RECRUITER)


class Channel(models.TextChoices):
    JOB_AD = "job_ad", _("Job ad")
    UNSOLICITED = "unsolicited", _("Unsolicited")
    NETWORK = "network", _("Network")
    JOB_CENTRE = "job_centre", _("The job centre")
    RECRUITER = "recruiter", _("Recruiter")
    JOBNET = "jobnet", _("Jobnet")
    OTHER = "other", _("Other")


class EntryStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENT = "sent", _("Sent")
    INTERVIEW = "interview", _("Called to interview")
    REJECTED = "rejected", _("Rejected")
    HIRED = "hired", _("Hired")
    NO_ANSWER = "no_answer", _("No answer")


#: Statuses that mean the employer answered.
ANSWERED = (EntryStatus.INTERVIEW, EntryStatus.REJECTED, EntryStatus.HIRED)


class PlanLetter(models.TextChoices):
    A = "A", _("Plan A")
    B = "B", _("Plan B")
    C = "C", _("Plan C")


class JoblogEntry(models.Model):
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="joblog_entries"
    )
    activity = models.CharField(
        _("activity"), max_length=20, choices=ActivityType.choices, default=ActivityType.APPLICATION
    )
    occupation = models.ForeignKey(
        "occupations.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="joblog_entries",
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    employer = models.CharField(_("employer"), max_length=150)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    town = models.CharField(_("town"), max_length=80, blank=True)
    date = models.DateField(_("date"))
    channel = models.CharField(
        _("how found or applied"), max_length=20, choices=Channel.choices, default=Channel.JOB_AD
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.SENT
    )
    ad_url = models.URLField(_("link to the ad"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    plan = models.CharField(_("plan"), max_length=1, choices=PlanLetter.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("Joblog entry")
        verbose_name_plural = _("Joblog entries")
        indexes = [models.Index(fields=["citizen", "-date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.employer}"


class Yardstick(models.Model):
    """How much job search the job centre expects of a citizen group: `searches` over
    `period_days`. A row with empty fields applies to every group or benefit without its own."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="yardsticks"
    )
    target_group = models.CharField(
        _("citizen group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    benefit_type = models.CharField(
        _("benefit"), max_length=20, choices=BenefitType.choices, blank=True
    )
    searches = models.DecimalField(
        _("searches"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    period_days = models.PositiveSmallIntegerField(
        _("over (days)"), validators=[MinValueValidator(7), MaxValueValidator(92)]
    )
    inactivity_days = models.PositiveSmallIntegerField(
        _("notify after days without activity"),
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("yardstick")
        verbose_name_plural = _("yardsticks")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "target_group", "benefit_type"], name="one_yardstick"
            )
        ]

    def __str__(self) -> str:
        return f"{self.searches} / {self.period_days}"


class JoblogExemption(models.Model):
    """The citizen need not keep a Joblog; the search is documented another way."""

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="joblog_exemptions"
    )
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to and including"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200)
    documentation = models.CharField(_("how the job search is documented instead"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_day"]
        verbose_name = _("Joblog exemption")
        verbose_name_plural = _("Joblog exemptions")

    def __str__(self) -> str:
        return self.reason
