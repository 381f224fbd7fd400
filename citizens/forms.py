from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from citizens.identifiers import cpr_normalise, mobile_normalise
from citizens.models import Citizen
from citizens.services import PROFILE_FIELDS, CitizenData
from common.forms import DateInput, Form, IdempotentFormMixin, ModelForm, validate_no_html
from places import selectors as places


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class CitizenForm(ModelForm):
    """Staff register or correct a citizen. The name and e-mail live on the citizen's user."""

    name = forms.CharField(label=_("Full name"), max_length=200, validators=[validate_no_html])
    email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = Citizen
        fields = list(PROFILE_FIELDS)
        widgets = {"registered_on": DateInput, "mobile": forms.TextInput(attrs={"type": "tel"})}

    def __init__(self, *args, job_centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["name", "cpr", "email", *self.Meta.fields])
        consultants = User.objects.filter(
            job_centre=job_centre, role=Role.JOB_CONSULTANT, is_active=True
        ).order_by("name")
        consultant = _choice(self, "responsible_consultant")
        consultant.queryset = consultants
        consultant.empty_label = _("No responsible consultant yet")
        self.fields["self_booking_exemption_reason"].help_text = _(
            "Only when the citizen is exempt from self-booking."
        )
        if self.instance.pk:
            self.initial.setdefault("name", self.instance.user.name)
            self.initial.setdefault("email", self.instance.user.email)

    def clean_mobile(self) -> str:
        value = self.cleaned_data["mobile"].strip()
        return mobile_normalise(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        if cleaned.get("self_booking_exempt") and not cleaned.get("self_booking_exemption_reason"):
            self.add_error("self_booking_exemption_reason", _("Give the reason for the exemption."))
        return cleaned

    def citizen_data(self) -> CitizenData:
        data = self.cleaned_data
        return CitizenData(
            name=data["name"], email=data["email"], **{f: data[f] for f in self.Meta.fields}
        )

    def _post_clean(self) -> None:
        # The service assigns the fields; skip ModelForm's instance construction and model
        # validation of the unsaved instance (it has no user and no CPR yet).
        pass


class CitizenCreateForm(IdempotentFormMixin, CitizenForm):
    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        help_text=_("10 digits, with or without a hyphen."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_cpr(self) -> str:
        return cpr_normalise(self.cleaned_data["cpr"])


class ContactForm(ModelForm):
    """The citizen's own contact details."""

    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter your e-mail like navn@eksempel.dk")},
    )

    class Meta:
        model = Citizen
        fields = ["mobile"]
        widgets = {"mobile": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "mobile"])
        self.initial.setdefault("email", self.instance.user.email)

    def clean_mobile(self) -> str:
        value = self.cleaned_data["mobile"].strip()
        return mobile_normalise(value) if value else ""


class CitizenSearchForm(Form):
    query = forms.CharField(
        label=_("Search by name or CPR number"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "type": "search"}),
    )


#: The travel radius a citizen or staff may set, in km.
RADIUS_RANGE = (1, 200)


class TravelForm(ModelForm):
    """Where the citizen lives and how far they will travel to work: job suggestions and
    matching measure from here. An empty radius means the job centre's standard."""

    class Meta:
        model = Citizen
        fields = ["postcode", "travel_radius_km"]
        widgets = {
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 4}
            ),
            "travel_radius_km": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, default_radius: int, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = RADIUS_RANGE
        radius = self.fields["travel_radius_km"]
        radius.widget.attrs.update(min=low, max=high)
        radius.help_text = _(
            "Leave it empty to use the job centre's standard for your situation, now %(km)s km."
        ) % {"km": default_radius}

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip().replace(" ", "")
        if not value:
            return ""
        if len(value) != 4 or not value.isdigit():
            raise forms.ValidationError(_("Write a Danish postcode of four digits."))
        if places.place(value) is None:
            raise forms.ValidationError(
                _("We do not know the postcode %(postcode)s.") % {"postcode": value}
            )
        return value

    def clean_travel_radius_km(self) -> int | None:
        value = self.cleaned_data["travel_radius_km"]
        low, high = RADIUS_RANGE
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(
                _("Write a number of km from %(low)s to %(high)s.") % {"low": low, "high": high}
            )
        return value
