"""Forms for the job centre's booking configuration. They check the input's shape; the rules
live in booking.services.config (whose errors the views put back on the form)."""

from datetime import time
from typing import Any, cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from booking.models import DEFAULT_RULE, BookingRule, MeetingMode, Room, Topic, Weekday
from booking.selectors.config import bookable_staff
from booking.services.hours import DayHours, day_hours_errors
from centres.models import JobCentre
from citizens.models import TargetGroup
from common.forms import DateInput, Form, IdempotentFormMixin, ModelForm, validate_no_html

#: The weekdays the working-hours form shows (the job centres close at weekends).
WORKDAYS = [Weekday(d) for d in range(5)]
#: The parts of a working day, as (suffix of the field name, label).
DAY_PARTS = [
    ("start", _("From")),
    ("end", _("To")),
    ("break_start", _("Break from")),
    ("break_end", _("Break to")),
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _add_model_validators(form: forms.ModelForm) -> None:
    """Checks the model's own limits on numbers (such as 15-180 minutes) in the form too, so
    that every error shows at once rather than some only after the service has run."""
    opts = form._meta.model._meta  # type: ignore[attr-defined]
    for name, field in form.fields.items():
        model_field = next((f for f in opts.concrete_fields if f.name == name), None)
        if model_field is not None and isinstance(field, forms.IntegerField):
            field.validators.extend(v for v in model_field.validators if v not in field.validators)


class StaffChoiceField(forms.ModelMultipleChoiceField):
    """Job consultants by name, team leaders by name and role."""

    def label_from_instance(self, obj) -> str:
        if obj.role == Role.TEAM_LEADER:
            return f"{obj.name} ({obj.get_role_display()})"
        return obj.name


class TopicForm(ModelForm):
    consultants = StaffChoiceField(
        label=_("Consultants who offer it"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only the ticked consultants' free times are offered for this topic."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Citizen groups who may choose it"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick none to let every citizen group choose it."),
    )
    modes = forms.MultipleChoiceField(
        label=_("Meeting modes"),
        choices=MeetingMode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one meeting mode.")},
    )

    class Meta:
        model = Topic
        fields = [
            "name",
            "description",
            "duration_minutes",
            "consultants",
            "target_groups",
            "modes",
            "preparation",
            "active",
        ]
        help_texts = {
            "preparation": _(
                "What the consultant's preparation shows first for this topic, besides the "
                "citizen's plan, Joblog and CV."
            ),
            "description": _("Shown to the citizen when they choose a topic."),
            "duration_minutes": _("Between 15 and 180 minutes."),
            "active": _("Untick to stop new bookings. Bookings already made are kept."),
        }
        widgets = {
            "duration_minutes": forms.NumberInput(attrs={"class": "input-width-xs"}),
            "preparation": forms.Select(attrs={"class": "input-width-xl"}),
        }

    def __init__(self, *args, centre: JobCentre, **kwargs):
        super().__init__(*args, **kwargs)
        consultants = cast(forms.ModelMultipleChoiceField, self.fields["consultants"])
        consultants.queryset = bookable_staff(centre=centre)
        _add_model_validators(self)
        for name in ("name", "description"):
            self.fields[name].validators.append(validate_no_html)

    def _post_clean(self) -> None:
        pass  # the service validates and saves the topic


class TopicCreateForm(IdempotentFormMixin, TopicForm):
    pass


class RoomForm(ModelForm):
    class Meta:
        model = Room
        fields = ["name", "location"]
        help_texts = {"location": _("For example the floor and room number.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "location"):
            self.fields[name].validators.append(validate_no_html)

    def _post_clean(self) -> None:
        pass  # the service validates and saves the room


class RoomUpdateForm(RoomForm):
    class Meta(RoomForm.Meta):
        fields = ["name", "location", "active"]
        help_texts = {
            **RoomForm.Meta.help_texts,
            "active": _("Untick when the room can no longer be booked. Booked meetings stay."),
        }


class RoomCreateForm(IdempotentFormMixin, RoomForm):
    pass


class ClosingDayForm(IdempotentFormMixin, Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    name = forms.CharField(
        label=_("Reason"),
        max_length=100,
        validators=[validate_no_html],
        help_text=_("For example Constitution Day, Christmas Eve or a staff day."),
    )


RULE_HELP_TEXTS = {
    "min_notice_hours": _("How many hours before a meeting a citizen can book it at the latest."),
    "max_days_ahead": _("How many days ahead citizens can see and book times."),
    "buffer_minutes": _(
        "Minutes kept free after each meeting before the consultant's next one can start."
    ),
    "cancel_cutoff_hours": _(
        "Until how many hours before the meeting the citizen can cancel or move it themselves."
    ),
    "max_open_bookings": _("How many coming meetings one citizen can have booked at a time."),
    "grid_minutes": _("Times start on the hour and then every this many minutes."),
    "deadline_every_days": _(
        "A citizen who has had no conversation (held or coming) for this many days gets a "
        "deadline for booking one, at least 8 days out. 0 = only deadlines staff give."
    ),
    "deadline_window_days": _(
        "With a deadline given by the rule, the meeting may lie up to this many days after it."
    ),
}


class BookingRuleForm(ModelForm):
    class Meta:
        model = BookingRule
        fields = list(DEFAULT_RULE)
        help_texts = RULE_HELP_TEXTS
        widgets = {
            name: forms.NumberInput(attrs={"class": "input-width-xs"})
            for name in DEFAULT_RULE
            if name != "grid_minutes"
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _add_model_validators(self)

    def _post_clean(self) -> None:
        pass  # the service validates and saves the rule


class WorkingHoursForm(Form):
    """Monday to Friday, each with from, to and an optional break. Empty from and to: the
    consultant does not work that day."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day in WORKDAYS:
            for part, label in DAY_PARTS:
                self.fields[f"{day.value}_{part}"] = forms.TimeField(
                    label=f"{capfirst(day.label)} {str(label).lower()}",
                    required=False,
                    widget=TimeInput(attrs={"class": "form-input"}),
                )

    @classmethod
    def for_consultant(cls, consultant: User, data=None) -> "WorkingHoursForm":
        initial: dict[str, Any] = {}
        for wd in consultant.working_days.all():
            for part, _label in DAY_PARTS:
                initial[f"{wd.weekday}_{part}"] = getattr(wd, part)
        return cls(data, initial=initial)

    def rows(self) -> list[dict[str, Any]]:
        """One table row per weekday: its name and its four fields."""
        return [
            {"day": day, "fields": [self[f"{day.value}_{part}"] for part, _label in DAY_PARTS]}
            for day in WORKDAYS
        ]

    def _day(self, weekday: int) -> DayHours:
        values: dict[str, time | None] = {
            part: self.cleaned_data.get(f"{weekday}_{part}") for part, _label in DAY_PARTS
        }
        return DayHours(weekday=weekday, **values)

    def clean(self):
        cleaned = super().clean()
        for day in WORKDAYS:
            if any(f"{day.value}_{part}" in self.errors for part, _label in DAY_PARTS):
                continue
            for part, message in day_hours_errors(self._day(day.value)).items():
                self.add_error(f"{day.value}_{part}", message)
        return cleaned

    def days(self) -> list[DayHours]:
        return [self._day(day.value) for day in WORKDAYS]


class AbsenceForm(IdempotentFormMixin, Form):
    first_day = forms.DateField(label=_("From"), widget=DateInput)
    last_day = forms.DateField(label=_("To and including"), widget=DateInput)
    note = forms.CharField(
        label=_("Note"),
        max_length=100,
        required=False,
        validators=[validate_no_html],
        help_text=_("For example holiday or a course. Citizens do not see it."),
    )
