"""The annual wheel (årshjul) of employers' expected needs."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from labour.models.companies import Company
from labour.models.contributions import Contribution


class WheelEvent(Contribution):
    """A line of the annual wheel (årshjul): an employer's expected need in a span of weeks,
    e.g. "Lager X needs 20 warehouse workers in weeks 40-44"."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="wheel_events"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wheel_events",
    )
    title = models.CharField(_("need"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occupation = models.ForeignKey(
        "occupations.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    positions = models.PositiveSmallIntegerField(_("number of people"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    week_from = models.PositiveSmallIntegerField(_("from week"))
    week_to = models.PositiveSmallIntegerField(_("to week"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "week_from", "title"]
        verbose_name = _("annual wheel event")
        verbose_name_plural = _("annual wheel events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(week_from__gte=1, week_from__lte=53)
                & models.Q(week_to__gte=models.F("week_from"), week_to__lte=53),
                name="wheel_weeks_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title
