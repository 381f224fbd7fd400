"""The CV's forms. Text is stored as typed and always shown escaped, so "<" and ">" are
harmless; lengths and dates are checked here and again by the model in the service."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, Form, IdempotentFormMixin, ModelForm
from cv.models import (
    CV,
    MAX_YEARS,
    Course,
    DrivingLicence,
    Education,
    Language,
    SoughtOccupation,
    WorkExperience,
)
from occupations.forms import OccupationChoiceField
from occupations.models import Skill

_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})[/.-](\d{4}))\s*$")


class MonthInput(forms.DateInput):
    """A month picker (`<input type="month">`, "YYYY-MM"); browsers without one show a text
    field, where "MM/YYYY" is accepted too."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A month, stored as its first day."""

    widget = MonthInput  # its messages name the field (common.forms: "Skriv en måned i ...")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        match = _MONTH.match(str(value))
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        try:
            return date(int(year), int(month), 1)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class SoughtOccupationForm(ModelForm):
    occupation = OccupationChoiceField(
        label=_("Occupation"),
        help_text=_("Start typing and choose from the list, for example “Lagerarbejder”."),
    )

    class Meta:
        model = SoughtOccupation
        fields = ["occupation", "years_experience", "has_education"]
        error_messages = {
            "years_experience": {"required": _("Enter the number of years of experience")}
        }
        widgets = {
            "years_experience": forms.NumberInput(
                attrs={
                    "class": "input-width-xs",
                    "min": 0,
                    "max": MAX_YEARS,
                    "inputmode": "numeric",
                }
            )
        }


class SoughtOccupationCreateForm(IdempotentFormMixin, SoughtOccupationForm):
    pass


class WorkExperienceForm(ModelForm):
    started_on = MonthField(label=_("From (month)"))
    ended_on = MonthField(
        label=_("To (month)"), required=False, help_text=_("Leave empty if you still work there.")
    )
    occupation = OccupationChoiceField(
        label=_("Occupation on the list"),
        required=False,
        help_text=_("The occupation on the list that comes closest. Helps employers find you."),
    )

    class Meta:
        model = WorkExperience
        fields = ["job_title", "employer", "occupation", "started_on", "ended_on", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class WorkExperienceCreateForm(IdempotentFormMixin, WorkExperienceForm):
    pass


class EducationForm(ModelForm):
    started_on = MonthField(label=_("From (month)"))
    ended_on = MonthField(
        label=_("To (month)"),
        required=False,
        help_text=_("Leave empty if you are still studying, or write when you expect to finish."),
    )

    class Meta:
        model = Education
        fields = ["title", "institution", "started_on", "ended_on", "completed"]


class EducationCreateForm(IdempotentFormMixin, EducationForm):
    pass


class CourseForm(ModelForm):
    class Meta:
        model = Course
        fields = ["name", "issuer", "completed_on", "expires_on"]
        widgets = {"completed_on": DateInput(), "expires_on": DateInput()}
        help_texts = {"expires_on": _("Only for a certificate that must be renewed.")}


class CourseCreateForm(IdempotentFormMixin, CourseForm):
    pass


class LanguageForm(ModelForm):
    class Meta:
        model = Language
        fields = ["name", "level"]
        widgets = {"level": forms.RadioSelect}
        help_texts = {"name": _("For example Danish, English or Arabic.")}


class LanguageCreateForm(IdempotentFormMixin, LanguageForm):
    pass


class SkillsForm(Form):
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_skills = forms.CharField(
        label=_("Other skills"),
        help_text=CV._meta.get_field("other_skills").help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=CV._meta.get_field("other_skills").max_length,
        required=False,
    )


class ProfileForm(ModelForm):
    driving_licences = forms.MultipleChoiceField(
        label=_("Driving licence"),
        choices=DrivingLicence.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CV
        fields = ["profile_text", "driving_licences", "visible_to_employers"]
        widgets = {"profile_text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "visible_to_employers": _(
                "Employers looking for staff may then see your CV, without your CPR number."
            )
        }
