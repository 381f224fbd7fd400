"""Sparring weeks and sessions, their programme, and the pseudonymised cases brought to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

#: The most citizens one consultant brings to a sparring week or session.
MAX_CASES_PER_CONSULTANT = 3


class SparringKind(models.TextChoices):
    WEEK = "week", _("Intensive week")
    SESSION = "session", _("Sparring session")


class SparringEvent(models.Model):
    """An intensive team week (the "uge 39" model) or a monthly sparring session: each
    consultant brings up to three citizens, the team sets a goal, and the result is counted
    from the course agreements approved between `starts_on` and `ends_on`."""

    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, related_name="sparring_events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SparringKind.choices)
    title = models.CharField(_("title"), max_length=150)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    goal_count = models.PositiveSmallIntegerField(
        _("goal: citizens into a company-oriented course")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("sparring week or session")
        verbose_name_plural = _("sparring weeks and sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SparringKind.values), name="sparring_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="sparring_period_order"
            ),
            models.CheckConstraint(condition=Q(goal_count__gte=1), name="sparring_goal_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    """One part of the event's programme (Monday: each brings three citizens; Tuesday
    afternoon: outreach to companies; ...), ticked off as the week goes."""

    event = models.ForeignKey(SparringEvent, on_delete=models.CASCADE, related_name="programme")
    day = models.DateField(_("day"))
    title = models.CharField(_("what"), max_length=200)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["day", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return self.title


class SparringCase(models.Model):
    """A citizen a consultant brings to a sparring event. Colleagues see only `pseudonym`."""

    event = models.ForeignKey(SparringEvent, on_delete=models.CASCADE, related_name="cases")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sparring_cases"
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="sparring_cases"
    )
    #: 1..MAX_CASES_PER_CONSULTANT: the database holds the limit per consultant.
    slot = models.PositiveSmallIntegerField()
    pseudonym = models.CharField(_("pseudonym"), max_length=20)
    question = models.CharField(_("what I want sparring on"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "pseudonym"]
        verbose_name = _("citizen brought to sparring")
        verbose_name_plural = _("citizens brought to sparring")
        constraints = [
            models.UniqueConstraint(fields=["event", "citizen"], name="sparring_citizen_once"),
            models.UniqueConstraint(fields=["event", "pseudonym"], name="sparring_pseudonym_once"),
            models.UniqueConstraint(
                fields=["event", "consultant", "slot"], name="sparring_slot_once"
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=1, slot__lte=MAX_CASES_PER_CONSULTANT),
                name="sparring_at_most_three_each",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym
