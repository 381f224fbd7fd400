"""Knowledge between colleagues: the standing weekly meeting of job and business consultants
with its minutes and follow-ups, "I have citizens looking for …" requests, and partner pairs
(makkerpar) of a job and a business consultant."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]


class StandingMeeting(models.Model):
    """The weekly meeting of a job centre's (or one team's) job and business consultants."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="standing_meetings"
    )
    team = models.ForeignKey(
        "centres.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty: the whole job centre."),
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS, default=1)
    starts_at = models.TimeField(_("time"))
    place = models.CharField(_("place"), max_length=150, blank=True)

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "team"], name="one_standing_meeting_per_team"
            ),
            models.UniqueConstraint(
                fields=["job_centre"],
                condition=Q(team__isnull=True),
                name="one_standing_meeting_per_centre",
            ),
            models.CheckConstraint(condition=Q(weekday__lte=4), name="standing_meeting_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H.%M}"


class JointMeeting(models.Model):
    """One week's meeting: its short minutes, written by whoever takes them."""

    standing = models.ForeignKey(StandingMeeting, on_delete=models.CASCADE, related_name="meetings")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    held_on = models.DateField(_("date"))
    minutes = models.TextField(_("meeting minutes"), blank=True, max_length=4000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["standing", "held_on"], name="one_meeting_a_day")
        ]

    def __str__(self) -> str:
        return str(self.held_on)


class FollowUp(models.Model):
    """Something a colleague takes on at the meeting, open until done."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="follow_ups")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.CharField(_("follow-up"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="follow_ups",
    )
    due_on = models.DateField(_("by"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class CitizenRequest(models.Model):
    """A job consultant's "Jeg har borgere, der søger …": on the next meeting's agenda and to
    every business consultant of the centre until someone answers it."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="citizen_requests"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen_requests"
    )
    occupation = models.ForeignKey(
        "occupations.Occupation", verbose_name=_("occupation"), on_delete=models.PROTECT
    )
    citizens = models.PositiveSmallIntegerField(
        _("number of citizens"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    area = models.CharField(_("area"), max_length=80, blank=True)
    note = models.CharField(_("what they can and want"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answer = models.CharField(_("answer"), max_length=300, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(citizens__gte=1, citizens__lte=99), name="request_citizens_1_to_99"
            )
        ]

    def __str__(self) -> str:
        return f"{self.citizens} x {self.occupation_id}"


class PartnerPair(models.Model):
    """A makkerpar: a job consultant and a business consultant who share what they learn.
    A job consultant has one current partner; the database holds it."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="partner_pairs"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    job_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("job consultant"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    business_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("business consultant"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_consultant"],
                condition=Q(ended_on__isnull=True),
                name="one_current_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_consultant_id} + {self.business_consultant_id}"
