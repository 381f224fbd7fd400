"""Forms of observations: the request, the observer's answer, the citizen's consent, the
feedback with the team's template, and the acknowledgement."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from booking.models import Booking
from common.forms import Form, IdempotentFormMixin, validate_no_html
from learning.models import ConsentMethod, FeedbackQuestion, Technique
from learning.services.observations import (
    MESSAGE_MAX,
    REASON_MAX,
    TEXT_MAX,
    Answer,
    conversation_label,
)


def _choice(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class _ConversationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return conversation_label(obj)


class _ObserverChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        role = Role(obj.role).label
        return f"{obj.name} ({role}, {obj.team.name})" if obj.team_id else f"{obj.name} ({role})"


class ObservationRequestForm(IdempotentFormMixin, Form):
    booking = _ConversationChoice(
        label=_("Conversation"),
        queryset=Booking.objects.none(),
        to_field_name="public_id",
        widget=forms.RadioSelect,
        help_text=_("One of your own conversations in the coming weeks."),
        error_messages={"invalid_choice": _("Please choose one of your own coming conversations.")},
    )
    observer = _ObserverChoice(
        label=_("Who should observe"),
        queryset=User.objects.none(),
        empty_label=_("Choose"),
        help_text=_("Your team leader first, then your team colleagues."),
        error_messages={
            "invalid_choice": _(
                "Please choose a job consultant or team leader of your job centre, not yourself."
            )
        },
    )
    technique = forms.ModelChoiceField(
        label=_("Technique I am training"),
        queryset=Technique.objects.none(),
        required=False,
        empty_label=_("Choose"),
    )
    message = forms.CharField(
        label=_("What to look for"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: how I make the contract at the start of the conversation."),
        validators=[validate_no_html],
    )

    def __init__(self, *args, bookings, observers, techniques, **kwargs):
        super().__init__(*args, **kwargs)
        _choice(self, "booking").queryset = bookings
        _choice(self, "observer").queryset = observers
        _choice(self, "technique").queryset = techniques


class DeclineForm(Form):
    reason = forms.CharField(
        label=_("Why you cannot observe"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_html],
    )


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_html],
    )
    citizen_said_no = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ConsentForm(Form):
    method = forms.ChoiceField(
        label=_("How the citizen consented"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    confirmed = forms.BooleanField(
        label=_("The citizen has said yes to a colleague sitting in on the conversation"),
        error_messages={"required": _("Please confirm that the citizen has said yes.")},
    )


class FeedbackForm(IdempotentFormMixin, Form):
    """A text field per question of the team's template (answers optional), then the two
    questions every feedback has."""

    went_well = forms.CharField(
        label=_("One thing that went well"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_html],
        error_messages={"required": _("Please write one thing that went well.")},
    )
    try_next = forms.CharField(
        label=_("One thing to try next time"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_html],
        error_messages={"required": _("Please write one thing to try next time.")},
    )

    def __init__(self, *args, questions: list[FeedbackQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        fixed = {name: self.fields.pop(name) for name in ("went_well", "try_next")}
        token = self.fields.pop("submission_token")
        for question in questions:
            self.fields[self.question_field(question)] = forms.CharField(
                label=question.text,
                max_length=TEXT_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
                validators=[validate_no_html],
            )
        self.fields.update(fixed)
        self.fields["submission_token"] = token

    @staticmethod
    def question_field(question: FeedbackQuestion) -> str:
        return f"question_{question.pk}"

    def question_fields(self):
        return [self[self.question_field(q)] for q in self.questions]

    def answers(self) -> list[Answer]:
        return [
            Answer(question=q.text, answer=self.cleaned_data[self.question_field(q)])
            for q in self.questions
        ]


class AcknowledgeForm(Form):
    thoughts = forms.CharField(
        label=_("Your thoughts on the feedback"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_html],
    )
