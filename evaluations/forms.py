from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.forms import Form, validate_no_html
from evaluations.models import WORDS_MAX
from evaluations.rules import PERIOD_DAYS

StrOrPromise = str | Promise


def _scale() -> list[tuple[int, StrOrPromise]]:
    """1 to 10, the ends explained in words."""
    ends = {1: _("1 - not good at all"), 10: _("10 - very good")}
    return [(n, ends.get(n, str(n))) for n in range(1, 11)]


class EvaluationForm(Form):
    score = forms.TypedChoiceField(
        label=_("Your answer on a scale from 1 to 10"),
        choices=_scale,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a number from 1 to 10."),
            "invalid_choice": _("Choose a number from 1 to 10."),
        },
    )
    words = forms.CharField(
        label=_("Would you like to say more?"),
        required=False,
        max_length=WORDS_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_html],
    )


class PeriodForm(Form):
    """The overview's period, as a GET form; anything else means the default."""

    days = forms.TypedChoiceField(
        label=_("Period"),
        choices=lambda: [(d, gettext("The last %(days)s days") % {"days": d}) for d in PERIOD_DAYS],
        coerce=int,
    )
