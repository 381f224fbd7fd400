"""Forms of sparring weeks and sessions. They only parse and label the input: the rules (the
goal against what the team can bring, three citizens each, the citizen's own consultant) are
checked by `learning.services.sparring`."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, Form, IdempotentFormMixin, validate_no_html
from learning.models import SparringKind
from learning.services.sparring import (
    ITEM_MAX,
    QUESTION_MAX,
    TITLE_MAX,
    EventTerms,
)


def _next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


class _EventFields(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        validators=[validate_no_html],
        widget=forms.TextInput(attrs={"class": "input-width-l"}),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    goal_count = forms.IntegerField(
        label=_("Goal: citizens into a company-oriented course"),
        min_value=1,
        help_text=_("Each consultant brings up to 3 citizens. For example 16 of 24."),
        widget=forms.NumberInput(attrs={"class": "input-width-xs"}),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=2000,
        validators=[validate_no_html],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def terms(self) -> EventTerms:
        data = self.cleaned_data
        return EventTerms(
            title=data.get("title") or "",
            starts_on=data["starts_on"],
            ends_on=data.get("ends_on"),
            goal_count=data["goal_count"],
            purpose=data.get("purpose") or "",
        )


class EventCreateForm(IdempotentFormMixin, _EventFields):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=SparringKind.choices,
        initial=SparringKind.WEEK,
        widget=forms.RadioSelect,
    )

    field_order = ["kind", "starts_on", "ends_on", "goal_count", "title", "purpose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _('Empty: "Uge" and the week\'s number for a week.')
        self.fields["starts_on"].initial = _next_monday
        self.fields["starts_on"].help_text = _("For a week: any day of the week.")
        self.fields["ends_on"].required = False
        self.fields["ends_on"].help_text = _(
            "Empty: Monday to Friday of the week, or the same day for a session."
        )


class EventEditForm(_EventFields):
    pass


class ProgrammeItemForm(Form):
    day = forms.DateField(label=_("Day"), widget=DateInput)
    title = forms.CharField(
        label=_("What"),
        max_length=ITEM_MAX,
        validators=[validate_no_html],
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="id_item_%s", **kwargs)


class _CitizenChoice(forms.ModelChoiceField):
    """A citizen by name (the case form lists the consultant's own citizens)."""

    def label_from_instance(self, obj) -> str:
        return obj.user.name


class CaseAddForm(IdempotentFormMixin, Form):
    citizen: forms.ModelChoiceField = _CitizenChoice(
        label=_("Citizen"), queryset=None, to_field_name="public_id"
    )
    question = forms.CharField(
        label=_("What I want sparring on"),
        required=False,
        max_length=QUESTION_MAX,
        validators=[validate_no_html],
        help_text=_(
            "Your colleagues read this next to the pseudonym: do not write the citizen's name "
            "or other personal details."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, citizens, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["citizen"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = citizens
