"""Learning-group meetings with their agenda, common focus areas and learning points."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class LearningMeeting(models.Model):
    """A learning-group meeting of one team, facilitated by its team leader. Its agreed focus
    areas and the members' learning points stand until the team's next meeting is held."""

    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, related_name="learning_meetings"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        related_name="meetings_facilitated",
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=120)
    place = models.CharField(_("place"), max_length=120, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(_("meeting minutes"), blank=True)
    focus_from = models.DateField(_("focus areas from"), null=True, blank=True)
    focus_until = models.DateField(_("focus areas until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("learning-group meeting")
        verbose_name_plural = _("learning-group meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_known"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=30, duration_minutes__lte=480),
                name="meeting_length_sane",
            ),
            models.CheckConstraint(
                condition=Q(focus_until__isnull=True) | Q(focus_until__gte=F("focus_from")),
                name="meeting_focus_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.ENDED) | Q(ended_at__isnull=False),
                name="meeting_ended_has_time",
            ),
        ]
        indexes = [models.Index(fields=["team", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.team_id} {self.starts_at:%Y-%m-%d}"


class AgendaKind(models.TextChoices):
    WELCOME = "welcome", _("Welcome and purpose")
    ROUND = "round", _("Round")
    FOCUS = "focus", _("Common focus areas")


class AgendaItem(models.Model):
    """One point of the meeting's agenda; a round item is one consultant's turn, told and then
    reflected on together. The facilitator's timer runs from `started_at`."""

    meeting = models.ForeignKey(LearningMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=AgendaKind.choices)
    title = models.CharField(_("title"), max_length=200)
    planned_minutes = models.PositiveSmallIntegerField(_("minutes"))
    #: Of the planned minutes, those for shared reflection (rounds: 5).
    reflection_minutes = models.PositiveSmallIntegerField(default=0)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_rounds",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(_("skipped"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_once"),
            models.UniqueConstraint(
                fields=["meeting", "consultant"],
                condition=Q(consultant__isnull=False),
                name="agenda_one_round_per_consultant",
            ),
            models.CheckConstraint(
                condition=(Q(kind=AgendaKind.ROUND) & Q(consultant__isnull=False))
                | (~Q(kind=AgendaKind.ROUND) & Q(consultant__isnull=True)),
                name="agenda_round_has_consultant",
            ),
            models.CheckConstraint(
                condition=Q(reflection_minutes__lte=F("planned_minutes")),
                name="agenda_reflection_within_item",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(started_at__isnull=False) | Q(skipped=True),
                name="agenda_ended_after_started",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FocusArea(models.Model):
    meeting = models.ForeignKey(
        LearningMeeting, on_delete=models.CASCADE, related_name="focus_areas"
    )
    text = models.CharField(_("focus area"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.text


class LearningPoint(models.Model):
    """One consultant's individual learning point from a meeting (private to them and the
    facilitator)."""

    meeting = models.ForeignKey(
        LearningMeeting, on_delete=models.CASCADE, related_name="learning_points"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_points"
    )
    text = models.TextField(_("learning point"))

    class Meta:
        ordering = ["meeting", "consultant"]
        verbose_name = _("learning point")
        verbose_name_plural = _("learning points")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "consultant"], name="learning_point_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return self.text[:50]
