"""Stored counts of the board's openings for the trend page (labour/trends.py computes them,
nightly and on demand): the page reads these rows, never the openings themselves."""

from django.db import models


class Period(models.TextChoices):
    WEEK = "week", "ISO week"
    MONTH = "month", "month"
    #: Tuesday to Monday, as the Tuesday mail counts: "what changed since last Tuesday".
    TUESDAY = "tuesday", "Tuesday week"


class OpeningCount(models.Model):
    """The confirmed openings posted in one period in one job centre, for one industry,
    occupation and labour-market area (RAR), and how many positions they offer."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="opening_counts"
    )
    period = models.CharField(max_length=8, choices=Period.choices)
    starts_on = models.DateField()
    industry = models.ForeignKey(
        "labour.Industry", on_delete=models.CASCADE, null=True, related_name="+"
    )
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    area = models.CharField(max_length=80, blank=True)
    openings = models.PositiveIntegerField(default=0)
    positions = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["job_centre", "period", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.job_centre_id} {self.period} {self.starts_on}: {self.openings}"
