import unicodedata
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import STAFF_ROLES, Role, User
from centres.models import HelpPlace, JobCentre, Team
from common.forms import Form, IdempotentFormMixin, ModelForm, validate_no_html
from places import selectors as places

#: The lowest Danish postcode in use (PostNord's own 0555); anything lower is not one.
POSTCODE_RANGE = (555, 9999)
_LINE_BREAKS = frozenset("\t\r\n")
#: Characters that reorder or hide text (bidirectional overrides and isolates).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _plain_text_validator(*, lines: bool):
    """Refuses what is not plain text: bytes that were not UTF-8 (they arrive as U+FFFD),
    control characters (line breaks too, unless `lines`), lone surrogates and bidirectional
    overrides. Small on purpose: a general input-hygiene layer for every form may replace it."""

    def validate(value: str) -> None:
        for char in value or "":
            if lines and char in _LINE_BREAKS:
                continue
            if char == "\ufffd" or char in _BIDI or unicodedata.category(char) in ("Cc", "Cs"):
                raise forms.ValidationError(
                    _(
                        "Write plain text: the field holds a control character or a character "
                        "that could not be read."
                    ),
                    code="not_plain_text",
                )

    return validate


validate_single_line = _plain_text_validator(lines=False)
validate_lines = _plain_text_validator(lines=True)

STAFF_ROLE_CHOICES = [(r.value, r.label) for r in Role if r in STAFF_ROLES]


class CentreSettingsForm(ModelForm):
    class Meta:
        model = JobCentre
        fields = [
            "address",
            "postcode",
            "town",
            "hide_staff_names_in_lookup_log",
            "staff_session_timeout_minutes",
            "citizen_session_timeout_minutes",
            "long_unemployment_months",
            "travel_radius_with_car_km",
            "travel_radius_without_car_km",
            "phone",
            "email",
            "opening_hours",
            "quiet_hours_start",
            "quiet_hours_end",
            "reminder_lead_hours",
            "small_number_threshold",
            "coservice_idle_minutes",
        ]
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("address", "town", "phone", "opening_hours"):
            self.fields[name].validators.append(validate_no_html)
        for name in ("address", "town", "phone"):
            self.fields[name].validators.append(validate_single_line)
        self.fields["opening_hours"].validators.append(validate_lines)

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip().replace(" ", "")
        if not value:
            return ""
        low, high = POSTCODE_RANGE
        if len(value) != 4 or not value.isdigit() or not low <= int(value) <= high:
            raise forms.ValidationError(_("Write a Danish postcode of four digits."))
        if places.place(value) is None:
            raise forms.ValidationError(
                _("We do not know the postcode %(postcode)s.") % {"postcode": value}
            )
        return value

    def _post_clean(self) -> None:
        pass  # the service validates the model


class TeamForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120, validators=[validate_no_html])
    description = forms.CharField(
        label=_("Description"), max_length=300, required=False, validators=[validate_no_html]
    )


class TeamCreateForm(IdempotentFormMixin, TeamForm):
    pass


class StaffForm(Form):
    name = forms.CharField(label=_("Full name"), max_length=200, validators=[validate_no_html])
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    help_places = forms.ModelMultipleChoiceField(
        label=_("Gives co-service at"),
        queryset=HelpPlace.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for co-service helpers and job consultants (superusers)."),
    )

    def __init__(self, *args, centre: JobCentre, **kwargs):
        super().__init__(*args, **kwargs)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = Team.objects.filter(job_centre=centre)
        team.empty_label = _("No team")
        places = cast(forms.ModelMultipleChoiceField, self.fields["help_places"])
        places.queryset = HelpPlace.objects.filter(job_centre=centre, active=True)


class StaffCreateForm(IdempotentFormMixin, StaffForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[a-zA-Z0-9._-]+$",
        error_messages={
            "invalid": _("Use only letters a-z, digits, dots, hyphens and underscores.")
        },
    )
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Give it to the person in a safe way."),
    )
    field_order = ["username", "name", "email", "role", "team", "help_places", "password"]


class StaffUpdateForm(StaffForm):
    is_active = forms.BooleanField(label=_("Active (may log in)"), required=False)

    @classmethod
    def for_user(cls, user: User, data=None) -> "StaffUpdateForm":
        initial = {
            "name": user.name,
            "email": user.email,
            "role": user.role,
            "team": user.team_id,
            "help_places": list(user.help_places.values_list("pk", flat=True)),
            "is_active": user.is_active,
        }
        return cls(data, initial=initial, centre=cast(JobCentre, user.job_centre))
