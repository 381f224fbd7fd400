from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import Form, IdempotentFormMixin, validate_no_html
from labour.models import Company, Industry
from labour.wheel import (
    FIRST_YEAR,
    GROUP_BY_COMPANY,
    GROUP_BY_INDUSTRY,
    LAST_YEAR,
    validate_weeks,
    wheel_companies,
    wheel_industries,
)
from occupations.forms import OccupationField

WEEK_ERRORS = {
    "required": _("Enter a week number."),
    "invalid": _("Enter the week as a number from 1 to 53."),
    "min_value": _("Enter a week from 1 to 53."),
    "max_value": _("Enter a week from 1 to 53."),
}


class WheelEventForm(Form):
    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("No company"),
    )
    title = forms.CharField(
        label=_("Need"),
        max_length=200,
        help_text=_("For example “20 warehouse workers”."),
        validators=[validate_no_html],
        error_messages={"required": _("Write what the need is.")},
    )
    occupation = OccupationField(label=_("Occupation"), required=False)
    positions = forms.IntegerField(
        label=_("Number of people"),
        required=False,
        min_value=1,
        max_value=9999,
        error_messages={"invalid": _("Enter the number of people as a whole number.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": _("Enter the year."),
            "invalid": _("Enter the year as four digits, e.g. 2026."),
            "min_value": _("Enter a year from 2000 to 2100."),
            "max_value": _("Enter a year from 2000 to 2100."),
        },
    )
    week_from = forms.IntegerField(
        label=_("From week"), min_value=1, max_value=53, error_messages=WEEK_ERRORS
    )
    week_to = forms.IntegerField(
        label=_("To week"), min_value=1, max_value=53, error_messages=WEEK_ERRORS
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_html],
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = wheel_companies(centre=centre)  # type: ignore[attr-defined]
        for name in ("year", "week_from", "week_to", "positions"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if not any(name in self.errors for name in ("year", "week_from", "week_to")):
            try:
                validate_weeks(data.get("year"), data.get("week_from"), data.get("week_to"))
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(name, message)
        return data

    @classmethod
    def initial_from(cls, event) -> dict:
        return {
            "company": event.company_id,
            "title": event.title,
            "occupation": event.occupation,
            "positions": event.positions,
            "year": event.year,
            "week_from": event.week_from,
            "week_to": event.week_to,
            "description": event.description,
        }


class WheelEventCreateForm(IdempotentFormMixin, WheelEventForm):
    pass


class WheelFilterForm(Form):
    """The year view's GET filters; anything invalid means no filter."""

    branche = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.none(),
        required=False,
        empty_label=_("All industries"),
    )
    stilling = OccupationField(label=_("Occupation"), required=False)
    gruppe = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[(GROUP_BY_INDUSTRY, _("Industry")), (GROUP_BY_COMPANY, _("Company"))],
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        industry = self.fields["branche"]
        industry.queryset = wheel_industries(centre=centre)  # type: ignore[attr-defined]
        industry.label_from_instance = lambda i: i.name  # type: ignore[attr-defined]

    def filters(self) -> tuple[Industry | None, object, str]:
        if not self.is_valid():
            return None, None, GROUP_BY_INDUSTRY
        data = self.cleaned_data
        return data["branche"], data["stilling"], data["gruppe"] or GROUP_BY_INDUSTRY


class FeedActionForm(Form):
    action = forms.ChoiceField(choices=[("create", "create"), ("revoke", "revoke")])
