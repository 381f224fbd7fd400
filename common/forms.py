"""Form rendering in the markup of Det Fælles Designsystem, and shared field validation."""

import re
import uuid

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from common import hygiene
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
    """Forms in the markup of Det Fælles Designsystem, through the one template engine:
    `{{ form }}` is jinja2/forms/form.html (the error summary, then each field group),
    `{{ field.as_field_group() }}` is jinja2/forms/field.html, and the widgets are Django's
    own Jinja2 widget templates (django/forms/jinja2/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DkfdsFormMixin:
    """Gives every widget the class DKFDS styles it by, and puts every field of the form
    through the input-hygiene layer (common.hygiene) when it is cleaned, fields added after
    __init__ too."""

    def _clean_fields(self):
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            _guard(self, name, field)
        super()._clean_fields()  # type: ignore[misc]

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
                # The getter gives the normalised list; the stubs type it as the setter's input.
                choices = list(field.choices)  # type: ignore[arg-type]
                if choices and choices[0] == ("", "---------"):
                    field.choices = [("", _("Choose")), *choices[1:]]
            for widget_type, css_class in _WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    existing = field.widget.attrs.get("class", "")
                    field.widget.attrs["class"] = f"{existing} {css_class}".strip()
                    break


def _model_field(form, name: str):
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _guard(form, name: str, field: forms.Field) -> None:
    """Puts the input-hygiene layer (common.hygiene) on one field, once: the raw input is
    screened for control characters before the field parses it (a ModelChoiceField would look
    it up in the database), and a date or whole number is bounded after."""
    if getattr(field, "_hygiene", False):
        return
    field._hygiene = True  # type: ignore[attr-defined]
    label = str(field.label or name.replace("_", " ").capitalize())
    multiline = isinstance(field.widget, forms.Textarea)
    clean = field.clean

    def screened_clean(value, *args):  # a FileField's clean takes the initial value too
        hygiene.check_raw(value, label=label, multiline=multiline)
        if isinstance(field, forms.ModelChoiceField):
            _check_keys(field, value)
        return clean(value, *args)

    field.clean = screened_clean  # type: ignore[method-assign]
    if isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.append(_validator(hygiene.date_problem, label=label))
    elif isinstance(field, forms.IntegerField):
        low, high = hygiene.integer_bounds(_model_field(form, name))
        if isinstance(field.min_value, int):
            low = max(low, field.min_value)
        if isinstance(field.max_value, int):
            high = min(high, field.max_value)
        field.validators.append(
            _validator(hygiene.integer_problem, label=label, low=low, high=high)
        )
    elif isinstance(field, forms.FloatField | forms.DecimalField):
        field.validators.append(
            _validator(
                lambda value, label: hygiene.float_problem(float(value), label=label), label=label
            )
        )


def _check_keys(field: forms.ModelChoiceField, value) -> None:
    """A choice of a model by a whole-number key that no column can hold is no choice (SQLite
    cannot even be asked: the lookup would fail with an OverflowError)."""
    if field.queryset is None:
        return
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    if not isinstance(key, models.IntegerField):
        return
    low, high = hygiene.integer_bounds(key)
    for item in value if isinstance(value, list | tuple) else [value]:
        try:
            number = int(str(item).strip())
        except ValueError:
            continue  # not a number: the field says so itself
        if not low <= number <= high:
            raise ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": item},
            )


def _validator(problem_of, **kwargs):
    """A field validator from one of common.hygiene's `*_problem` functions."""

    def validate(value) -> None:
        problem = problem_of(value, **kwargs)
        if problem:
            raise ValidationError(problem, code="out_of_bounds")

    return validate


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
        if not hasattr(form, "cleaned_data"):
            # A form without fields, never validated (a place for the service's error only):
            # add_error needs what cleaning would have left.
            form.cleaned_data = {}
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
