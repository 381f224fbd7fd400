from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from common.forms import DkfdsFormMixin


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or the password is wrong. Check them and try again."),
    }


class SecondFactorCodeForm(DkfdsFormMixin, forms.Form):
    """A six-digit code from the authenticator app (or, on the verify page, a recovery code)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery_allowed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if recovery_allowed:  # the verify page: the code is all it asks
            field.widget.attrs["autofocus"] = True
            field.help_text = _(
                "The six digits your authenticator app shows now, or one of your recovery codes."
            )
        else:
            field.help_text = _("The six digits your authenticator app shows now.")
            field.widget.attrs["inputmode"] = "numeric"
