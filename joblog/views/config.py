"""The job centre's yardsticks: how much job search it expects per citizen group and benefit.
Administrators and team leaders set them; a combination without its own row shows what
applies to it now (a less specific row, or the default)."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts import policy
from citizens.models import BenefitType, TargetGroup
from common.forms import ModelForm, service_errors_to_form
from joblog import services
from joblog.models import Yardstick
from joblog.rules import Rule, centre_rules, rule_from


class YardstickForm(ModelForm):
    class Meta:
        model = Yardstick
        fields = ["searches", "period_days", "inactivity_days"]
        help_texts = {
            "searches": gettext_lazy("For example 6 over 28 days, which is 1.5 a week."),
            "inactivity_days": gettext_lazy(
                "The citizen and the responsible consultant get one message after this many "
                "days without a Joblog entry."
            ),
        }
        widgets = {
            "searches": forms.NumberInput(attrs={"class": "input-width-xs", "step": "0.1"}),
            "period_days": forms.NumberInput(attrs={"class": "input-width-xs"}),
            "inactivity_days": forms.NumberInput(attrs={"class": "input-width-xs"}),
        }

    def _post_clean(self) -> None:
        pass  # the service validates and saves


@dataclass
class Row:
    target_group: str
    benefit_type: str
    label: str
    rule: Rule
    own: bool
    form: YardstickForm

    @property
    def key(self) -> str:
        return f"{self.target_group}-{self.benefit_type}"


def _rows(centre, bound: YardstickForm | None = None) -> list[Row]:
    rules = centre_rules([centre.pk]).get(centre.pk, {})
    rows = []
    for group, group_label in TargetGroup.choices:
        for benefit, benefit_label in BenefitType.choices:
            rule = rule_from(rules, group, benefit)
            prefix = f"{group}-{benefit}"
            form = (
                bound
                if bound is not None and bound.prefix == prefix
                else YardstickForm(prefix=prefix, initial=rule._asdict())
            )
            rows.append(
                Row(
                    group,
                    benefit,
                    f"{group_label}, {benefit_label}",
                    rule,
                    (group, benefit) in rules,
                    form,
                )
            )
    return rows


class YardstickView(View):
    template_name = "joblog/config/yardsticks.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "joblog.configure")
        return render(request, self.template_name, {"rows": _rows(centre)})

    def post(self, request):
        centre = policy.centre_for(request.user, "joblog.configure")
        group, benefit = request.POST.get("target_group"), request.POST.get("benefit_type")
        if group not in TargetGroup.values or benefit not in BenefitType.values:
            raise BadRequest("unknown citizen group or benefit")
        if "reset" in request.POST:
            services.yardstick_reset(centre=centre, target_group=group, benefit_type=benefit)
            messages.success(request, _("The yardstick is back to the standard."))
            return redirect("joblog:yardsticks")
        form = YardstickForm(request.POST, prefix=f"{group}-{benefit}")
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.yardstick_save(
                centre=centre, target_group=group, benefit_type=benefit, **form.cleaned_data
            ),
        ):
            messages.success(request, _("The yardstick is saved."))
            return redirect("joblog:yardsticks")
        return render(request, self.template_name, {"rows": _rows(centre, form)}, status=400)
