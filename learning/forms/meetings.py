"""Forms of learning-group meetings: scheduling and changing a meeting, the facilitator's notes
per agenda item, and the end of the meeting with its focus areas."""

from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, Form, IdempotentFormMixin, validate_no_html
from learning.models import LearningMeeting
from learning.services.meetings import (
    DEFAULT_DURATION_MINUTES,
    DEFAULT_PURPOSE,
    FOCUS_AREA_MAX_LENGTH,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    PLACE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class MeetingForm(Form):
    starts_on = forms.DateField(label=_("Date"), widget=DateInput)
    starts_time = forms.TimeField(
        label=_("Time"), widget=TimeInput(attrs={"class": "input-width-xs"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        help_text=_(
            "The method's meeting lasts two hours. The rounds share what welcome and focus "
            "areas leave; each round ends with five minutes of shared reflection."
        ),
        min_value=MIN_DURATION_MINUTES,
        max_value=MAX_DURATION_MINUTES,
        initial=DEFAULT_DURATION_MINUTES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-width-xs"}),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=PLACE_MAX_LENGTH,
        required=False,
        validators=[validate_no_html],
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_html],
    )

    @staticmethod
    def initial_new(today: date) -> dict:
        return {
            "starts_on": today,
            "duration_minutes": DEFAULT_DURATION_MINUTES,
            "purpose": str(DEFAULT_PURPOSE),
        }

    @staticmethod
    def initial_from(meeting: LearningMeeting) -> dict:
        local = timezone.localtime(meeting.starts_at)
        return {
            "starts_on": local.date(),
            "starts_time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": meeting.duration_minutes,
            "place": meeting.place,
            "purpose": meeting.purpose,
        }

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["starts_on"], data["starts_time"]))

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": self.starts_at(),
            "duration_minutes": data["duration_minutes"],
            "place": data["place"],
            "purpose": data["purpose"],
        }


class MeetingCreateForm(IdempotentFormMixin, MeetingForm):
    pass


class ItemNotesForm(Form):
    """Notes on an agenda item; on a round also the consultant's learning point. The notes
    field is named "text" like the conversation guide's, for the autosave in app.js."""

    text = forms.CharField(
        label=_("Notes"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    learning_point = forms.CharField(
        label=_("Learning point"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


#: The focus fields offer the self-check ("Test din viden om arbejdsmarkedet") as a choice
#: (the page's <datalist id="focus-suggestions">).
FOCUS_INPUT = forms.TextInput(attrs={"list": "focus-suggestions"})


class MeetingEndForm(Form):
    focus_1 = forms.CharField(
        label=_("Focus area 1"),
        max_length=FOCUS_AREA_MAX_LENGTH,
        required=False,
        validators=[validate_no_html],
        widget=FOCUS_INPUT,
    )
    focus_2 = forms.CharField(
        label=_("Focus area 2"),
        max_length=FOCUS_AREA_MAX_LENGTH,
        required=False,
        validators=[validate_no_html],
        widget=FOCUS_INPUT,
    )
    focus_3 = forms.CharField(
        label=_("Focus area 3"),
        max_length=FOCUS_AREA_MAX_LENGTH,
        required=False,
        validators=[validate_no_html],
        widget=FOCUS_INPUT,
    )
    focus_from = forms.DateField(label=_("Focus areas from"), required=False, widget=DateInput)
    focus_until = forms.DateField(
        label=_("Focus areas until"),
        required=False,
        widget=DateInput,
        help_text=_("Usually the day before the next learning-group meeting."),
    )
    minutes = forms.CharField(
        label=_("Meeting minutes"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def focus_areas(self) -> list[str]:
        return [self.cleaned_data.get(f"focus_{n}", "") for n in (1, 2, 3)]
