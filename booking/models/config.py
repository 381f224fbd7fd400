"""What a job centre offers for booking: meeting modes, topics, rooms and the booking rules."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizens.models import TargetGroup


class MeetingMode(models.TextChoices):
    IN_PERSON = "fremmoede", _("In person at the job centre")
    PHONE = "telefon", _("By phone")
    VIDEO = "video", _("By video")


class PreparationFocus(models.TextChoices):
    """What the consultant's preparation opens with for a topic (conversations.topics)."""

    NONE = "", _("Nothing extra")
    TRANSFER = "transfer", _("Change of industry: occupations the citizen's skills transfer to")
    DISTANCE = "distance", _("Job in another town: openings by distance from home")
    CV = "cv", _("The CV: how complete it is and what it lacks")


class Topic(models.Model):
    """An "emne": what a citizen can book a conversation about."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="topics"
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=45,
        validators=[MinValueValidator(15), MaxValueValidator(180)],
    )
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultants who offer it"),
        related_name="topics_offered",
        blank=True,
    )
    target_groups = models.JSONField(
        _("citizen groups who may choose it"), default=list, blank=True
    )
    modes = models.JSONField(_("meeting modes"), default=list)
    active = models.BooleanField(_("can be booked"), default=True)
    preparation = models.CharField(
        _("the preparation opens with"),
        max_length=16,
        choices=PreparationFocus.choices,
        default=PreparationFocus.NONE,
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["job_centre", "name"], name="topic_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    def open_to(self, target_group: str) -> bool:
        return not self.target_groups or target_group in self.target_groups

    def get_modes_display(self) -> list[str]:
        return [str(MeetingMode(m).label) for m in self.modes]


class Room(models.Model):
    """A meeting room for conversations in person: a resource that, like a consultant, can
    never hold two overlapping bookings."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=100)
    location = models.CharField(_("address or where to find it"), max_length=200, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")
        constraints = [
            models.UniqueConstraint(fields=["job_centre", "name"], name="room_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BookingRule(models.Model):
    """The booking rules of a job centre, for one citizen group or (target_group empty) for
    all groups without a rule of their own. Without any row, DEFAULT_RULE applies."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="booking_rules"
    )
    target_group = models.CharField(
        _("citizen group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"), default=2, validators=[MaxValueValidator(336)]
    )
    max_days_ahead = models.PositiveSmallIntegerField(
        _("how far ahead (days)"),
        default=42,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between meetings (minutes)"), default=15, validators=[MaxValueValidator(60)]
    )
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancel or move until (hours before)"), default=24, validators=[MaxValueValidator(336)]
    )
    max_open_bookings = models.PositiveSmallIntegerField(
        _("maximum coming bookings per citizen"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    grid_minutes = models.PositiveSmallIntegerField(
        _("times start every (minutes)"),
        default=30,
        choices=[(15, "15"), (30, "30"), (60, "60")],
    )
    #: A deadline given by rule: a citizen without a held or coming conversation for this many
    #: days gets a booking deadline (0 = never by rule; staff still give them by hand).
    deadline_every_days = models.PositiveSmallIntegerField(
        _("automatic booking deadline after days without a conversation"),
        default=0,
        validators=[MaxValueValidator(365)],
    )
    deadline_window_days = models.PositiveSmallIntegerField(
        _("days after the deadline the meeting may lie"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )

    class Meta:
        verbose_name = _("booking rule")
        verbose_name_plural = _("booking rules")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "target_group"], name="one_rule_per_group"
            )
        ]

    def __str__(self) -> str:
        return self.get_target_group_display() or str(_("All groups"))


#: The rule that applies where a job centre has set none.
DEFAULT_RULE = {
    f.name: f.default
    for f in BookingRule._meta.concrete_fields
    if f.name not in ("id", "job_centre", "target_group")
}
