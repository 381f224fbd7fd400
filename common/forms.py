"""Form rendering in the markup of Det Fælles Designsystem, and shared field validation."""

import html
import re
import uuid

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.templatetags.static import static
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
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


def escape(value) -> str:
    """conditional_escape() without its lazy-string wrapper, which cost more than the escaping
    itself: the markup of what is safe already, else html.escape, as Django's escape()."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _text(value) -> str:
    """`{{ value }}` in a template: localised, then escaped unless already safe."""
    return escape(localize(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html, which every single-input widget template includes."""
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return (
        f'<input type="{escape(widget["type"])}" '
        f'name="{escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _input_option(widget: dict) -> str:
    """django/forms/widgets/input_option.html: one radio or checkbox of a group, in its
    label when asked (the included input.html ends in a newline)."""
    html = _input(widget)
    if not widget.get("wrap_label"):
        return html
    label_for = f' for="{escape(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    return f"<label{label_for}>{html}\n {_text(widget['label'])}</label>"


def _select_option(widget: dict) -> str:
    return (
        f'<option value="{escape(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_text(widget['label'])}</option>"
    )


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


_INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in [
        *("input", "checkbox", "color", "date", "datetime", "email", "file", "hidden"),
        *("number", "password", "search", "tel", "text", "time", "url"),
    ]
}
_WIDGET_TEMPLATES = {
    **dict.fromkeys(_INPUT_TEMPLATES, _input),
    "django/forms/widgets/select_option.html": _select_option,
    "django/forms/widgets/radio_option.html": _input_option,
    "django/forms/widgets/checkbox_option.html": _input_option,
    "django/forms/widgets/textarea.html": _textarea,
}


def field_group(field: forms.BoundField) -> str:
    """A DKFDS v11 field group (node_modules/dkfds/src/components/form/controls/*.njk,
    checkboxes/*.njk, radiobuttons/*.njk): label, hint, error message and the widget, for
    `{{ field.as_field_group }}` and `{{ form }}`.

    Ids follow Django 5.2, so the aria attributes Django puts on the widget match: the hint is
    `<auto_id>_helptext` and the error `<auto_id>_error`; Django adds aria-describedby and
    aria-invalid="true" to the widget, and for a fieldset widget they go on the <fieldset>,
    as DKFDS does. The widget's class comes from DkfdsFormMixin (form-input, form-select,
    form-checkbox, form-radio; none for files and hidden fields). No label suffix."""
    if field.is_hidden:
        return str(field)
    errors, auto_id = field.errors, escape(field.auto_id or "")
    error_html = help_html = optional = describedby = ""
    if errors:
        error_id = f' id="{auto_id}_error"' if auto_id else ""
        sr_only = f'<span class="sr-only">{escape(gettext("Error:"))} </span>'
        messages = "<br>".join(f"{sr_only}{escape(str(error))}" for error in errors)
        error_html = f'<span class="form-error-message"{error_id}>{messages}</span>'
    if field.help_text:
        help_id = f' id="{auto_id}_helptext"' if auto_id else ""
        help_html = f'<span class="form-hint"{help_id}>{field.help_text}</span>'
    if not field.field.required and not field.field.disabled:
        optional = gettext("optional")
        optional = f'<span class="weight-normal"> ({escape(optional)})</span>'
    if field.aria_describedby:
        describedby = f' aria-describedby="{escape(field.aria_describedby)}"'
    group = f'<div class="form-group{" form-error" if errors else ""}">'
    label, for_id = escape(field.label), escape(field.id_for_label)
    widget_type = field.widget_type
    if widget_type == "checkbox":
        return (
            f'{group}\n  {error_html}\n  <div class="form-group-checkbox">\n    {field}\n'
            f'    <label class="form-label" for="{for_id}">{label}</label>\n'
            f"    {help_html}\n  </div>\n</div>"
        )
    if widget_type in ("radioselect", "checkboxselectmultiple") or field.use_fieldset:
        if widget_type in ("radioselect", "checkboxselectmultiple"):
            kind = "radio" if widget_type == "radioselect" else "checkbox"
            body = "".join(
                f'\n    <div class="form-group-{kind}">\n      {choice.tag()}\n'
                f'      <label class="form-label" for="{escape(choice.id_for_label)}">'
                f"{escape(choice.choice_label)}</label>\n    </div>"
                for choice in field
            )
        else:
            body = f"\n    {field}"
        return (
            f"{group}\n  <fieldset{describedby}>\n"
            f'    <legend class="form-label">{label}{optional}</legend>\n'
            f"    {help_html}\n    {error_html}{body}\n  </fieldset>\n</div>"
        )
    label_html = ""
    if field.label:
        disabled = " disabled" if field.field.disabled else ""
        label_html = f'<label class="form-label{disabled}" for="{for_id}">{label}{optional}</label>'
    return f"{group}\n  {label_html}\n  {help_html}\n  {error_html}\n  {field}\n</div>"


ICON_SPRITE = "vendor/dkfds/img/all-svg-icons.svg"


def form_body(form: forms.BaseForm, context: dict) -> str:
    """The body of `{{ form }}` in DKFDS v11: when the form has errors, an error summary first
    ("Fejlopsummering": an alert-error with data-module="error-summary", which DKFDS.init()
    focuses), listing the errors of the form as text and each field's as a link to the field
    (to the first option of a radio or checkbox group); then every field group and the hidden
    fields. The <form>, {% csrf_token %} and the buttons are the page template's."""
    parts = []
    if form.errors:
        prefix = escape(form.prefix or "form")
        items = [f"<li>{escape(str(error))}</li>" for error in context["errors"]]
        for field, field_errors in context["fields"]:
            target = f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label
            link = f'<a class="function-link" href="#{escape(target)}">'
            items += [f"<li>{link}{escape(str(error))}</a></li>" for error in field_errors]
        separator = "\n      "
        parts.append(
            f'<div class="alert alert-error" role="alert" tabindex="-1" data-module="error-summary"'
            f' aria-labelledby="{prefix}-error-summary-heading">\n'
            f'  <svg class="icon-svg alert-icon" focusable="false" role="img"'
            f' aria-label="{escape(gettext("Error"))}">'
            f'<use href="{escape(static(ICON_SPRITE))}#error"></use></svg>\n'
            f'  <div class="alert-body">\n'
            f'    <h2 class="alert-heading" id="{prefix}-error-summary-heading">'
            f"{escape(gettext('There is a problem'))}</h2>\n"
            f'    <ul class="alert-text nobullet-list">\n      {separator.join(items)}\n    </ul>\n'
            f"  </div>\n</div>"
        )
    parts += [field.as_field_group() for field, _errors in context["fields"]]
    parts.append("".join(str(field) for field in context["hidden_fields"]))
    return "\n".join(parts)


class DkfdsFormRenderer(TemplatesSetting):
    """The form body (`form_body`), field groups (`field_group`) and Django's own widget
    templates (inputs, selects, textareas) are drawn by the Python functions above: they run
    for every form, field and <option>, and through the template engine they were most of a
    form page's time. Other widgets' templates go through the template engine as usual. The
    template names stay as the keys Django asks for; no such files exist."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        if template_name == self.field_template_name:
            html = field_group(context["field"])
        elif template_name == self.form_template_name:
            html = form_body(context["form"], context)
        elif template_name == "django/forms/widgets/select.html":
            html = self._select(context["widget"])
        elif template_name in _WIDGET_TEMPLATES:
            html = _WIDGET_TEMPLATES[template_name](context["widget"])
        else:
            return super().render(template_name, context, request)
        # Every value in it went through escape(), as a template's {{ }} would.
        return mark_safe(html)  # noqa: S308

    def _select(self, widget: dict) -> str:
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                # select.html includes each option's template, whose file ends in a newline.
                parts.append("\n  ")
                parts.append(self.render(option["template_name"], {"widget": option}))
                parts.append("\n")
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)


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
