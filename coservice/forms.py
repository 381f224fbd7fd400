from typing import cast

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from common.forms import Form


class StartForm(Form):
    """The helper picks the place; the citizen types their own login on the helper's screen."""

    place: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Where are you helping?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the place where you help.")},
    )
    username = forms.CharField(
        label=_("The citizen's username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
        error_messages={"required": _("Write your username.")},
    )
    password = forms.CharField(
        label=_("The citizen's password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Write your password.")},
    )

    def __init__(self, *args, request, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.citizen_user = None
        place = cast(forms.ModelChoiceField, self.fields["place"])
        place.queryset = places
        only = list(places[:2])
        if len(only) == 1:
            place.initial = only[0].pk

    def clean(self):
        data = super().clean() or {}
        username, password = data.get("username"), data.get("password")
        if username and password:
            # django-axes counts the failures and locks the username after a few.
            self.citizen_user = authenticate(self.request, username=username, password=password)
            if self.citizen_user is None:
                raise forms.ValidationError(
                    _("The username or password is wrong. Try again."), code="login"
                )
        return data
