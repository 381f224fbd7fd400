"""Forms for Min Plan. Every form that changes the plan carries the version it was loaded
with (a hidden field); the service refuses a stale one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, Form
from joblog.models import Channel
from occupations.forms import OccupationField
from plans.models import TEXT_MAX, TITLE_MAX, JobTrack, Plan

#: Occupation inputs per list: one per occupation, blank ones are ignored.
OCCUPATION_INPUTS = 4


class VersionedForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _occupation_fields(form: forms.Form, prefix: str, label, current: list) -> None:
    for i in range(OCCUPATION_INPUTS):
        form.fields[f"{prefix}_{i}"] = OccupationField(
            label=label if i == 0 else _("Another occupation"),
            required=False,
            help_text=_("Start typing and choose from the list.") if i == 0 else "",
            initial=current[i].title if i < len(current) else None,
        )


def _occupations(form: forms.Form, prefix: str) -> list:
    chosen = [form.cleaned_data.get(f"{prefix}_{i}") for i in range(OCCUPATION_INPUTS)]
    return list(dict.fromkeys(o for o in chosen if o is not None))


class PlanForm(VersionedForm):
    job_goal = forms.CharField(
        label=_("Job goal"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("Which job do you want to get?"),
    )
    strategy = forms.CharField(
        label=_("How will you search?"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your job-search strategy, in your own words."),
    )
    required_searches = forms.IntegerField(
        label=_("Minimum number of job searches"), min_value=0, max_value=50, required=False
    )
    required_period_days = forms.IntegerField(
        label=_("Per how many days"),
        min_value=7,
        max_value=92,
        initial=28,
        error_messages={"required": _("Enter a number of days in “Per how many days”")},
    )
    geography = forms.CharField(
        label=_("Where do you search?"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("For example: Greater Copenhagen, at most 1 hour's travel."),
    )
    channels = forms.MultipleChoiceField(
        label=_("How do you search?"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": plan.version,
                "job_goal": plan.job_goal,
                "strategy": plan.strategy,
                "required_searches": plan.required_searches,
                "required_period_days": plan.required_period_days,
                "geography": plan.geography,
                "channels": plan.channels,
            },
        )
        super().__init__(*args, **kwargs)
        current = list(plan.required_occupations.all()) if plan.pk else []
        _occupation_fields(self, "occupation", _("Occupations you search within"), current)
        for name in ("required_searches", "required_period_days"):
            self.fields[name].widget.attrs["class"] += " input-width-xs"

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "job_goal": data["job_goal"],
            "strategy": data["strategy"],
            "required_searches": data["required_searches"],
            "required_period_days": data["required_period_days"],
            "geography": data["geography"],
            "channels": data["channels"],
            "required_occupations": _occupations(self, "occupation"),
        }


class TrackForm(VersionedForm):
    description = forms.CharField(
        label=_("In your own words"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    widen_from = forms.DateField(
        label=_("From which date will you also search in the next plan?"),
        required=False,
        widget=DateInput,
    )

    def __init__(self, *args, plan: Plan, track: JobTrack | None, last: bool, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": plan.version,
                "description": track.description if track else "",
                "widen_from": track.widen_from if track else None,
            },
        )
        super().__init__(*args, **kwargs)
        current = list(track.occupations.all()) if track else []
        _occupation_fields(self, "occupation", _("Occupations"), current)
        if last:
            del self.fields["widen_from"]
        # Occupations first: they are what the plan is about.
        self.order_fields([f"occupation_{i}" for i in range(OCCUPATION_INPUTS)])

    def service_kwargs(self) -> dict:
        return {
            "version": self.cleaned_data["version"],
            "occupations": _occupations(self, "occupation"),
            "description": self.cleaned_data["description"],
            "widen_from": self.cleaned_data.get("widen_from"),
        }


class HomeworkDoneForm(Form):
    note = forms.CharField(
        label=_("Note (how did it go?)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, homework_id: int, **kwargs):
        kwargs.setdefault("prefix", f"hw{homework_id}")
        super().__init__(*args, **kwargs)


class ApproveForm(VersionedForm):
    pass
