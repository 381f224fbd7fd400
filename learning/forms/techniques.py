"""The team leader's forms for the team's techniques and feedback template. Each item on the
page has its own small edit form (prefix per item, so the ids never clash)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import Form, IdempotentFormMixin, validate_no_html
from learning.services.techniques import DESCRIPTION_MAX, NAME_MAX, QUESTION_MAX


class TechniqueForm(Form):
    name = forms.CharField(
        label=_("Technique"),
        max_length=NAME_MAX,
        validators=[validate_no_html],
        error_messages={"required": _("Please write the technique's name.")},
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("One line the consultants see with the technique."),
        required=False,
        max_length=DESCRIPTION_MAX,
        validators=[validate_no_html],
    )


class TechniqueAddForm(IdempotentFormMixin, TechniqueForm):
    prefix = "ny-teknik"


class FeedbackQuestionForm(Form):
    text = forms.CharField(
        label=_("Question"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_html],
        error_messages={"required": _("Please write the question.")},
    )


class FeedbackQuestionAddForm(IdempotentFormMixin, FeedbackQuestionForm):
    prefix = "nyt-spoergsmaal"


class MoveForm(Form):
    direction = forms.ChoiceField(choices=[("op", "op"), ("ned", "ned")])


class ActiveForm(Form):
    active = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
