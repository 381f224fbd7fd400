from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from common.forms import DkfdsFormMixin


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or the password is wrong. Check them and try again."),
    }
