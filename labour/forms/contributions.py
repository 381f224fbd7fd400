"""A colleague's knowledge note on a company, and a business consultant's review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import Form, IdempotentFormMixin, validate_no_html

#: The note's fields, as the method's company profile names them, with a hint each.
NOTE_FIELDS = {
    "market_potential": (
        _("Market potential"),
        _("Is the company growing, and could it take on more people?"),
    ),
    "tasks": (_("Tasks"), _("What people do there, day to day.")),
    "tone": (_("Tone"), _("How people talk to each other.")),
    "culture": (_("Workplace culture"), _("What it is like to work there.")),
    "demand": (_("Demand"), _("Which people and skills the company asks for.")),
}


class KnowledgeNoteForm(IdempotentFormMixin, Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, hint) in NOTE_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=label,
                help_text=hint,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                validators=[validate_no_html],
            )

    def note_data(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in NOTE_FIELDS}


class ReviewForm(Form):
    action = forms.ChoiceField(
        choices=[
            ("confirm", _("Confirm")),
            ("reject", _("Reject")),
            ("merge", _("Merge into this one")),
        ]
    )
    into = forms.UUIDField(required=False)
