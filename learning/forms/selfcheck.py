"""The self-check's form: one text area per question of the practice sheet."""

from django import forms

from common.forms import Form, validate_no_html
from learning.models import KnowledgeQuestion
from learning.models.selfcheck import ANSWER_MAX_LENGTH


class SelfCheckForm(Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in KnowledgeQuestion:
            self.fields[question.value] = forms.CharField(
                label=question.label,
                max_length=ANSWER_MAX_LENGTH,
                required=False,
                validators=[validate_no_html],
                widget=forms.Textarea(attrs={"rows": 4}),
            )
