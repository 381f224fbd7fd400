"""The trend page's filter, sent as GET so a view can be bookmarked and shared."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import Form
from labour.models import Industry
from places.models import Area

WEEKS, MONTHS = "uger", "maaneder"


class TrendFilterForm(Form):
    visning = forms.ChoiceField(
        label=_("Per"),
        required=False,
        choices=[(WEEKS, _("Week (the last 13)")), (MONTHS, _("Month (the last 12)"))],
    )
    omraade = forms.ChoiceField(
        label=_("Area"), required=False, choices=[("", _("All areas")), *Area.choices]
    )
    branche = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branche"].empty_label = _("All industries")  # type: ignore[attr-defined]

    def filters(self) -> tuple[bool, str, Industry | None]:
        """(per month?, area, industry); an invalid filter shows everything per week."""
        if not self.is_bound or not self.is_valid():
            return False, "", None
        data = self.cleaned_data
        return data.get("visning") == MONTHS, data.get("omraade") or "", data.get("branche")
