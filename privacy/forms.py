from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import Form, IdempotentFormMixin, validate_no_html
from privacy.models import RetentionAction
from privacy.retention import DATA_TYPES


class CorrectionRequestForm(IdempotentFormMixin, Form):
    what_is_wrong = forms.CharField(
        label=_("What is wrong"),
        help_text=_("For example your name, phone number or the date you registered."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_html],
    )
    should_be = forms.CharField(
        label=_("What should it be"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_html],
    )


class CorrectionResolveForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: the details are corrected")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer to the citizen"),
        help_text=_("When accepting: what was corrected. When rejecting: why."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_html],
    )


class RetentionRulesForm(Form):
    """One row of fields per data type: years, months and the action."""

    def __init__(self, *args, effective, **kwargs):
        super().__init__(*args, **kwargs)
        for item in effective:
            key, kind = item.kind.key, item.kind
            rule = item.rule
            self.fields[f"{key}_years"] = forms.IntegerField(
                label=_("%(type)s: years") % {"type": kind.label},
                min_value=0,
                max_value=50,
                initial=rule.years if rule else 0,
            )
            self.fields[f"{key}_months"] = forms.IntegerField(
                label=_("%(type)s: months") % {"type": kind.label},
                min_value=0,
                max_value=11,
                initial=rule.months if rule else 0,
            )
            self.fields[f"{key}_action"] = forms.ChoiceField(
                label=_("%(type)s: then") % {"type": kind.label},
                choices=[(a, RetentionAction(a).label) for a in kind.actions],
                initial=rule.action if rule else kind.actions[0],
                help_text=kind.measured_from,
            )

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        for key in DATA_TYPES:
            years, months = data.get(f"{key}_years"), data.get(f"{key}_months")
            if years is not None and months is not None and years * 12 + months <= 0:
                self.add_error(f"{key}_months", _("The period must be at least one month."))
        return data

    def rules(self) -> list[dict]:
        return [
            {
                "data_type": key,
                "years": self.cleaned_data[f"{key}_years"],
                "months": self.cleaned_data[f"{key}_months"],
                "action": self.cleaned_data[f"{key}_action"],
            }
            for key in DATA_TYPES
        ]
