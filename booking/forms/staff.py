"""Forms for the consultant side of self-booking. They only shape input: the rules (8 days,
the window, free times, who may be summoned) are checked by the services, whose errors
land on these forms through common.forms.service_errors_to_form."""

import datetime as dt
from datetime import date, timedelta
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from booking.calendar import WorkingCalendar
from booking.deadlines import earliest_deadline
from booking.models import MeetingMode, Status, Topic
from common.forms import DateInput, Form, IdempotentFormMixin, validate_no_html
from common.hygiene import https_link_problem


def topics_open_to(citizen) -> QuerySet[Topic]:
    """The active topics of the citizen's job centre that the citizen's group may book."""
    topics = Topic.objects.filter(job_centre_id=citizen.job_centre_id, active=True)
    return topics.filter(pk__in=[t.pk for t in topics if t.open_to(citizen.target_group)]).order_by(
        "name"
    )


class OutcomeForm(Form):
    outcome = forms.ChoiceField(choices=[(Status.HELD, ""), (Status.NO_SHOW, "")])


class CentreCancelForm(Form):
    reason = forms.CharField(
        label=_("Reason for the citizen"),
        help_text=_("The citizen is told that the job centre has cancelled, with this reason."),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3, "class": "input-width-xl"}),
        validators=[validate_no_html],
    )


class VideoLinkForm(Form):
    """The link the citizen joins the video conversation by; empty takes it away."""

    video_link = forms.CharField(
        label=_("Link to the video meeting"),
        help_text=_("The citizen sees it on the conversation's page and in the calendar file."),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"class": "input-width-xl", "inputmode": "url"}),
    )

    def clean_video_link(self) -> str:
        link = self.cleaned_data["video_link"].strip()
        if link and (problem := https_link_problem(link)):
            raise ValidationError(problem)
        return link


class DeadlineForm(IdempotentFormMixin, Form):
    """A booking deadline (frist). The defaults are the earliest lawful deadline and a meeting
    window from the next working day until the working day 14 days after the deadline (or the
    first one after it), all read from the citizen's working-day calendar."""

    WINDOW_AFTER_DEADLINE = timedelta(days=14)

    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("Any topic the citizen chooses"),
    )
    deadline = forms.DateField(label=_("Book no later than"), widget=DateInput)
    window_start = forms.DateField(label=_("Meeting from"), widget=DateInput)
    window_end = forms.DateField(label=_("Meeting no later than"), widget=DateInput)

    def __init__(self, *args, citizen, today: date, earliest: date | None = None, **kwargs):
        kwargs.setdefault("prefix", "frist")
        super().__init__(*args, **kwargs)
        calendar = WorkingCalendar.for_citizen(citizen, today)
        earliest = earliest or earliest_deadline(citizen, today, calendar)
        cast(forms.ModelChoiceField, self.fields["topic"]).queryset = topics_open_to(citizen)
        self.fields["deadline"].initial = earliest
        self.fields["deadline"].help_text = _(
            "At least 8 days, on a working day the citizen is not away: %(date)s at the earliest."
        ) % {"date": earliest.strftime("%d.%m.%Y")}
        self.fields["window_start"].initial = calendar.next_working_day(today)
        self.fields["window_end"].initial = calendar.next_working_day(
            earliest + self.WINDOW_AFTER_DEADLINE
        )


class CitizenAbsenceForm(IdempotentFormMixin, Form):
    first_day = forms.DateField(label=_("Away from"), widget=DateInput)
    last_day = forms.DateField(label=_("Away to and including"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example holiday or illness. The citizen can see it."),
        max_length=100,
        required=False,
        validators=[validate_no_html],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "fravaer")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The absence must end on or after its first day."))
        return cleaned


class SummonForm(IdempotentFormMixin, Form):
    """An indkaldelse for a citizen exempt from self-booking. The time is one of the free
    times of the chosen day, topic and consultant (the list is reloaded by htmx when they
    change); the service checks it again when the form is sent."""

    # An explicit empty_label: the querysets are set per citizen after DkfdsFormMixin ran.
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.none(), empty_label=_("Choose")
    )
    consultant = forms.ModelChoiceField(
        label=_("Consultant"), queryset=User.objects.none(), empty_label=_("Choose")
    )
    mode = forms.ChoiceField(label=_("Meeting mode"), choices=MeetingMode.choices)
    day = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=forms.Select)

    def __init__(self, *args, citizen, consultants, day: date, actor: User, **kwargs):
        kwargs.setdefault("prefix", "indkald")
        super().__init__(*args, **kwargs)
        topics = topics_open_to(citizen)
        topic_field = cast(forms.ModelChoiceField, self.fields["topic"])
        topic_field.queryset = topics
        consultant_field = cast(forms.ModelChoiceField, self.fields["consultant"])
        consultant_field.queryset = consultants
        if any(c.pk == actor.pk for c in consultants):
            consultant_field.initial = actor.pk
        first_topic = topics.first()
        if first_topic is not None:
            topic_field.initial = first_topic.pk
            self.fields["mode"].initial = first_topic.modes[0] if first_topic.modes else None
        self.fields["day"].initial = day
        self.set_times([])

    def reload_times_from(self, url: str) -> None:
        """htmx: the time select fetches its options anew when topic, consultant or date
        change, sending only those three fields."""
        others = ", ".join(f"#{self[name].auto_id}" for name in ("topic", "consultant", "day"))
        self.fields["time"].widget.attrs.update(
            {
                "data-hx-get": url,
                "data-hx-trigger": ", ".join(f"change from:{sel}" for sel in others.split(", ")),
                "data-hx-include": others,
                "data-hx-swap": "outerHTML",
            }
        )

    def set_times(self, times: list[dt.time]) -> None:
        """The free start times the select offers."""
        choices: list[tuple[str, str]] = [
            ("", str(_("Choose a time") if times else _("No free times that day")))
        ]
        choices += [(f"{t:%H:%M}", f"{t:%H.%M}") for t in times]
        cast(forms.Select, self.fields["time"].widget).choices = choices

    def chosen(self, name: str):
        """A field's value as far as it can be read: cleaned when bound, else its initial."""
        if self.is_bound:
            self.is_valid()
            return self.cleaned_data.get(name)
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField) and field.initial is not None:
            return field.queryset.filter(pk=field.initial).first() if field.queryset else None
        return field.initial

    def start(self, tz) -> dt.datetime:
        return dt.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"], tzinfo=tz)
