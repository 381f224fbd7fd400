from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, Form, IdempotentFormMixin
from learning.selectors import guests as selectors


class _Observation(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        start = obj.booking.start
        return f"{date_format(start, 'j. F Y')}: {obj.observed.name}, {obj.booking.topic.name}"


class _Event(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({date_format(obj.starts_on, 'j. F Y')})"


class GuestInviteForm(IdempotentFormMixin, Form):
    observation = _Observation(
        label=_("Observation (for a supervisor)"), queryset=None, required=False
    )
    sparring_event = _Event(
        label=_("Sparring event (for a mentor or case worker)"), queryset=None, required=False
    )
    name = forms.CharField(label=_("The guest's name"), max_length=150)
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("An existing guest's username invites them again."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Password for a new guest"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Give it to the guest in person or by phone, never by e-mail."),
    )
    ends_on = forms.DateField(label=_("Access until"), widget=DateInput)

    def __init__(self, *args, team_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observation"].queryset = selectors.invitable_observations(team_id=team_id)  # type: ignore[attr-defined]
        self.fields["sparring_event"].queryset = selectors.invitable_events(team_id=team_id)  # type: ignore[attr-defined]

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None
        if bool(cleaned.get("observation")) == bool(cleaned.get("sparring_event")):
            self.add_error("observation", _("Choose one observation or one sparring event."))
        return cleaned


class GuestCommentForm(Form):
    comment = forms.CharField(
        label=_("Your comment to the team"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you saw, and one thing to try next time."),
    )
