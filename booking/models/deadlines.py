"""Deadlines (frister) to book a conversation by, and the citizen's absences they move past."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from booking.models.bookings import Booking
from booking.models.config import Topic


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FULFILLED = "fulfilled", _("Booked")
    MISSED = "missed", _("Missed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    #: A newer deadline took its place: a citizen holds at most one open deadline.
    REPLACED = "replaced", _("Replaced")


class BookingDeadline(models.Model):
    """A "frist": the citizen books a conversation (of a topic, or any) by `deadline`, with a
    meeting date between `window_start` and `window_end`. A missed deadline is only flagged
    for the consultant; the system never sanctions by itself."""

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="booking_deadlines"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, null=True, blank=True
    )
    deadline = models.DateField(_("book no later than"))
    window_start = models.DateField(_("meeting from"))
    window_end = models.DateField(_("meeting no later than"))
    status = models.CharField(
        max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    fulfilled_by = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="fulfils"
    )
    #: Who gave the deadline; empty when a rule gave it (`by_rule`).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_rule = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    missed_seen_at = models.DateTimeField(null=True, blank=True)
    #: The open deadline this one took the place of (its status is then REPLACED).
    replaces = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )

    class Meta:
        ordering = ["deadline"]
        verbose_name = _("booking deadline")
        verbose_name_plural = _("booking deadlines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_start__lte=models.F("window_end")),
                name="deadline_window_order",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__lte=models.F("window_end")),
                name="deadline_in_window",
            ),
            models.UniqueConstraint(
                fields=["citizen"],
                condition=models.Q(status="open"),
                name="one_open_deadline_per_citizen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline}"


class CitizenAbsence(models.Model):
    """A citizen's registered absence (holiday, illness): deadlines move past it."""

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="absences"
    )
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to and including"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        ordering = ["first_day"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_day__lte=models.F("last_day")),
                name="citizen_absence_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_day} - {self.last_day}"
