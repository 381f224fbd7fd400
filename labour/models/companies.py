"""Companies with their industry, contact persons and cooperation agreements."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from labour.models.contributions import Contribution


class Industry(models.Model):
    """An industry of Danmarks Statistik's DB07 (Dansk Branchekode 2007), e.g. 521000
    "Oplagring"."""

    code = models.CharField(_("DB07 code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Company(Contribution):
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="companies"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cvr = models.CharField(_("CVR number"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        related_name="companies",
        null=True,
        blank=True,
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    town = models.CharField(_("town"), max_length=80, blank=True)
    is_company_centre = models.BooleanField(
        _("company centre"),
        default=False,
        help_text=_("A virksomhedscenter: the company takes several citizens at a time."),
    )
    # What it takes to work there: the consultants' knowledge notes.
    tasks = models.TextField(_("tasks"), blank=True)
    tone = models.TextField(_("tone"), blank=True)
    culture = models.TextField(_("culture"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    seasonal_needs = models.TextField(_("seasonal needs"), blank=True)
    market_potential = models.TextField(_("market potential"), blank=True, db_default="")
    demand = models.TextField(_("demand"), blank=True, db_default="")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("business consultant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="companies",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "cvr"], name="company_cvr_once_per_centre"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ContactPerson(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class CooperationAgreement(models.Model):
    """A standing agreement between the job centre and a company (e.g. "tager 4 i praktik om
    året", a partnership or a company-centre agreement)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("agreement"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")

    def __str__(self) -> str:
        return self.title
