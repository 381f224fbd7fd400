"""Short forms for a tablet in the field: companies, their contacts and agreements, openings,
the board's filter and the import. The services assign and check; the forms only clean."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from common.forms import DateInput, Form, IdempotentFormMixin, ModelForm, validate_no_html
from common.uploads import read_text_upload
from labour import search, selectors
from labour.imports import CSV, JSONLD
from labour.models import (
    MAX_POSITIONS,
    Company,
    ContactPerson,
    CooperationAgreement,
    Industry,
    JobOpening,
)
from labour.services import companies as services
from labour.services.companies import cvr_clean
from occupations.forms import OccupationChoiceField, OccupationInput

#: The largest file or pasted text the import takes (a few thousand openings).
MAX_IMPORT_BYTES = 10 * 1024 * 1024
IMPORT_EXTENSIONS = (".json", ".jsonld", ".html", ".htm", ".csv")
LABOUR_STAFF = (Role.BUSINESS_CONSULTANT, Role.TEAM_LEADER, Role.ADMINISTRATOR)


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class _ContactChoice(forms.ModelChoiceField):
    """A contact person with the company they work at."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.company.name})"


def _postcode(value: str) -> str:
    value = (value or "").strip()
    if value and not (value.isdigit() and len(value) == 4):
        raise ValidationError(_("A postcode is 4 digits."), code="postcode")
    return value


def _town_from_postcode(cleaned: dict) -> None:
    """A postcode without a town gets the town (one field less to type on a tablet)."""
    places = selectors.places_module()
    if places is not None and cleaned.get("postcode") and not cleaned.get("town"):
        cleaned["town"] = places.town_of(cleaned["postcode"]) or ""


class _ServiceAssigns:
    """The service assigns the cleaned data to the object and checks it (CVR, employer,
    contact), so ModelForm's own construction and model validation are skipped."""

    def _post_clean(self) -> None:
        pass

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}  # type: ignore[attr-defined]


class CompanyForm(_ServiceAssigns, ModelForm):
    class Meta:
        model = Company
        fields = list(services.COMPANY_FIELDS)
        widgets = {
            "cvr": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "class": "input-char-4"}),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("tasks", "tone", "culture", "requirements", "seasonal_needs")
            },
        }
        help_texts = {
            "cvr": _("8 digits."),
            "town": _("Filled in from the postcode when left empty."),
            "tasks": _("What people do there, day to day."),
            "tone": _("How people talk to each other."),
            "culture": _("What it is like to work there."),
            "requirements": _("What the company asks of a new colleague."),
            "seasonal_needs": _("When in the year the company needs more people."),
        }

    def __init__(self, *args, job_centre, **kwargs):
        super().__init__(*args, **kwargs)
        industry = _choice(self, "industry")
        industry.queryset = Industry.objects.all()
        industry.empty_label = _("Choose the industry")
        if "consultant" in self.fields:
            consultant = _choice(self, "consultant")
            consultant.queryset = User.objects.filter(
                job_centre=job_centre, role__in=LABOUR_STAFF, is_active=True
            ).order_by("name")
            consultant.empty_label = _("No business consultant")
        for name in ("name", "address", "town", "tasks", "tone", "culture", "requirements"):
            if name in self.fields:
                self.fields[name].validators.append(validate_no_html)

    def clean_cvr(self) -> str:
        return cvr_clean(self.cleaned_data["cvr"])

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        _town_from_postcode(cleaned)
        return cleaned

    def clean_postcode(self) -> str:
        return _postcode(self.cleaned_data["postcode"])


class CompanyCreateForm(IdempotentFormMixin, CompanyForm):
    """The first visit: who the company is. The knowledge notes come on the edit page."""

    class Meta(CompanyForm.Meta):
        fields = ["cvr", "name", "industry", "address", "postcode", "town", "is_company_centre"]


class ContactForm(_ServiceAssigns, ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "phone", "email", "is_primary"]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(validate_no_html)
        self.fields["title"].validators.append(validate_no_html)


class ContactCreateForm(IdempotentFormMixin, ContactForm):
    class Meta(ContactForm.Meta):
        pass


class AgreementForm(IdempotentFormMixin, _ServiceAssigns, ModelForm):
    class Meta:
        model = CooperationAgreement
        fields = ["title", "description", "starts_on", "ends_on"]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"title": _("For example: “Takes 4 interns a year”.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(validate_no_html)


class AgreementEndForm(Form):
    ends_on = forms.DateField(label=_("Last day of the agreement"), widget=DateInput)


class OpeningForm(_ServiceAssigns, ModelForm):
    """One short form: what, where, by when, who to call. A company from the list, or the
    employer's name for one not (yet) registered."""

    occupation = OccupationChoiceField(label=_("Occupation"), required=False)
    url = forms.URLField(
        label=_("Link to the ad"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = JobOpening
        fields = [
            "title",
            "company",
            "employer_name",
            "occupation",
            "postcode",
            "town",
            "valid_through",
            "employment_type",
            "positions",
            "description",
            "contact",
            "url",
        ]
        widgets = {
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "class": "input-char-4"}),
            "valid_through": DateInput,
            "positions": forms.NumberInput(
                attrs={"min": 1, "max": MAX_POSITIONS, "class": "input-char-4"}
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"contact": _ContactChoice}
        labels = {"employer_name": _("Or the employer's name")}
        help_texts = {
            "town": _("Filled in from the postcode when left empty."),
            "employer_name": _("Only when the company is not in the list."),
            "valid_through": _("Leave it empty when the ad has no deadline."),
            "contact": _("Empty: the company's primary contact, or you."),
        }

    def __init__(self, *args, job_centre, **kwargs):
        super().__init__(*args, **kwargs)
        company = _choice(self, "company")
        company.queryset = Company.objects.filter(job_centre=job_centre).only("pk", "name")
        company.empty_label = _("Choose the company")
        contact = _choice(self, "contact")
        contact.queryset = ContactPerson.objects.filter(
            company__job_centre=job_centre
        ).select_related("company")
        contact.empty_label = _("No contact person")
        for name in ("title", "employer_name", "town", "description"):
            self.fields[name].validators.append(validate_no_html)

    def clean_postcode(self) -> str:
        return _postcode(self.cleaned_data["postcode"])

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        company, contact = cleaned.get("company"), cleaned.get("contact")
        no_employer = company is None and not (cleaned.get("employer_name") or "").strip()
        if no_employer and "company" not in self.errors:
            self.add_error("company", _("Choose the company, or write the employer's name."))
        if contact is not None and company is not None and contact.company_id != company.pk:
            self.add_error("contact", _("The contact person must work at the chosen company."))
        if company is not None:
            cleaned["employer_name"] = ""
        _town_from_postcode(cleaned)
        return cleaned


class OpeningCreateForm(IdempotentFormMixin, OpeningForm):
    class Meta(OpeningForm.Meta):
        pass


class BoardFilterForm(Form):
    """The board's filter, sent as GET so a filtered board can be bookmarked and shared."""

    #: Found like matching finds it: the Danish stems of the words in the opening's title,
    #: occupation and description ("lagerarbejdere" finds Lagerarbejder).
    occupation = forms.CharField(
        label=_("Job title or occupation"),
        required=False,
        max_length=100,
        widget=OccupationInput,
        error_messages={
            "max_length": _("Write at most %(limit_value)d characters in the job title.")
        },
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), required=False
    )
    area = forms.CharField(
        label=_("Postcode or town"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Only this postcode"))]
        + [(km, _("%(km)d km") % {"km": km}) for km in (5, 10, 25, 50)],
    )
    new = forms.BooleanField(label=_("New since last Tuesday"), required=False)

    def clean_occupation(self) -> tuple[str, ...]:
        text = self.cleaned_data.get("occupation") or ""
        words = search.phrase(text)
        if text.strip() and not words:
            raise ValidationError(
                _("Write a job title with letters, e.g. lagerarbejder."), code="no_words"
            )
        return words

    def __init__(self, *args, radius_available: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].empty_label = _("All industries")  # type: ignore[attr-defined]
        if not radius_available:
            del self.fields["radius"]


class ImportForm(Form):
    kind = forms.ChoiceField(
        label=_("Format"),
        choices=[
            (JSONLD, _("JobPosting (JSON-LD): a .json file or a page's source")),
            (CSV, _("CSV (columns as described in the guide)")),
        ],
        widget=forms.RadioSelect,
        initial=JSONLD,
    )
    file = forms.FileField(label=_("File"), required=False)
    pasted = forms.CharField(
        label=_("Or paste the page source"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_("Open the job ad in the browser, show the page source, copy all of it here."),
    )
    all_or_nothing = forms.BooleanField(
        label=_("All or nothing: import nothing if any opening has a problem"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        upload, pasted = cleaned.get("file"), (cleaned.get("pasted") or "").strip()
        if upload is None and not pasted:
            raise ValidationError(_("Choose a file, or paste the page source."), code="empty")
        if upload is not None:
            cleaned["raw"] = read_text_upload(
                upload, extensions=IMPORT_EXTENSIONS, max_bytes=MAX_IMPORT_BYTES
            )
            name = (upload.name or "").lower()
            if name.endswith(".csv"):
                cleaned["kind"] = CSV
            elif name.endswith((".json", ".jsonld", ".html", ".htm")):
                cleaned["kind"] = JSONLD
        else:
            cleaned["raw"] = pasted.encode("utf-8")
        return cleaned
