"""When consultants can be booked: working days, their absence and the centre's closing days."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
