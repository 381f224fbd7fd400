"""Targets (måltal) and the implementation plan, under /ledelse/. Team leaders, managers and
administrators see them ("kpi.view"); the manager sets targets ("kpi.targets") and keeps the
plan ("implementation.manage"). Another centre's target or milestone is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.forms import create_once, service_errors_to_form
from kpis import implementation
from kpis.definitions import BY_KEY
from kpis.forms.targets import (
    MilestoneDoneForm,
    MilestoneForm,
    PlanForm,
    TargetCreateForm,
    TargetEditForm,
)
from kpis.models import ImplementationPlan
from kpis.targets import (
    figures_computed_at,
    target_create,
    target_delete,
    target_get,
    target_shown,
    target_update,
    targets_in_force,
    targets_progress,
    targets_visible_to,
)

MILESTONES = "kpis/_implementation_milestones.html"


def _target_url(target) -> str:
    return reverse("kpis:targets") + f"#target-{target.pk}"


# --- Targets -----------------------------------------------------------------------------


class TargetsView(View):
    """The targets in force with their progress (those reached stand out), the coming and the
    past ones, and a short summary of the implementation plan beside them."""

    def get(self, request):
        centre = policy.centre_for(request.user, "kpi.view")
        today = timezone.localdate()
        rows = targets_progress(
            targets_visible_to(user=request.user, job_centre=centre), job_centre=centre
        )
        in_force = [p for p in rows if p.target.starts_on <= today <= p.target.ends_on]
        past = [p for p in rows if p.target.ends_on < today]
        past.sort(key=lambda p: p.target.ends_on, reverse=True)
        return render(
            request,
            "kpis/targets.html",
            {
                "centre": centre,
                "in_force": in_force,
                "reached": sum(1 for p in in_force if p.reached),
                "coming": [p for p in rows if p.target.starts_on > today],
                "past": past,
                "computed_at": figures_computed_at(job_centre=centre),
                "summary": implementation.plan_summary(job_centre=centre),
                "can_change": policy.can(request.user, "kpi.targets", centre),
            },
        )


class TargetCreateView(View):
    template_name = "kpis/targets_form.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "kpi.targets")
        initial = TargetCreateForm.default_initial()
        if request.GET.get("kpi") in BY_KEY:  # "Set a target" from a figure on the dashboard
            initial["kpi"] = request.GET["kpi"]
        if request.GET.get("team", "").isdigit():
            initial["team"] = int(request.GET["team"])  # only the centre's teams are offered
        form = TargetCreateForm(centre=centre, initial=initial)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        centre = policy.centre_for(request.user, "kpi.targets")
        form = TargetCreateForm(request.POST, centre=centre)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "submission_token"}

            def create() -> str:
                target = target_create(actor=request.user, job_centre=centre, **data)
                messages.success(request, _("The target is set."))
                return _target_url(target)

            url = create_once(request, form, create, reverse("kpis:targets"))
            if url:
                return redirect(url)
        return render(request, self.template_name, {"form": form}, status=400)


class _TargetMixin:
    def target(self, request, pk):
        target = target_get(user=request.user, pk=pk)
        policy.require(request.user, "kpi.targets", target.job_centre)
        return target


class TargetEditView(_TargetMixin, View):
    template_name = "kpis/targets_form.html"

    def _render(self, request, target, form, status=200):
        context = {"form": form, "target": target, "kpi": BY_KEY.get(target.kpi)}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        target = self.target(request, pk)
        form = TargetEditForm(
            kpi=BY_KEY.get(target.kpi), initial=TargetEditForm.initial_from(target)
        )
        return self._render(request, target, form)

    def post(self, request, pk):
        target = self.target(request, pk)
        form = TargetEditForm(request.POST, kpi=BY_KEY.get(target.kpi))
        if form.is_valid() and service_errors_to_form(
            form, lambda: target_update(actor=request.user, target=target, **form.cleaned_data)
        ):
            messages.success(request, _("The changes are saved."))
            return redirect(_target_url(target))
        target.refresh_from_db()  # the page names the target as it is saved, not as typed
        return self._render(request, target, form, status=400)


class TargetDeleteView(_TargetMixin, View):
    template_name = "kpis/targets_delete.html"

    def get(self, request, pk):
        target = self.target(request, pk)
        context = {"target": target, "kpi": BY_KEY[target.kpi], "shown": target_shown(target)}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        target = self.target(request, pk)
        target_delete(actor=request.user, target=target)
        messages.success(request, _("The target is deleted."))
        return redirect("kpis:targets")


# --- The implementation plan -------------------------------------------------------------


def _milestones_context(request, centre, *, add_form=None, done_forms=None, note="") -> dict:
    plan = implementation.implementation_plan_get(job_centre=centre)
    milestones = list(plan.milestones.all()) if plan else []
    can_manage = policy.can(request.user, "implementation.manage", centre)
    done_forms = done_forms or {}
    rows = [
        (
            m,
            done_forms.get(m.pk) or MilestoneDoneForm(milestone_id=m.pk)
            if can_manage and m.done_on is None
            else None,
        )
        for m in milestones
    ]
    return {
        "centre": centre,
        "plan": plan,
        "milestones": rows,
        "milestones_done": sum(1 for m in milestones if m.done_on),
        "today": timezone.localdate(),
        "can_manage": can_manage,
        "add_form": add_form or (MilestoneForm() if can_manage else None),
        "note": note,
    }


class ImplementationView(View):
    """The plan, its milestones and, beside them, the targets in force."""

    def get(self, request):
        centre = policy.centre_for(request.user, "kpi.view")
        return _implementation_page(request, centre)


def _implementation_page(request, centre, status=200, **forms):
    context = _milestones_context(request, centre, **forms)
    visible = {t.pk for t in targets_visible_to(user=request.user, job_centre=centre)}
    in_force = [
        t for t in targets_in_force(job_centre=centre, on=timezone.localdate()) if t.pk in visible
    ]
    context["targets"] = targets_progress(in_force, job_centre=centre)
    context["status_choices"] = ImplementationPlan._meta.get_field("status").choices
    return render(request, "kpis/implementation.html", context, status=status)


def _milestones_response(request, centre, *, status=200, note="", **forms):
    """The milestones section for htmx, or the whole page (400) or a redirect without it."""
    if request.htmx:
        context = _milestones_context(request, centre, note=note, **forms)
        return render(request, MILESTONES, {**context, "swapped": True}, status=status)
    if status >= 400:
        return _implementation_page(request, centre, status=status, **forms)
    messages.success(request, note)
    return redirect(reverse("kpis:implementation") + "#milestones")


class ImplementationEditView(View):
    template_name = "kpis/implementation_form.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "implementation.manage")
        plan = implementation.implementation_plan_get(job_centre=centre)
        form = PlanForm(instance=plan or ImplementationPlan(job_centre=centre))
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        centre = policy.centre_for(request.user, "implementation.manage")
        plan = implementation.implementation_plan_get(job_centre=centre)
        form = PlanForm(request.POST, instance=plan or ImplementationPlan(job_centre=centre))
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: implementation.implementation_plan_save(
                actor=request.user, job_centre=centre, **form.cleaned_data
            ),
        ):
            messages.success(request, _("The implementation plan is saved."))
            return redirect("kpis:implementation")
        return render(request, self.template_name, {"form": form}, status=400)


class MilestoneCreateView(View):
    def post(self, request):
        centre = policy.centre_for(request.user, "implementation.manage")
        form = MilestoneForm(request.POST)
        if form.is_valid():

            def create() -> str:
                implementation.milestone_create(
                    actor=request.user,
                    job_centre=centre,
                    title=form.cleaned_data["title"],
                    due_on=form.cleaned_data["due_on"],
                )
                return reverse("kpis:implementation") + "#milestones"

            if create_once(request, form, create, reverse("kpis:implementation")):
                note = _("“%(title)s” is added.") % {"title": form.cleaned_data["title"]}
                return _milestones_response(request, centre, note=note)
        return _milestones_response(request, centre, status=400, add_form=form)


class _MilestoneMixin:
    def milestone(self, request, pk):
        milestone = implementation.milestone_get(user=request.user, pk=pk)
        policy.require(request.user, "implementation.manage", milestone.plan.job_centre)
        return milestone


class MilestoneDoneView(_MilestoneMixin, View):
    def post(self, request, pk):
        milestone = self.milestone(request, pk)
        centre = milestone.plan.job_centre
        form = MilestoneDoneForm(request.POST, milestone_id=milestone.pk)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: implementation.milestone_done(
                actor=request.user, milestone=milestone, done_on=form.cleaned_data["done_on"]
            ),
        ):
            note = _("“%(title)s” is marked as reached.") % {"title": milestone.title}
            return _milestones_response(request, centre, note=note)
        return _milestones_response(request, centre, status=400, done_forms={milestone.pk: form})


class MilestoneReopenView(_MilestoneMixin, View):
    def post(self, request, pk):
        milestone = self.milestone(request, pk)
        implementation.milestone_reopen(actor=request.user, milestone=milestone)
        note = _("“%(title)s” is marked as not reached.") % {"title": milestone.title}
        return _milestones_response(request, milestone.plan.job_centre, note=note)


class MilestoneDeleteView(_MilestoneMixin, View):
    template_name = "kpis/implementation_milestone_delete.html"

    def get(self, request, pk):
        milestone = self.milestone(request, pk)
        return render(request, self.template_name, {"milestone": milestone})

    def post(self, request, pk):
        milestone = self.milestone(request, pk)
        title = milestone.title
        implementation.milestone_delete(actor=request.user, milestone=milestone)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": title})
        return redirect(reverse("kpis:implementation") + "#milestones")
