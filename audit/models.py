from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    """Which part of the citizen's data was opened. Later features add their own."""

    PROFILE = "profile", _("Personal details")
    PROFILE_EDIT = "profile_edit", _("Personal details (for correction)")
    BOOKINGS = "bookings", _("Conversations and booking deadlines")
    BOOKING_SCREEN = "booking_screen", _("Booking together with you (turned screen)")
    JOBLOG = "joblog", _("Joblog")
    CV = "cv", _("CV")
    PLAN = "plan", _("My plan and job plan A/B/C")
    PREPARATION = "preparation", _("Conversation preparation: plan, Joblog and CV side by side")
    CONVERSATION = "conversation", _("Notes and journal of a conversation")
    MATCHING = "matching", _("Matching with job openings: CV, plan and home area")
    SUGGESTIONS = "suggestions", _("Job suggestions and how you answered them")
    COURSE = "course", _("Company-oriented course")
    SPARRING = "sparring", _("Brought to a sparring session with colleagues, under a pseudonym")
    REGISTRATION = "registration", _("Registered at the job centre (CPR number checked)")
    TRANSFER = "transfer", _("Taken over by the job centre after a move (CPR number checked)")
    CO_SERVICE = "co_service", _("Your own pages, used with you beside a helper (co-service)")


class Purpose(models.TextChoices):
    CASEWORK = "casework", _("Case work")
    FOLLOW_UP = "follow_up", _("Follow-up on the job search")
    PREPARATION = "preparation", _("Preparing a conversation")
    CORRECTION = "correction", _("Correcting the citizen's details")
    BOOKING = "booking", _("Booking a conversation together with the citizen")
    CONVERSATION = "conversation", _("Holding a conversation")
    MATCHING = "matching", _("Finding job openings for the citizen")
    COURSE = "course", _("Arranging a company-oriented course")
    SPARRING = "sparring", _("Professional sparring on your way to work")
    CO_SERVICE = "co_service", _("Helping you at a help place (co-service)")


class LookupLog(models.Model):
    """Append-only: who on the staff opened which citizen's data, when, what and why.
    The database refuses updates (a trigger, see the migration)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lookups_made"
    )
    actor_role = models.CharField(max_length=32)
    job_centre = models.ForeignKey("centres.JobCentre", on_delete=models.PROTECT, related_name="+")
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="lookups"
    )
    subject = models.CharField(max_length=32, choices=Subject.choices)
    purpose = models.CharField(max_length=32, choices=Purpose.choices)
    #: Where the look happened when not at the job centre's own desks: a co-service session's
    #: help place. Nullable so SQLite adds the column without rebuilding the table (which would
    #: drop the append-only trigger).
    place = models.CharField(_("place"), max_length=120, null=True, blank=True)  # noqa: DJ001

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["citizen", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_role} {self.subject}"
