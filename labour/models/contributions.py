"""What colleagues add to the labour-market knowledge: every opening, company, knowledge note
and annual-wheel need says who added it and how far a business consultant has come with it
("Nyt fra kolleger": proposed, then confirmed, merged into one already there, or rejected)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by a colleague")
    CONFIRMED = "confirmed", _("Confirmed")
    MERGED = "merged", _("Merged into one already there")
    REJECTED = "rejected", _("Rejected")


class Contribution(models.Model):
    """The fields a contribution adds to its model. `db_default` keeps rows written without
    them (the national data generator's raw inserts) confirmed."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.CONFIRMED,
        db_default=ContributionStatus.CONFIRMED,
        db_index=True,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_proposed(self) -> bool:
        return self.status == ContributionStatus.PROPOSED


class KnowledgeNote(Contribution):
    """A colleague's knowledge of a company, in the fields of the method's company profile
    ("markedspotentiale, arbejdsopgaver, omgangstone, arbejdspladskultur, efterspørgsel").
    Confirming it adds its text to the company's own notes."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    company = models.ForeignKey(
        "labour.Company", on_delete=models.CASCADE, related_name="knowledge_notes"
    )
    market_potential = models.TextField(_("market potential"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    tone = models.TextField(_("tone"), blank=True)
    culture = models.TextField(_("workplace culture"), blank=True)
    demand = models.TextField(_("demand"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    #: The fields a note carries, each also a field of Company.
    FIELDS = ("market_potential", "tasks", "tone", "culture", "demand")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("knowledge note")
        verbose_name_plural = _("knowledge notes")

    def __str__(self) -> str:
        return f"{self.company_id}: {self.pk}"
