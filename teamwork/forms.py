from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from common.forms import DateInput, Form, IdempotentFormMixin, ModelForm
from occupations.forms import OccupationChoiceField
from teamwork import selectors
from teamwork.models import CitizenRequest, StandingMeeting


class ColleagueField(forms.ModelChoiceField):
    """A colleague of the centre, by name (the queryset is set per form)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=User.objects.none(), **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.name


class StandingMeetingForm(ModelForm):
    class Meta:
        model = StandingMeeting
        fields = ["weekday", "starts_at", "place"]
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class MinutesForm(Form):
    held_on = forms.DateField(label=_("Meeting date"), widget=DateInput)
    minutes = forms.CharField(
        label=_("Meeting minutes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Short: what was shared, what was agreed."),
    )
    follow_up = forms.CharField(label=_("New follow-up"), required=False, max_length=300)
    owner = ColleagueField(label=_("Who"), required=False)
    due_on = forms.DateField(label=_("By"), required=False, widget=DateInput)

    def __init__(self, *args, job_centre_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, ColleagueField)
        owner.queryset = selectors.colleagues(
            job_centre_id=job_centre_id, role=Role.JOB_CONSULTANT
        ) | selectors.colleagues(job_centre_id=job_centre_id, role=Role.BUSINESS_CONSULTANT)

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None
        if (cleaned.get("owner") or cleaned.get("due_on")) and not cleaned.get("follow_up"):
            self.add_error("follow_up", _("Write the follow-up, or leave who and by empty."))
        elif not cleaned.get("minutes", "").strip() and not cleaned.get("follow_up"):
            self.add_error("minutes", _("Write the minutes or a follow-up."))
        return cleaned


class RequestForm(IdempotentFormMixin, ModelForm):
    occupation = OccupationChoiceField(label=_("Citizens looking for work as"))

    class Meta:
        model = CitizenRequest
        fields = ["occupation", "citizens", "area", "note"]


class AnswerForm(Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=300,
        help_text=_("E.g. the company or opening you suggest, or that you have none."),
    )


class PairForm(Form):
    job_consultant = ColleagueField(label=_("Job consultant"))
    business_consultant = ColleagueField(label=_("Business consultant"))

    def __init__(self, *args, job_centre_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        for name, role in (
            ("job_consultant", Role.JOB_CONSULTANT),
            ("business_consultant", Role.BUSINESS_CONSULTANT),
        ):
            field = self.fields[name]
            assert isinstance(field, ColleagueField)
            field.queryset = selectors.colleagues(job_centre_id=job_centre_id, role=role)
