from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, Form, IdempotentFormMixin, validate_no_html
from conversations.guide import text_keys
from conversations.models import GUIDE_TEXT_MAX, GUIDE_TITLE_MAX, LINE_MAX, NOTE_MAX, NoteField
from learning.forms.logbook import NEXT_STEP_HINT, score_field, text_field
from learning.models import Technique
from plans.models import TEXT_MAX, TITLE_MAX


class NoteForm(Form):
    """One prompt of the guide; `version` is the note's version when it was loaded (0: none)."""

    text = forms.CharField(
        required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class TimeoutForm(Form):
    prefix = "timeout"

    note = forms.CharField(
        label=_("What did you agree on?"),
        help_text=_("Optional: a line on how you re-aligned."),
        required=False,
        max_length=LINE_MAX,
        validators=[validate_no_html],
    )


class AgreementForm(IdempotentFormMixin, Form):
    prefix = "aftale"

    text = forms.CharField(
        label=_("Agreement"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_html],
        error_messages={"required": _("Please write the agreement.")},
    )


class HomeworkForm(IdempotentFormMixin, Form):
    prefix = "opgave"

    title = forms.CharField(
        label=_("Homework"),
        max_length=TITLE_MAX,
        validators=[validate_no_html],
        error_messages={"required": _("Please write what the homework is.")},
    )
    due = forms.DateField(label=_("Due"), widget=DateInput)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_html],
    )


class JournalForm(Form):
    prefix = "journal"

    text = forms.CharField(
        label=_("Journal note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Please write something.")},
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class FinaliseForm(Form):
    prefix = "endelig"

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class AmendForm(IdempotentFormMixin, Form):
    prefix = "tilfoejelse"

    text = forms.CharField(
        label=_("Amendment"),
        help_text=_("The note itself stays as it was; the amendment is shown under it."),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write something.")},
    )


class SelfRatingForm(Form):
    """The consultant's own rating of the conversation: their logbook entry on it. The
    techniques are those of the team (`techniques`)."""

    prefix = "selv"

    score = score_field(_("How did the conversation go, on a scale from 1 to 10?"))
    technique = forms.ModelChoiceField(
        label=_("Which technique did you train?"),
        required=False,
        queryset=Technique.objects.none(),
    )
    reflection = text_field(_("A line of reflection"))
    next_step = text_field(_("Next step"), NEXT_STEP_HINT)

    def __init__(self, *args, techniques, **kwargs):
        super().__init__(*args, **kwargs)
        technique = cast(forms.ModelChoiceField, self.fields["technique"])
        technique.queryset, technique.empty_label = techniques, _("None in particular")


class GuideTemplateForm(Form):
    """The texts of the guide a centre or team writes itself: per phase a title, a purpose, a
    question to the citizen and a hint per prompt. The fields are named as `guide.text_keys`."""

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        for number, phase in enumerate(phases, start=1):
            for key, value in text_keys(phase).items():
                # "kontrakt.purpose" is the phase's purpose; "purpose" alone is a prompt's note.
                part = key.rsplit(".", 1)[-1] if "." in key else None
                label = {
                    "title": _("Phase %(n)d: title"),
                    "purpose": _("Phase %(n)d: purpose"),
                    "ask": _("Phase %(n)d: question to the citizen"),
                }.get(part or "")
                field_label = label % {"n": number} if label else NoteField(key).label
                self.fields[key] = forms.CharField(
                    label=field_label,
                    initial=str(value),
                    # The service refuses a phase without its title or purpose.
                    required=part in ("title", "purpose"),
                    max_length=GUIDE_TITLE_MAX if part == "title" else GUIDE_TEXT_MAX,
                    widget=forms.TextInput
                    if part == "title"
                    else forms.Textarea(attrs={"rows": 2}),
                )
