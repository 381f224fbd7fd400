"""The occupation list shared by the CV, the Joblog, the plans and (later) job openings and
matching: Danish titles with their DISCO-08 code and synonyms, and skills."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Occupation(models.Model):
    title = models.CharField(_("title"), max_length=150, unique=True)
    disco_code = models.CharField(_("DISCO-08 code"), max_length=10, db_index=True)
    synonyms = models.TextField(
        _("synonyms"), blank=True, help_text=_("Other titles, one per line.")
    )
    #: Lower-cased title and synonyms, so a search is one indexed-free LIKE on one column.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["title"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = " ".join([self.title, *self.synonyms.splitlines()]).lower()
        super().save(*args, **kwargs)


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)

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
