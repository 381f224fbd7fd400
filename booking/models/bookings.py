"""The bookings themselves: their status, origin, and the `Booking` model."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from booking.models.config import MeetingMode, Room, Topic


class Status(models.TextChoices):
    BOOKED = "booked", _("Booked")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("Did not show up")
    CANCELLED_BY_CITIZEN = "cancelled_citizen", _("Cancelled by the citizen")
    CANCELLED_BY_CENTRE = "cancelled_centre", _("Cancelled by the job centre")


#: Bookings that occupy their consultant's and room's time.
ACTIVE_STATUSES = (Status.BOOKED, Status.HELD, Status.NO_SHOW)
#: Longer than any booking can block (a topic lasts at most 180 minutes, the buffer at most 60):
#: overlap searches look no further back than this, so they never read a consultant's history.
LONGEST_BOOKING = timedelta(days=1)


class Origin(models.TextChoices):
    SELF_BOOKED = "self", _("Self-booked")
    SUMMONED = "summoned", _("Summoned")


class Booking(models.Model):
    """A conversation. `origin` keeps the statistics honest: a facilitated booking
    ("vend skærmen", `facilitated_by` set) is still the citizen's own; a summons is not."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.PROTECT, related_name="bookings"
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="bookings"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultations"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="bookings")
    mode = models.CharField(_("meeting mode"), max_length=10, choices=MeetingMode.choices)
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    #: end + the buffer the rules ask for; the no-overlap guarantee covers [start, blocked_until).
    blocked_until = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.SELF_BOOKED)
    facilitated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_bookings",
    )
    talk_about = models.TextField(_("What would you like to talk about?"), blank=True)
    take_away = models.TextField(_("What would you like to take away from it?"), blank=True)
    #: How the citizen joins a video conversation, put on it by the consultant (https only).
    video_link = models.URLField(
        _("link to the video meeting"), max_length=500, blank=True, default="", db_default=""
    )
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    rescheduled_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["consultant", "start"]),
            models.Index(fields=["room", "start"]),
            models.Index(fields=["citizen", "start"]),
            models.Index(fields=["job_centre", "start"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="bk_order"),
            models.CheckConstraint(
                condition=models.Q(blocked_until__gte=models.F("end")), name="bk_blocked"
            ),
            models.CheckConstraint(
                condition=~models.Q(origin="summoned", facilitated_by__isnull=False),
                name="bk_summons_not_facilitated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_self_booked(self) -> bool:
        return self.origin == Origin.SELF_BOOKED
