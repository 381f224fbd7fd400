"""Industry job clubs (jobklubber med branchefokus): a group session on an industry or an
occupation at one time, with a number of seats citizens book themselves.

The seats are guarded by the database: a seat has a number from 1 to the club's capacity, and
(club, number) and (club, citizen) are unique among booked seats, so the same seat is never
given twice and a citizen holds at most one. `jobclubs.services.seat_book` takes the club's row
lock before it picks the lowest free number, so writers queue and the last seat goes to one."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from booking.models import MeetingMode

MAX_CAPACITY = 500

#: How a job club meets: in person at the job centre or by video (never by phone).
MODES = [MeetingMode.IN_PERSON, MeetingMode.VIDEO]


class ClubStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")


class JobClub(models.Model):
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="job_clubs"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    industry = models.ForeignKey(
        "labour.Industry",
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        related_name="job_clubs",
        null=True,
        blank=True,
    )
    occupation = models.ForeignKey(
        "occupations.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    mode = models.CharField(_("how"), max_length=16, choices=[(m.value, m.label) for m in MODES])
    place = models.CharField(_("place or room"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="hosted_job_clubs",
    )
    status = models.CharField(max_length=12, choices=ClubStatus.choices, default=ClubStatus.PLANNED)
    cancel_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("job club")
        verbose_name_plural = _("job clubs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="jobclub_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="jobclub_capacity_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ClubStatus.values), name="jobclub_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["job_centre", "start"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_planned(self) -> bool:
        return self.status == ClubStatus.PLANNED


class SeatStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class Seat(models.Model):
    """A citizen's seat in a job club. A cancelled seat stays (the history) and frees its
    number; booking again makes a new row."""

    club = models.ForeignKey(
        JobClub, verbose_name=_("job club"), on_delete=models.CASCADE, related_name="seats"
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="job_club_seats"
    )
    number = models.PositiveSmallIntegerField(_("seat"))
    status = models.CharField(max_length=12, choices=SeatStatus.choices, default=SeatStatus.BOOKED)
    booked_at = models.DateTimeField(_("booked"))
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["club", "number"]
        verbose_name = _("job club seat")
        verbose_name_plural = _("job club seats")
        constraints = [
            models.UniqueConstraint(
                fields=["club", "number"],
                condition=models.Q(status="booked"),
                name="jobclub_seat_given_once",
            ),
            models.UniqueConstraint(
                fields=["club", "citizen"],
                condition=models.Q(status="booked"),
                name="jobclub_one_seat_per_citizen",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=MAX_CAPACITY),
                name="jobclub_seat_number_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SeatStatus.values), name="jobclub_seat_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["citizen", "status"])]

    def __str__(self) -> str:
        return f"{self.club} #{self.number}"
