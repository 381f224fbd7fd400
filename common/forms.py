"""Form rendering in the markup of Det Fælles Designsystem, and shared field validation."""

import re
import uuid

from django import forms
from django.core import validators as django_validators
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext, override
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
        self._dkfds_style()

    def get_context(self):
        self._dkfds_style()  # fields added after __init__ (built from data)
        return super().get_context()  # type: ignore[misc]

    def __getitem__(self, name):
        self._dkfds_style()
        return super().__getitem__(name)  # type: ignore[misc]

    def _dkfds_style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            if getattr(field, "_dkfds_styled", False):
                continue
            field._dkfds_styled = True
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
    if not field.widget.is_hidden:
        _name_the_field(field, label)
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


#: Django's own messages, in English: a message that is one of these says nothing of the field
#: and is replaced; a message a form chose itself (error_messages=...) is kept.
_DJANGO_DEFAULTS = {
    "This field is required.",
    "Enter a valid date.",
    "Enter a valid date/time.",
    "Enter a valid time.",
    "Enter a valid email address.",
    "Enter a valid URL.",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a valid UUID.",
    "Enter a list of values.",
    "Select a valid choice. %(value)s is not one of the available choices.",
    "Select a valid choice. That choice is not one of the available choices.",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
}


def _is_default(message) -> bool:
    with override("en"):
        return str(message) in _DJANGO_DEFAULTS


def field_name_in_message(label: str) -> str:
    """The label as it reads inside a sentence: without a trailing "(...)" or ":" and with a
    small first letter, unless the word is an abbreviation ("CPR-nummer", "CV")."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip().rstrip(":").strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def label_named(label, error) -> bool:
    """Whether an error message names its field already (the error summary then shows the
    message alone, not "E-mail: Skriv din e-mail")."""
    return field_name_in_message(str(label)).lower() in str(error).lower()


def _field_kind(field: forms.Field) -> str:
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(field, forms.ChoiceField) or isinstance(
        widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return "choice"
    if isinstance(field, forms.TimeField):
        return "time"
    if isinstance(field, forms.DateField):
        return "month" if getattr(widget, "input_type", "") == "month" else "date"
    if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        return "number"
    if isinstance(field, forms.EmailField):
        return "email"
    if isinstance(field, forms.URLField):
        return "url"
    return "text"


#: A label that opens with one of these asks a question, with or without its "?".
_QUESTION_WORDS = {
    "hvad", "hvor", "hvordan", "hvilke", "hvilket", "hvilken", "hvem", "hvorfor", "hvornår",
    "what", "where", "how", "which", "who", "why", "when",
}  # fmt: skip


def _reads_as_a_question(label: str, name: str) -> bool:
    """Whether the label is quoted in a message rather than put into it: a question ("Hvad
    er galt"), or a name too short to stand alone ("Fra (måned)" would give "Skriv fra")."""
    words = label.strip().split()
    return (
        label.rstrip().endswith("?")
        or (bool(words) and words[0].lower() in _QUESTION_WORDS)
        or len(name) < 4
    )


def field_error_messages(field: forms.Field, label: str) -> dict[str, str]:
    """Error messages that name the field by its label, by the kind of widget: "Skriv
    e-mail", "Vælg emne", "Skriv dato som fx 9.11.2026". A label that is a question, or too
    short to stand alone, is quoted ("Svar på „Hvordan vil du mødes?“")."""
    kind = _field_kind(field)
    named = {"label": field_name_in_message(label), "quoted": label.strip()}
    quoted = _reads_as_a_question(label, named["label"])
    if kind == "date":
        date = (
            gettext("Enter a date in “%(quoted)s”, like 9.11.2026")
            if quoted
            else gettext("Enter %(label)s like 9.11.2026")
        ) % named
    elif kind == "month":
        date = (
            gettext("Enter a month in “%(quoted)s”, like 2024-03")
            if quoted
            else gettext("Enter %(label)s as a month like 2024-03")
        ) % named
    elif kind == "time":
        date = (
            gettext("Enter a time in “%(quoted)s”, like 09:30")
            if quoted
            else gettext("Enter %(label)s as a time like 09:30")
        ) % named
    if kind == "checkbox":
        required = gettext("Tick “%(quoted)s”") % named
    elif kind == "choice":
        required = (
            gettext("Choose an answer to “%(quoted)s”") if quoted else gettext("Choose %(label)s")
        ) % named
    elif kind in ("date", "month", "time"):
        required = date
    elif quoted:
        required = gettext("Answer “%(quoted)s”") % named
    else:
        required = gettext("Enter %(label)s") % named
    choose = (
        gettext("Choose an answer to “%(quoted)s” from the list")
        if quoted
        else gettext("Choose %(label)s from the list")
    ) % named
    if kind in ("date", "month", "time"):
        invalid = date
    elif kind == "choice":
        invalid = choose
    else:
        invalid = {
            "number": gettext("Enter %(label)s as a number"),
            "email": gettext("Enter %(label)s as an e-mail address like navn@eksempel.dk"),
            "url": gettext("Enter %(label)s as a web address like https://eksempel.dk"),
        }.get(kind, gettext("Check %(label)s")) % named
    return {
        "required": required,
        "invalid": invalid,
        "invalid_choice": choose,
        "invalid_list": choose,
        "max_length": (
            gettext("“%(quoted)s” can have at most %%(limit_value)d characters")
            if quoted
            else gettext("%(label)s can have at most %%(limit_value)d characters")
        )
        % {**named, "label": _capitalised(named["label"])},
    }


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name_the_field(field: forms.Field, label: str) -> None:
    """Puts the field's label into the messages Django would give without it (the ones the
    form chose itself stay), the length limit's too."""
    messages = field_error_messages(field, label)
    # An e-mail or web address is checked by a validator whose code is "invalid": the field's
    # message of that code replaces the validator's.
    by_validator = {"invalid"} if _field_kind(field) in ("email", "url") else set()
    for key, message in messages.items():
        current = field.error_messages.get(key)
        if key != "max_length" and (
            (current is None and key in by_validator) or (current and _is_default(current))
        ):
            field.error_messages[key] = message
    field.validators = [
        django_validators.MaxLengthValidator(validator.limit_value, messages["max_length"])
        if type(validator) is django_validators.MaxLengthValidator
        and validator.message is django_validators.MaxLengthValidator.message
        else validator
        for validator in field.validators
    ]


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
