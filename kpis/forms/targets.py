"""Forms for targets and the implementation plan. They check the shape of the input only; the
rules (bounds per KPI, period, overlap, the centre's own teams) live in the services, whose
errors are shown on the same fields."""

import datetime as dt

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centres.models import Team
from common.forms import DateInput, Form, IdempotentFormMixin, ModelForm, validate_no_html
from kpis.definitions import BY_KEY, KPIS, Kpi
from kpis.models import ImplementationPlan
from kpis.targets import unit_hint

DATE_ERRORS = {
    "required": gettext_lazy("Enter a date."),
    "invalid": gettext_lazy("Enter the date as dd.mm.yyyy, e.g. 31.12.2026."),
}


def value_hint(kpi: Kpi | None) -> str:
    """The help text of the value field: the unit of the chosen KPI, and for a KPI where lower
    is better, that the target is a ceiling. Static/kpis/targets.js swaps it when the choice
    changes (each option carries its own in data-hint)."""
    if kpi is None:
        return _("Choose the figure first: the unit follows it.")
    hint = unit_hint(kpi)
    if not kpi.higher_is_better:
        hint = _("%(unit)s Lower is better: the target is a ceiling, reached at or below it.") % {
            "unit": hint
        }
    return hint


def kpi_choices() -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for kpi in KPIS:
        groups.setdefault(str(kpi.group), []).append((kpi.key, str(kpi.label)))
    return [("", _("Choose")), *groups.items()]


class KpiSelect(forms.Select):
    """The registry grouped by KPI group; each option carries its unit hint."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        kpi = BY_KEY.get(str(value))
        if kpi is not None:
            option["attrs"]["data-hint"] = value_hint(kpi)
        return option


class ScopeSelect(forms.Select):
    def use_required_attribute(self, initial) -> bool:
        return False


class ScopeField(forms.ModelChoiceField):
    """The team, or none for the whole job centre: a real choice (not marked optional), whose
    empty value is the whole centre."""

    widget = ScopeSelect

    def validate(self, value) -> None:
        pass


class TargetValueFields(Form):
    value = forms.DecimalField(
        label=gettext_lazy("Target"),
        max_digits=8,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"class": "input-width-xs", "inputmode": "decimal"}),
        error_messages={
            "required": gettext_lazy("Enter the target."),
            "invalid": gettext_lazy("Enter the target as a number, e.g. 75 or 7,5."),
            "max_decimal_places": gettext_lazy("Enter the target with at most one decimal."),
            "max_digits": gettext_lazy("The target is too large."),
            "max_whole_digits": gettext_lazy("The target is too large."),
        },
    )
    starts_on = forms.DateField(
        label=gettext_lazy("From"), widget=DateInput, error_messages=DATE_ERRORS
    )
    ends_on = forms.DateField(
        label=gettext_lazy("To"), widget=DateInput, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, kpi: Kpi | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].help_text = value_hint(kpi)


class TargetForm(TargetValueFields):
    """A new target: the KPI and the scope (the whole centre, or one of its teams)."""

    field_order = ["kpi", "team", "value", "starts_on", "ends_on"]

    kpi = forms.ChoiceField(
        label=gettext_lazy("Figure"),
        widget=KpiSelect,
        error_messages={
            "required": gettext_lazy("Choose the figure the target is for."),
            "invalid_choice": gettext_lazy("Choose one of the figures in the list."),
        },
    )
    team = ScopeField(
        label=gettext_lazy("For"),
        queryset=Team.objects.none(),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the job centre's teams.")},
    )

    def __init__(self, *args, centre, **kwargs):
        data = args[0] if args else kwargs.get("data")
        initial = kwargs.get("initial") or {}
        chosen = (data.get("kpi") if data is not None else None) or initial.get("kpi")
        super().__init__(*args, kpi=BY_KEY.get(chosen or ""), **kwargs)
        self.fields["kpi"].choices = kpi_choices()  # type: ignore[attr-defined]
        team = self.fields["team"]
        team.queryset = Team.objects.filter(job_centre=centre).order_by("name")  # type: ignore[attr-defined]
        team.empty_label = _("The whole job centre")  # type: ignore[attr-defined]

    @staticmethod
    def default_initial() -> dict:
        year = timezone.localdate().year
        return {"starts_on": dt.date(year, 1, 1), "ends_on": dt.date(year, 12, 31)}


class TargetCreateForm(IdempotentFormMixin, TargetForm):
    pass


class TargetEditForm(TargetValueFields):
    """A target's value and period; its KPI and team stay."""

    @classmethod
    def initial_from(cls, target) -> dict:
        return {"value": target.value, "starts_on": target.starts_on, "ends_on": target.ends_on}


TEXT_LIMITS = {"project_leader": 150, "steering_group": 2000, "project_group": 2000, "notes": 4000}


class PlanForm(ModelForm):
    class Meta:
        model = ImplementationPlan
        fields = ["project_leader", "steering_group", "project_group", "status", "notes"]
        widgets = {
            "steering_group": forms.Textarea(attrs={"rows": 3}),
            "project_group": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "project_leader": gettext_lazy("The name of the person who leads the implementation."),
            "steering_group": gettext_lazy("Names and roles, one on each line."),
            "project_group": gettext_lazy("Names and roles, one on each line."),
            "notes": gettext_lazy(
                "E.g. the leaders' roles, competence development and support tools the plan "
                "describes."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in TEXT_LIMITS.items():
            field = self.fields[name]
            field.validators += [validate_no_html, MaxLengthValidator(limit)]
            field.widget.attrs["maxlength"] = limit


class MilestoneForm(IdempotentFormMixin, Form):
    title = forms.CharField(
        label=gettext_lazy("Milestone"),
        max_length=200,
        validators=[validate_no_html],
        error_messages={"required": gettext_lazy("Write what the milestone is.")},
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due"), widget=DateInput, error_messages=DATE_ERRORS
    )


class MilestoneDoneForm(Form):
    done_on = forms.DateField(
        label=gettext_lazy("Reached on"), widget=DateInput, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, milestone_id: int, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, auto_id=f"id_m{milestone_id}_%s", **kwargs)
