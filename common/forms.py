"""Form rendering in the markup of Det Fælles Designsystem, and shared field validation."""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from common.services import submit_once

_WIDGET_CLASSES = {
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.CheckboxInput: "form-checkbox",
    forms.Select: "form-select",
    forms.Textarea: "form-input",
    forms.widgets.Input: "form-input",
}


class DkfdsFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DkfdsFormMixin:
    """Gives every widget the class DKFDS styles it by."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field.widget, forms.HiddenInput | forms.FileInput):
                continue
            if isinstance(field, forms.ModelChoiceField):
                # The label only: fixing the choices would freeze the queryset, and one the
                # view narrows later (to the user's job centre) would still show them all.
                if field.empty_label is not None:
                    field.empty_label = _("Choose")
            elif isinstance(field, forms.ChoiceField):
                choices = list(field.choices)
                if choices and choices[0] == ("", "---------"):
                    field.choices = [("", _("Choose")), *choices[1:]]
            for widget_type, css_class in _WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    existing = field.widget.attrs.get("class", "")
                    field.widget.attrs["class"] = f"{existing} {css_class}".strip()
                    break


class Form(DkfdsFormMixin, forms.Form):
    pass


class ModelForm(DkfdsFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


_HTML = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;")


def validate_no_html(value: str) -> None:
    if value and _HTML.search(value):
        raise ValidationError(_("The field must not contain HTML (such as < and >)."), code="html")


class IdempotentFormMixin(forms.Form):
    """A hidden one-time token; the service stores it under a unique constraint, so a double
    click or a resubmitted page creates one record, not two."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


def service_errors_to_form(form: forms.BaseForm, call):
    """Runs a service call; a ValidationError it raises is shown on the form (and None is
    returned) so the user keeps everything they typed."""
    try:
        return call()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def create_once(request, form: IdempotentFormMixin, create, fallback_url: str) -> str | None:
    """For a valid create form: runs `create` (which returns the new record's URL) at most once
    per submission token. Returns where to redirect, or None when the service refused the input
    (the errors are then on the form)."""
    result = service_errors_to_form(
        form,
        lambda: submit_once(
            token=form.cleaned_data["submission_token"], user=request.user, create=create
        ),
    )
    return None if result is None else (result[0] or fallback_url)
