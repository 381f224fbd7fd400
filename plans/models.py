"""Min Plan: the citizen's own plan for the job search (goal, strategy, requirements, the A/B/C
job plan, homework, approval), agreements written by staff, and the history of every change.

The plan carries a version number: every update form sends the version it was loaded with and
the service refuses a stale one, so two tabs never silently overwrite each other."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joblog.models import PlanLetter

TEXT_MAX = 2000
TITLE_MAX = 200


class Plan(models.Model):
    citizen = models.OneToOneField(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="plan"
    )
    job_goal = models.CharField(_("job goal"), max_length=TITLE_MAX, blank=True)
    strategy = models.TextField(_("job-search strategy"), max_length=TEXT_MAX, blank=True)
    required_searches = models.PositiveSmallIntegerField(
        _("minimum number of job searches"), null=True, blank=True
    )
    required_period_days = models.PositiveSmallIntegerField(_("per (days)"), default=28)
    required_occupations = models.ManyToManyField(
        "occupations.Occupation",
        verbose_name=_("occupations to search within"),
        related_name="+",
        blank=True,
    )
    geography = models.CharField(_("where you search"), max_length=TITLE_MAX, blank=True)
    #: joblog.models.Channel values.
    channels = models.JSONField(_("how you search"), default=list, blank=True)
    next_contact = models.DateField(_("next contact"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved by you"), null=True, blank=True)
    #: When staff changed the plan the citizen had approved (their approval then lapsed), until
    #: the citizen approves it again: the plan page asks them to look and approve once more.
    approval_lapsed_at = models.DateTimeField(
        _("changed since you approved it"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"Plan {self.citizen_id}"


class JobTrack(models.Model):
    """One of Plan A (the dream job), B (good and acceptable) and C ("smør på brødet")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tracks")
    letter = models.CharField(_("plan"), max_length=1, choices=PlanLetter.choices)
    occupations = models.ManyToManyField(
        "occupations.Occupation", verbose_name=_("occupations"), related_name="+", blank=True
    )
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    widen_from = models.DateField(_("widen to the next plan from"), null=True, blank=True)
    #: When the track was last set; the widen suggestion looks at results since then.
    set_at = models.DateField(_("set on"))

    class Meta:
        ordering = ["letter"]
        verbose_name = _("job plan")
        verbose_name_plural = _("job plans")
        constraints = [
            models.UniqueConstraint(fields=["plan", "letter"], name="one_track_per_letter"),
            models.CheckConstraint(
                condition=models.Q(letter__in=PlanLetter.values), name="track_letter_abc"
            ),
        ]

    def __str__(self) -> str:
        return f"Plan {self.letter}"


class Agreement(models.Model):
    """Written by staff, usually at the end of a conversation; read-only for the citizen."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    text = models.TextField(_("agreement"), max_length=TEXT_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    conversation = models.ForeignKey(
        "booking.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.text[:50]


class Homework(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="homework")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    due = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_note = models.TextField(_("note"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    conversation = models.ForeignKey(
        "booking.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("homework")
        verbose_name_plural = _("homework")

    def __str__(self) -> str:
        return self.title


class PlanChange(models.Model):
    """The plan's history: one short line per change, written by the service that made it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    summary = models.CharField(_("what changed"), max_length=500)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("change to the plan")
        verbose_name_plural = _("changes to the plan")

    def __str__(self) -> str:
        return self.summary
