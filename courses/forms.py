"""Forms of company-oriented courses, made for a tablet at the company: one page, large radio
buttons instead of small selects where the choices are few, number and phone keyboards."""

import uuid
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import User
from citizens.models import Citizen
from common.forms import DateInput, Form, IdempotentFormMixin, validate_no_html
from courses.models import MAX_HOURS, MIN_HOURS, TEXT_MAX, Course, Kind, Outcome, Status
from courses.services import CONSULTANT_ROLES, NAME_MAX, PHONE_MAX, CourseTerms
from labour.models import Company, ContactPerson


class CompanyChoiceForm(Form):
    """The first step when the course is not begun from a company's page."""

    # An explicit empty label: DkfdsFormMixin would otherwise freeze the (still empty) choices.
    virksomhed = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        to_field_name="public_id",
        empty_label=_("Choose"),
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        _choice(self, "virksomhed").queryset = companies


def _choice(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


class _CitizenChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.user.name


class _StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class _ContactChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.title})" if obj.title else obj.name


class CourseForm(Form):
    """The agreement's terms; the create form adds the citizen and a one-time token, the edit
    form the version it was loaded with."""

    kind = forms.ChoiceField(
        label=_("Kind of course"), choices=Kind.choices, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"),
        min_value=MIN_HOURS,
        max_value=MAX_HOURS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-width-xs"}),
        error_messages={
            "min_value": _("The hours per week must be from 1 to 37."),
            "max_value": _("The hours per week must be from 1 to 37."),
        },
    )
    tasks = forms.CharField(
        label=_("Tasks"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the citizen will do at the company, in plain words."),
        validators=[validate_no_html],
    )
    contact = _ContactChoice(
        label=_("Contact at the company"),
        queryset=ContactPerson.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    mentor_name = forms.CharField(
        label=_("Mentor"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("The colleague who shows the citizen the ropes."),
        validators=[validate_no_html],
    )
    mentor_phone = forms.CharField(
        label=_("Mentor's phone"),
        max_length=PHONE_MAX,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    consultant = _StaffChoice(
        label=_("Consultant at the job centre"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, *args, user: User, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        contacts = _choice(self, "contact")
        contacts.queryset = ContactPerson.objects.filter(company=company)
        contacts.help_text = _("Optional. Add contacts on the company's page.")
        _choice(self, "consultant").queryset = (
            policy.staff_visible_to(user)
            .filter(role__in=CONSULTANT_ROLES, is_active=True)
            .order_by("name")
        )
        self.fields["consultant"].initial = user.pk

    def terms(self) -> CourseTerms:
        data = self.cleaned_data
        return CourseTerms(**{name: data[name] for name in CourseTerms.__dataclass_fields__})


class CourseCreateForm(IdempotentFormMixin, CourseForm):
    citizen = _CitizenChoice(
        label=_("Citizen"),
        queryset=Citizen.objects.none(),
        to_field_name="public_id",
        empty_label=_("Choose"),
    )

    def __init__(self, *args, user: User, company: Company, **kwargs):
        super().__init__(*args, user=user, company=company, **kwargs)
        self.order_fields(["citizen"])
        visible = policy.visible_to(user, "citizens").select_related("user").order_by("user__name")
        field = _choice(self, "citizen")
        field.queryset = visible
        # On the tablet the list is the consultant's own citizens (and one chosen on the
        # citizen's page); anyone of the centre's is still accepted.
        own = visible.filter(responsible_consultant=user)
        chosen = str(self.data.get("citizen") or self.initial.get("citizen") or "")
        if own.exists():
            shown = list(own)
            if chosen and chosen not in {str(c.public_id) for c in shown}:
                shown += list(visible.filter(public_id=_uuid(chosen)))
            field.widget.choices = [
                ("", _("Choose")),
                *((str(c.public_id), c.user.name) for c in shown),
            ]


class CourseEditForm(CourseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def initial_from(cls, course: Course) -> dict:
        return {
            "kind": course.kind,
            "starts_on": course.starts_on,
            "ends_on": course.ends_on,
            "hours_per_week": course.hours_per_week,
            "tasks": course.tasks,
            "contact": course.contact_id,
            "mentor_name": course.mentor_name,
            "mentor_phone": course.mentor_phone,
            "consultant": course.consultant_id,
            "version": course.version,
        }


class CompanyApprovalForm(Form):
    """The company's contact chooses their name (or writes it) and ticks the box."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    contact = _ContactChoice(
        label=_("Choose your name"),
        queryset=ContactPerson.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    by_name = forms.CharField(
        label=_("Or write your name"),
        max_length=NAME_MAX,
        required=False,
        validators=[validate_no_html],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    confirm = forms.BooleanField(
        label=_("I approve the agreement"),
        error_messages={"required": _("Tick the box to approve the agreement.")},
    )

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, prefix="company", **kwargs)
        contacts = ContactPerson.objects.filter(company=company)
        _choice(self, "contact").queryset = contacts
        if not contacts.exists():
            del self.fields["contact"]
            self.fields["by_name"].label = _("Write your name")

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        contact = cleaned.get("contact")
        typed = (cleaned.get("by_name") or "").strip()
        if contact and typed and typed != contact.name:
            self.add_error("by_name", _("Choose a name on the list or write one, not both."))
        elif not contact and not typed:
            self.add_error("by_name", _("Please choose your name or write it."))
        cleaned["name"] = contact.name if contact else typed
        return cleaned


class JobCentreApprovalForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirm = forms.BooleanField(
        label=_("I approve the agreement on behalf of the job centre"),
        error_messages={"required": _("Tick the box to approve the agreement.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="centre", **kwargs)


class EndForm(Form):
    outcome = forms.ChoiceField(
        label=_("What did the course lead to?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Required when the outcome is "Other".'),
        validators=[validate_no_html],
    )
    on = forms.DateField(
        label=_("Last day at the company"),
        widget=DateInput,
        required=False,
        help_text=_("Empty: today, or the agreed last day if that has passed."),
    )


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Why is the course cancelled?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_html],
    )


class StartForm(Form):
    on = forms.DateField(
        label=_("First day at the company"),
        widget=DateInput,
        required=False,
        help_text=_("Empty: today."),
    )


class FilterForm(Form):
    """The staff list's filters (GET)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind of course"), required=False)
    virksomhed = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("All companies"),
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("All statuses")),
            *Status.choices,
        ]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All kinds")), *Kind.choices]
        _choice(self, "virksomhed").queryset = companies
