"""The job centre's job-suggestion rules: how often the citizens must check their
suggestions, how many they get a week and when they are reminded, per citizen group.
Administrators and team leaders set them (the same people who set the Joblog's yardsticks)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from citizens.models import TargetGroup
from common.forms import service_errors_to_form
from suggestions import services
from suggestions.forms import RuleForm
from suggestions.rules import Rule, centre_rules, rule_from


@dataclass
class Row:
    target_group: str
    label: str
    rule: Rule
    own: bool
    form: RuleForm

    @property
    def key(self) -> str:
        return self.target_group or "alle"


def _rows(centre, bound: RuleForm | None = None) -> list[Row]:
    rules = centre_rules([centre.pk]).get(centre.pk, {})
    rows = []
    for group, label in [("", _("All groups")), *TargetGroup.choices]:
        rule = rule_from(rules, group)
        prefix = group or "alle"
        form = (
            bound
            if bound is not None and bound.prefix == prefix
            else RuleForm(prefix=prefix, initial=rule._asdict())
        )
        rows.append(Row(group, str(label), rule, group in rules, form))
    return rows


class RulesView(View):
    template_name = "suggestions/config/rules.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "joblog.configure")
        return render(request, self.template_name, {"rows": _rows(centre)})

    def post(self, request):
        centre = policy.centre_for(request.user, "joblog.configure")
        group = request.POST.get("target_group", "")
        if group and group not in TargetGroup.values:
            raise BadRequest("unknown citizen group")
        if "reset" in request.POST:
            services.rule_reset(centre=centre, target_group=group)
            messages.success(request, _("The rule is back to the standard."))
            return redirect("suggestions:rules")
        form = RuleForm(request.POST, prefix=group or "alle")
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.rule_save(centre=centre, target_group=group, **form.cleaned_data),
        ):
            messages.success(request, _("The rule is saved."))
            return redirect("suggestions:rules")
        return render(request, self.template_name, {"rows": _rows(centre, form)}, status=400)
