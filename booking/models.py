"""Self-booking: what can be booked (topics, working hours, absence, closing days, rooms, rules)
and the bookings themselves.

The database guards the central invariant: no consultant and no room holds two overlapping
active bookings. On PostgreSQL an exclusion constraint does it (migration 0002); on SQLite the
booking service re-checks inside a serialized IMMEDIATE transaction."""

import uuid
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


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WorkingDay(models.Model):
    """A consultant's bookable hours on one weekday, with an optional break."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="working_days"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))
    break_start = models.TimeField(_("break from"), null=True, blank=True)
    break_end = models.TimeField(_("break to"), null=True, blank=True)

    class Meta:
        ordering = ["consultant", "weekday"]
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        constraints = [
            models.UniqueConstraint(fields=["consultant", "weekday"], name="one_working_day"),
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="wd_order"),
            models.CheckConstraint(
                condition=models.Q(break_start__isnull=True, break_end__isnull=True)
                | models.Q(
                    break_start__gte=models.F("start"),
                    break_end__gt=models.F("break_start"),
                    break_end__lte=models.F("end"),
                ),
                name="wd_break_inside",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class Absence(models.Model):
    """A consultant's absence on whole dates (holiday, course, illness)."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to and including"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["first_day"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_day__lte=models.F("last_day")), name="absence_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_day} - {self.last_day}"


class ClosingDay(models.Model):
    """A day the job centre is closed besides the public holidays."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="closing_days"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("reason"), max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")
        constraints = [
            models.UniqueConstraint(fields=["job_centre", "date"], name="closing_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


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
