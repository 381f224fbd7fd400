"""Danish postcodes with an approximate centroid and the labour-market area they belong to.

The areas are the eight areas of the regional labour-market councils (RAR) that
Arbejdsmarkedsbalancen reports on. The table is small and static: it is loaded from
places/data/postcodes.csv by a migration and read through places.selectors, which keeps it in
memory."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    """The RAR areas. Their labels are proper names and stay Danish in every language."""

    BORNHOLM = "bornholm", _("Bornholm")
    FYN = "fyn", _("Fyn")
    HOVEDSTADEN = "hovedstaden", _("Hovedstaden")
    NORDJYLLAND = "nordjylland", _("Nordjylland")
    SJAELLAND = "sjaelland", _("Sjælland")
    SYDJYLLAND = "sydjylland", _("Sydjylland")
    VESTJYLLAND = "vestjylland", _("Vestjylland")
    OESTJYLLAND = "oestjylland", _("Østjylland")


class Postcode(models.Model):
    code = models.CharField(_("postcode"), max_length=4, primary_key=True)
    name = models.CharField(_("town"), max_length=80)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
