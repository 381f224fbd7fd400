"""Forms of job clubs: planning and changing one (staff), cancelling it, and the citizen's
cancellation of their seat."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import policy
from common.forms import DateInput, Form, IdempotentFormMixin, validate_no_html
from jobclubs.access import CLUB_ROLES
from jobclubs.models import MAX_CAPACITY, MODES, JobClub
from jobclubs.services import ClubDetails
from labour.models import Industry
from occupations.forms import OccupationField


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class HostField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class JobClubForm(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example “Job club: warehouse and logistics”."),
        validators=[validate_no_html],
        error_messages={"required": _("Give the job club a title.")},
    )
    industry = forms.ModelChoiceField(
        label=_("Industry (DB07)"),
        queryset=Industry.objects.all(),
        required=False,
        empty_label=_("No industry"),
    )
    occupation = OccupationField(
        label=_("Occupation"),
        required=False,
        help_text=_("Citizens who seek this occupation see the job club first."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_html],
    )
    starts_on = forms.DateField(
        label=_("Date"), widget=DateInput, error_messages={"required": _("Enter the date.")}
    )
    starts_time = forms.TimeField(
        label=_("Time"),
        widget=TimeInput(attrs={"class": "input-width-xs"}),
        error_messages={"required": _("Enter the time.")},
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=15,
        max_value=480,
        initial=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-width-xs"}),
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[(m.value, m.label) for m in MODES],
        widget=forms.RadioSelect,
        initial=MODES[0].value,
    )
    place = forms.CharField(
        label=_("Place or room"),
        max_length=200,
        required=False,
        validators=[validate_no_html],
    )
    video_link = forms.URLField(
        label=_("Video link"), required=False, max_length=200, assume_scheme="https"
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=8,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-width-xs"}),
        error_messages={"required": _("Enter the number of seats.")},
    )
    host = HostField(label=_("Host"), queryset=None, empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = (  # type: ignore[attr-defined]
            policy.visible_to(user, "staff").filter(role__in=CLUB_ROLES, is_active=True)
        )
        self.fields["host"].initial = user.pk

    @staticmethod
    def initial_from(club: JobClub) -> dict:
        local = timezone.localtime(club.start)
        return {
            "title": club.title,
            "industry": club.industry,
            "occupation": club.occupation,
            "description": club.description,
            "starts_on": local.date(),
            "starts_time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": int((club.end - club.start).total_seconds() // 60),
            "mode": club.mode,
            "place": club.place,
            "video_link": club.video_link,
            "capacity": club.capacity,
            "host": club.host,
        }

    def details(self) -> ClubDetails:
        data = self.cleaned_data
        start: datetime = timezone.make_aware(
            datetime.combine(data["starts_on"], data["starts_time"])
        )
        return ClubDetails(
            title=data["title"],
            description=data["description"],
            industry=data["industry"],
            occupation=data["occupation"],
            start=start,
            duration_minutes=data["duration_minutes"],
            mode=data["mode"],
            place=data["place"],
            video_link=data["video_link"],
            capacity=data["capacity"],
            host=data["host"],
        )


class JobClubCreateForm(IdempotentFormMixin, JobClubForm):
    pass


class ClubCancelForm(Form):
    reason = forms.CharField(
        label=_("Reason (the citizens are told)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_html],
        error_messages={"required": _("Please give the citizens a reason.")},
    )


class SeatCancelForm(Form):
    confirm = forms.BooleanField(label=_("Yes, cancel my seat"), required=True, initial=False)
