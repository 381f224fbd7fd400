"""The Joblog's forms. Anything may be typed (also < and >): it is always shown as text.
The rules on dates, links and lengths are the service's (joblog.services), so they hold for
every way in."""

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, Form, IdempotentFormMixin, ModelForm
from joblog.models import Channel, EntryStatus, JoblogEntry, JoblogExemption, PlanLetter
from occupations.forms import OccupationChoiceField

#: The quick-add form's short part; the rest is under "More details".
QUICK_FIELDS = ("activity", "occupation", "job_title", "employer", "date", "status", "plan")
DETAIL_FIELDS = ("postcode", "town", "channel", "ad_url", "notes")


class EntryForm(ModelForm):
    occupation = OccupationChoiceField(
        label=_("Occupation"),
        help_text=_("Start typing and choose from the list, e.g. “Lagermedarbejder”."),
    )
    ad_url = forms.URLField(
        label=_("Link to the ad"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    class Meta:
        model = JoblogEntry
        fields = [*QUICK_FIELDS, *DETAIL_FIELDS]
        widgets = {
            "date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
        }
        labels = {"job_title": _("Job title (your own words)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["plan"]).choices = [
            ("", _("No plan")),
            *PlanLetter.choices,
        ]
        self.fields["date"].initial = timezone.localdate
        self.fields["channel"].required = False
        self.fields["postcode"].widget.attrs["class"] += " input-char-4"
        self.fields["date"].widget.attrs["class"] += " input-width-s"

    def quick_fields(self):
        return [self[name] for name in QUICK_FIELDS]

    def detail_fields(self):
        return [self[name] for name in DETAIL_FIELDS]

    def detail_errors(self) -> bool:
        return any(self[name].errors for name in DETAIL_FIELDS)

    def entry_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["channel"] = data["channel"] or Channel.JOB_AD
        return data


class EntryCreateForm(IdempotentFormMixin, EntryForm):
    pass


class StatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=EntryStatus.choices)


class FilterForm(Form):
    """The list's filter, which the exports use too, so they hold exactly what is shown."""

    plan = forms.ChoiceField(
        label=_("Plan"), required=False, choices=[("", _("All")), *PlanLetter.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *EntryStatus.choices]
    )
    fra = forms.DateField(label=_("From"), required=False, widget=DateInput())
    til = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        # Its own ids: the list page also shows the add form, with fields named plan and status.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("The end of the period cannot be before its start."))
        return data

    def filters(self) -> dict:
        """Keyword arguments for joblog.selectors.entry_list; an invalid filter shows all."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "plan": data["plan"],
            "status": data["status"],
            "date_from": data["fra"],
            "date_to": data["til"],
        }


class ExemptionForm(IdempotentFormMixin, ModelForm):
    class Meta:
        model = JoblogExemption
        fields = ["first_day", "last_day", "reason", "documentation"]
        widgets = {"first_day": DateInput(), "last_day": DateInput()}
        help_texts = {
            "last_day": _("Leave empty if the exemption runs until it is ended."),
            "documentation": _("For example: weekly conversations with the mentor."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_day"].initial = timezone.localdate
