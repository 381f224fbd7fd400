from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import Form, ModelForm
from suggestions.models import Reason, SuggestionRule
from suggestions.services import REASON_TEXT_MAX


class NotRelevantForm(Form):
    reason = forms.ChoiceField(
        label=_("Why is it not relevant?"), choices=[("", _("Choose a reason")), *Reason.choices]
    )
    text = forms.CharField(label=_("Anything to add?"), required=False, max_length=REASON_TEXT_MAX)


class RuleForm(ModelForm):
    class Meta:
        model = SuggestionRule
        fields = [
            "check_every_days",
            "suggestions_per_week",
            "remind_days_before",
            "resuggest_after_weeks",
        ]
        widgets = {
            name: forms.NumberInput(attrs={"class": "input-width-xs"})
            for name in ("check_every_days", "suggestions_per_week", "remind_days_before")
        }

    def _post_clean(self) -> None:
        pass  # the service validates and saves
