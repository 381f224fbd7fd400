"""The logbook's forms: one short entry form (the quick-add on top of the logbook and the edit
page), the list's filter and the share switch. A conversation is offered as date, time, topic
and mode, never by the citizen's name."""

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from booking.models import Booking
from common.forms import DateInput, Form, IdempotentFormMixin, validate_no_html
from learning.models import Technique
from learning.selectors.logbook import conversation_label
from learning.services.logbook import TEXT_MAX

SCORES = [(n, str(n)) for n in range(1, 11)]
SCORE_MESSAGES = {
    "required": _("Choose a number from 1 to 10."),
    "invalid_choice": _("Choose a number from 1 to 10."),
}
NEXT_STEP_HINT = _("The conversation was a 6: what makes the next one an 8?")


class ConversationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return conversation_label(obj)


class TechniqueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        if obj.active:
            return obj.name
        return _("%(name)s (no longer trained)") % {"name": obj.name}


def _choice(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def text_field(label, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_html],
    )


def score_field(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "logbook-score-choice"}),
        error_messages=SCORE_MESSAGES,
    )


class LogbookEntryForm(Form):
    """The whole entry, short enough to write in under a minute: only the date and the score
    are required."""

    date = forms.DateField(label=_("Date"), widget=DateInput)
    technique = TechniqueChoiceField(
        label=_("Technique trained"), queryset=Technique.objects.none(), required=False
    )
    booking = ConversationChoiceField(
        label=_("Conversation"),
        help_text=_("One of your own conversations of the last 30 days, by date and topic."),
        queryset=Booking.objects.none(),
        required=False,
    )
    what_happened = text_field(_("What happened?"))
    reflection = text_field(_("Reflection"))
    score = score_field(_("How did the conversation go, on a scale from 1 to 10?"))
    next_step = text_field(_("Next step"), NEXT_STEP_HINT)
    shared = forms.BooleanField(
        label=_("Share with the learning group"),
        help_text=_("Your team can read a shared entry. Otherwise only you can."),
        required=False,
    )

    def __init__(
        self, *args, techniques: QuerySet[Technique], conversations: QuerySet[Booking], **kwargs
    ):
        super().__init__(*args, **kwargs)
        technique, booking = _choice(self, "technique"), _choice(self, "booking")
        technique.queryset, technique.empty_label = techniques, _("None in particular")
        booking.queryset, booking.empty_label = conversations, _("None")

    def entry_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in LogbookEntryForm.base_fields}


class LogbookEntryCreateForm(IdempotentFormMixin, LogbookEntryForm):
    """The quick-add form: a double click writes one entry."""


class LogbookFilterForm(Form):
    """The list's filter, in the query string (?teknik=&fra=&til=)."""

    teknik = TechniqueChoiceField(
        label=_("Technique"), queryset=Technique.objects.none(), required=False
    )
    fra = forms.DateField(label=_("From"), required=False, widget=DateInput)
    til = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args, techniques: QuerySet[Technique], **kwargs):
        super().__init__(*args, **kwargs)
        teknik = _choice(self, "teknik")
        teknik.queryset, teknik.empty_label = techniques, _("All techniques")

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("The end of the period is before its start."))
        return data

    def filters(self) -> dict:
        """The valid filters as keyword arguments of the list selectors."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            "technique": self.cleaned_data["teknik"],
            "since": self.cleaned_data["fra"],
            "until": self.cleaned_data["til"],
        }


class ShareForm(Form):
    """The wanted state, not a toggle: a repeated click changes nothing."""

    shared = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
