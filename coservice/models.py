import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EndReason(models.TextChoices):
    HELPER = "helper", _("Ended by the helper")
    CITIZEN = "citizen", _("Ended by the citizen")
    LOGOUT = "logout", _("Logged out")
    IDLE = "idle", _("Nothing happened for a while")
    CLOSING = "closing", _("The place closed")


class CoServiceSession(models.Model):
    """A helper at a help place and the citizen beside them (medbetjening). While it runs, the
    helper's screen shows the citizen's own pages as the citizen: the citizen confirmed it by
    logging in on that screen. It ends at logout, after the centre's idle time, at the place's
    closing time (`closes_at`) or when either of them ends it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="coservice_sessions"
    )
    place = models.ForeignKey(
        "centres.HelpPlace",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="coservice_sessions",
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.PROTECT,
        related_name="coservice_sessions",
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="coservice_sessions"
    )
    started_at = models.DateTimeField(_("started"))
    last_seen_at = models.DateTimeField(_("last used"))
    closes_at = models.DateTimeField(_("the place closes"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(
        _("how it ended"), max_length=16, choices=EndReason.choices, blank=True
    )
    #: The parts of the citizen's pages opened in the session (each logged once).
    areas = models.JSONField(_("pages opened"), default=list, blank=True)

    class Meta:
        verbose_name = _("co-service session")
        verbose_name_plural = _("co-service sessions")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["job_centre", "started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["helper"],
                condition=models.Q(ended_at__isnull=True),
                name="coservice_one_running_session_per_helper",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | ~models.Q(end_reason=""),
                name="coservice_ended_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.started_at:%Y-%m-%d %H:%M}"


class ChangeArea(models.TextChoices):
    """The parts of the citizen's pages a session changes (the URL namespaces)."""

    BOOKING = "booking", _("Conversations")
    CV = "cv", _("CV")
    JOBLOG = "joblog", _("Joblog")
    SUGGESTIONS = "suggestions", _("Job suggestions")


#: How the citizen's co-service page names each part they changed with help.
CHANGE_LABELS = {
    "booking": _("Your conversations"),
    "cv": _("Your CV"),
    "joblog": _("Your Joblog"),
    "suggestions": _("Your job suggestions"),
}


class CoServiceChange(models.Model):
    """A part of the citizen's pages changed during a session: the change is the citizen's own
    (saved as theirs), made with help; the session says where and by whom."""

    session = models.ForeignKey(CoServiceSession, on_delete=models.CASCADE, related_name="changes")
    #: The pages' part: booking, cv, joblog or suggestions (coservice.services.AREA_SUBJECTS).
    area = models.CharField(_("part"), max_length=32, choices=ChangeArea.choices)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("change made with help")
        verbose_name_plural = _("changes made with help")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "area"], name="coservice_change_once")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.at:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        return str(CHANGE_LABELS.get(self.area, self.area))
