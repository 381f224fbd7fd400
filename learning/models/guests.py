"""Guests of the method: an external supervisor (the seeds' observer from outside) invited to
one observation, or a mentor or case worker invited to one sparring event, until an end date.
A guest's account reaches exactly what it is invited to and nothing else; after the end date
it reaches nothing, and what the guest wrote stays as it was."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.models.observations import Observation
from learning.models.sparring import SparringEvent


class GuestAccess(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    guest = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guest"),
        on_delete=models.CASCADE,
        related_name="guest_accesses",
    )
    team = models.ForeignKey(
        "centres.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="guests"
    )
    observation = models.ForeignKey(
        Observation,
        verbose_name=_("observation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guests",
    )
    sparring_event = models.ForeignKey(
        SparringEvent,
        verbose_name=_("sparring event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guests",
    )
    ends_on = models.DateField(_("access until"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    #: The guest's own comment for the team (the supervisor's view of the observation).
    comment = models.TextField(_("your comment to the team"), blank=True, max_length=3000)
    commented_at = models.DateTimeField(_("commented"), null=True, blank=True)

    class Meta:
        ordering = ["-ends_on", "-pk"]
        verbose_name = _("guest access")
        verbose_name_plural = _("guest accesses")
        constraints = [
            models.CheckConstraint(
                condition=Q(observation__isnull=True, sparring_event__isnull=False)
                | Q(observation__isnull=False, sparring_event__isnull=True),
                name="guest_access_to_exactly_one_thing",
            ),
            models.UniqueConstraint(
                fields=["guest", "observation"], name="guest_invited_once_per_observation"
            ),
            models.UniqueConstraint(
                fields=["guest", "sparring_event"], name="guest_invited_once_per_sparring_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guest_id} until {self.ends_on}"

    @property
    def is_open(self) -> bool:
        return self.ends_on >= timezone.localdate()
