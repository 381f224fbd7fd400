"""An occupation field for every form that asks for one: a text input with the list as
suggestions (an HTML datalist: keyboard-friendly, no script), resolved to an Occupation by
its title or a synonym. A title that is not on the list is a clear Danish error."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from common.forms import Form
from common.uploads import read_text_upload
from occupations.models import Occupation, Prospect
from occupations.selectors import occupation_by_title
from places.models import Area


class OccupationInput(forms.TextInput):
    template_name = "occupations/widgets/occupation_input.html"

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
        "required": _("Write an occupation and choose it from the list"),
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
        widget = self.widget
        assert isinstance(widget, forms.Widget)  # Field.__init__ makes it an instance
        initial_title = widget.format_value(initial) if initial else ""
        return (initial_title or "") != (data or "")


class BalanceImportForm(Form):
    """Upload of Arbejdsmarkedsbalancen as CSV (columns: see occupations.services)."""

    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, one row per occupation and area, with the header "
            "occupation;disco;area;prospect."
        ),
    )
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=20,
        validators=[
            RegexValidator(
                r"^\d{4}(-[12])?$", _("Write the period as a year and half-year, e.g. 2026-2.")
            )
        ],
        help_text=_("The half-year the balance is for, e.g. 2026-2."),
    )
    all_or_nothing = forms.BooleanField(
        label=_("All or nothing: import nothing if a row is bad"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        return read_text_upload(upload, extensions=(".csv", ".txt"), max_bytes=self.MAX_BYTES)


class BalanceFilterForm(Form):
    area = forms.ChoiceField(
        label=_("Area"), required=False, choices=[("", _("All areas")), *Area.choices]
    )
    prospect = forms.ChoiceField(
        label=_("Job prospects"),
        required=False,
        choices=[("", _("All")), *Prospect.choices],
    )
