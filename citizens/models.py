import uuid
from typing import cast

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizens.identifiers import mobile_display
from common.crypto import EncryptedTextField


class BenefitType(models.TextChoices):
    DAGPENGE = "dagpenge", _("Unemployment benefit (dagpenge)")
    KONTANTHJAELP = "kontanthjaelp", _("Cash benefit (kontanthjælp)")
    OTHER = "other", _("Other")


class TargetGroup(models.TextChoices):
    JOB_READY = "jobparat", _("Job-ready (jobparat)")
    ACTIVITY_READY = "aktivitetsparat", _("Activity-ready (aktivitetsparat)")


class ExemptionReason(models.TextChoices):
    IT_SKILLS = "it_skills", _("Very poor IT skills")
    LANGUAGE = "language", _("Language barriers")
    DISABILITY = "disability", _("Disability")
    INTERPRETER = "interpreter", _("Needs an interpreter")
    OTHER = "other", _("Other reason")


SUPPORT_NEED_FIELDS = (
    "needs_it_support",
    "needs_language_support",
    "needs_reading_support",
    "needs_interpreter",
    "low_motivation",
    "long_unemployment_history",
)


class Citizen(models.Model):
    """A citizen's profile in their job centre. The CPR number is stored encrypted and looked
    up by a keyed hash; it never appears in a URL, a log line or a list."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="citizen"
    )
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.PROTECT, related_name="citizens"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cpr = EncryptedTextField(_("CPR number"))
    cpr_hash = models.CharField(max_length=64, unique=True, editable=False)
    benefit_type = models.CharField(_("benefit"), max_length=20, choices=BenefitType.choices)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    registered_on = models.DateField(_("registered as unemployed on"))
    needs_it_support = models.BooleanField(_("needs help with IT"), default=False)
    needs_language_support = models.BooleanField(_("needs help with Danish"), default=False)
    needs_reading_support = models.BooleanField(_("needs help with reading"), default=False)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    #: Recorded with the citizen's knowledge (they see it under their own details); it makes
    #: the conversation's suggested approach active and hands-on (conversations.approach).
    low_motivation = models.BooleanField(
        _("low motivation"),
        default=False,
        db_default=False,  # rows written outside the ORM (perf.scale) get it too
        help_text=_("The citizen sees this in their own details."),
    )
    long_unemployment_history = models.BooleanField(
        _("long history of unemployment"),
        default=False,
        db_default=False,  # rows written outside the ORM (perf.scale) get it too
        help_text=_("The citizen sees this in their own details."),
    )
    mobile = models.CharField(_("mobile number"), max_length=16, blank=True)
    postcode = models.CharField(
        _("home postcode"),
        max_length=4,
        blank=True,
        help_text=_("Job suggestions are measured from here."),
    )
    travel_radius_km = models.PositiveSmallIntegerField(
        _("how far will you travel to work (km)"),
        null=True,
        blank=True,
        help_text=_("Empty: the job centre's standard for your situation."),
    )
    self_booking_exempt = models.BooleanField(_("exempt from self-booking"), default=False)
    self_booking_exemption_reason = models.CharField(
        _("reason for the exemption"), max_length=20, choices=ExemptionReason.choices, blank=True
    )
    responsible_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible job consultant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(self_booking_exempt=False, self_booking_exemption_reason="")
                    | (
                        models.Q(self_booking_exempt=True)
                        & ~models.Q(self_booking_exemption_reason="")
                    )
                ),
                name="citizen_exemption_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["job_centre", "responsible_consultant"])]

    def __str__(self) -> str:
        return self.user.name

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def cpr_masked(self) -> str:
        """DDMMYY-XXXX: the birth date stays readable, the serial number never shows."""
        return f"{self.cpr[:6]}-XXXX"

    @property
    def mobile_display(self) -> str:
        return mobile_display(self.mobile)

    @property
    def support_needs(self) -> list[str]:
        return [
            str(cast(models.Field, self._meta.get_field(name)).verbose_name)
            for name in SUPPORT_NEED_FIELDS
            if getattr(self, name)
        ]
