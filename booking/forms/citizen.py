from django import forms
from django.utils.translation import gettext_lazy as _

from booking.models import MeetingMode
from common.forms import Form, IdempotentFormMixin


class ConfirmForm(IdempotentFormMixin, Form):
    """The last step: how to meet, and the citizen's own words for the consultant. The
    one-time token becomes the booking's idempotency key."""

    mode = forms.ChoiceField(label=_("How would you like to meet?"), widget=forms.RadioSelect)
    talk_about = forms.CharField(
        label=_("What would you like to talk about?"),
        help_text=_("In your own words. Your consultant reads it before the conversation."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "input-width-xl"}),
        max_length=1000,
        required=False,
    )
    take_away = forms.CharField(
        label=_("What would you like to take away from the conversation?"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "input-width-xl"}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, modes: list[str], room_free: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (m, MeetingMode(m).label) for m in modes if room_free or m != MeetingMode.IN_PERSON
        ]
        self.fields["mode"].choices = choices  # type: ignore[attr-defined]
        if len(choices) == 1:
            self.fields["mode"].initial = choices[0][0]
        #: The topic's one way to meet: told in the summary, not asked.
        self.only_mode = choices[0][1] if len(modes) == 1 and choices else None
        if self.only_mode:
            self.fields["mode"].widget = forms.HiddenInput()
        if MeetingMode.IN_PERSON in modes and not room_free:
            self.fields["mode"].help_text = _(
                "There is no free meeting room at this time, so it cannot be in person."
            )


class CancelForm(Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel the conversation"), required=True, initial=False
    )
