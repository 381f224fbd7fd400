"""The occupation list shared by the CV, the Joblog, the plans and (later) job openings and
matching: Danish titles with their DISCO-08 code and synonyms, and skills."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models import Area


class Occupation(models.Model):
    title = models.CharField(_("title"), max_length=150, unique=True)
    disco_code = models.CharField(_("DISCO-08 code"), max_length=10, db_index=True)
    synonyms = models.TextField(
        _("synonyms"), blank=True, help_text=_("Other titles, one per line.")
    )
    #: Lower-cased title and synonyms, so a search is one indexed-free LIKE on one column.
    search_text = models.TextField(editable=False, default="")
    #: Occupations a person in this one could move to (or from): the transfer proposals start
    #: here. Symmetrical: a truck driver is related to a warehouse worker and back.
    related = models.ManyToManyField("self", verbose_name=_("related occupations"), blank=True)
    esco_uri = models.CharField(
        _("ESCO URI"), max_length=255, unique=True, null=True, blank=True, default=None
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text(self.title, self.synonyms)
        super().save(*args, **kwargs)

    @staticmethod
    def build_search_text(title: str, synonyms: str) -> str:
        """What `search_text` holds; bulk writes (imports) that skip save() call it too."""
        return " ".join([title, *synonyms.splitlines()]).lower()


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    esco_uri = models.CharField(
        _("ESCO URI"), max_length=255, unique=True, null=True, blank=True, default=None
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class OccupationSkill(models.Model):
    """A skill an occupation asks for: essential (the job needs it) or optional (it helps).
    The preparation view uses it to hold the CV against the jobs the citizen applies for."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_links")
    essential = models.BooleanField(_("essential"), default=True)

    class Meta:
        verbose_name = _("skill of an occupation")
        verbose_name_plural = _("skills of occupations")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="occupation_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.occupation}: {self.skill}"


class Prospect(models.TextChoices):
    """The three categories of Arbejdsmarkedsbalancen, best first."""

    SHORTAGE = "shortage", _("Shortage of labour")
    GOOD = "good", _("Good job prospects")
    LESS_GOOD = "less_good", _("Less good job prospects")


class LabourBalance(models.Model):
    """The job prospects of one occupation in one RAR area (Arbejdsmarkedsbalancen), as last
    imported. A new import of the same occupation and area replaces the row."""

    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        on_delete=models.CASCADE,
        related_name="balances",
    )
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    prospect = models.CharField(_("job prospects"), max_length=20, choices=Prospect.choices)
    period = models.CharField(
        _("period"), max_length=20, blank=True, help_text=_("For example 2026-2 (half-year).")
    )
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        ordering = ["occupation__title", "area"]
        verbose_name = _("labour-market balance")
        verbose_name_plural = _("labour-market balance")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "area"], name="balance_once_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.occupation} ({self.get_area_display()}): {self.get_prospect_display()}"
