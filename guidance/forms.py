from django import forms
from django.utils.translation import gettext_lazy as _

from centres.forms import validate_lines
from common.forms import Form, validate_no_html
from guidance.models import NOTE_MAX_LENGTH


class GuideNoteForm(Form):
    text = forms.CharField(
        label=_("The job centre's note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_html, validate_lines],
        help_text=_(
            "Shown at the end of the guide to your citizens. Write short, plain sentences. "
            "Leave it empty to show no note."
        ),
    )
