"""An occupation field for every form that asks for one: a text input with the list as
suggestions (an HTML datalist: keyboard-friendly, no script), resolved to an Occupation by
its title or a synonym. A title that is not on the list is a clear Danish error."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from occupations.models import Occupation
from occupations.selectors import occupation_by_title


class OccupationInput(forms.TextInput):
    template_name = "occupations/occupation_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}-list"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["attrs"].setdefault("autocomplete", "off")
        context["list_id"] = list_id
        context["titles"] = Occupation.objects.values_list("title", flat=True)
        return context

    def format_value(self, value):
        if isinstance(value, Occupation):
            return value.title
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            occupation = Occupation.objects.filter(pk=value).first()
            return occupation.title if occupation else value
        return super().format_value(value)


class OccupationField(forms.CharField):
    widget = OccupationInput
    default_error_messages = {
        "unknown": _(
            "“%(value)s” is not on the occupation list. Choose one of the suggestions, and "
            "write your own job title in the field for it."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 150)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.title if isinstance(value, Occupation) else value

    def to_python(self, value):
        title = super().to_python(value)
        if not title:
            return None
        super().run_validators(title)  # the length, on what was typed, before any lookup
        occupation = occupation_by_title(title)
        if occupation is None:
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": title}
            )
        return occupation

    def run_validators(self, value):
        """Done in to_python on the typed title: the cleaned value is an Occupation."""


class OccupationChoiceField(OccupationField):
    """For ModelForms: the model's ForeignKey to Occupation, edited by title."""

    def has_changed(self, initial, data):
        initial_title = self.widget.format_value(initial) if initial else ""
        return (initial_title or "") != (data or "")
