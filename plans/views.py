"""Min Plan for the citizen (one page, and small pages to change it) and, read-only, for the
job centre's staff. Views stay thin: the services write, the selectors read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from citizens.models import Citizen
from citizens.selectors import citizen_get
from joblog.models import Channel, PlanLetter
from plans import hooks, selectors, services
from plans.forms import ApproveForm, HomeworkDoneForm, PlanForm, TrackForm
from plans.models import Plan
from plans.widen import plan_mix, widen_suggestion

ITEM = "plans/_plan_homework_item.html"


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _is_conflict(error: ValidationError) -> bool:
    return not hasattr(error, "error_dict") and any(e.code == "conflict" for e in error.error_list)


def _after_conflict(form, plan: Plan) -> None:
    """Keep what the person typed, but with the version now saved: they have been told, and
    saving again is their informed choice."""
    form.data = form.data.copy()
    form.data["version"] = str(plan.version)


def plan_context(plan: Plan | None, citizen: Citizen) -> dict:
    """What both the citizen's page and the staff page show."""
    today = timezone.localdate()
    channels = dict(Channel.choices)
    return {
        "plan": plan,
        "tracks": selectors.tracks_by_letter(plan),
        "channel_labels": [channels.get(c, c) for c in plan.channels] if plan else [],
        "suggestion": widen_suggestion(plan, today) if plan else None,
        "mix": plan_mix(citizen.pk, today),
        "today": today,
    }


class CitizenPlanMixin:
    def own_plan(self, request) -> Plan:
        policy.require(request.user, "plan.use")
        return services.plan_ensure(citizen=request.user.citizen)


class OwnPlanView(CitizenPlanMixin, View):
    def get(self, request):
        policy.require(request.user, "plan.use")
        citizen = request.user.citizen
        plan = selectors.plan_full(citizen=citizen)
        if plan is None:  # The first visit: made empty, then read as always.
            self.own_plan(request)
            plan = selectors.plan_full(citizen=citizen)
        assert plan is not None
        context = plan_context(plan, citizen)
        context["homework"] = [
            (h, None if h.done_at else HomeworkDoneForm(homework_id=h.pk))
            for h in plan.homework.all()
        ]
        context["approve_form"] = ApproveForm(initial={"version": plan.version})
        context["courses"] = hooks.own_courses(citizen=citizen)
        return render(request, "plans/own.html", context)


class PlanEditView(CitizenPlanMixin, View):
    template_name = "plans/edit.html"

    def get(self, request):
        plan = self.own_plan(request)
        return render(request, self.template_name, {"form": PlanForm(plan=plan), "plan": plan})

    def post(self, request):
        plan = self.own_plan(request)
        form = PlanForm(request.POST, plan=plan)
        current = None
        if form.is_valid():
            try:
                services.plan_update(plan=plan, actor=request.user, **form.service_kwargs())
            except ValidationError as error:
                _apply_errors(form, error)
                if _is_conflict(error):
                    current = selectors.plan_full(citizen=plan.citizen)
                    _after_conflict(form, plan)
            else:
                messages.success(request, _("Your plan is saved."))
                return redirect("plans:own")
        context = {"form": form, "plan": plan, "current": current}
        if current is not None:
            context["channel_labels"] = [dict(Channel.choices)[c] for c in current.channels]
        return render(request, self.template_name, context, status=409 if current else 400)


class TrackEditView(CitizenPlanMixin, View):
    template_name = "plans/track.html"

    def _setup(self, request, letter: str):
        if letter not in PlanLetter.values:
            raise Http404
        plan = self.own_plan(request)
        track = plan.tracks.filter(letter=letter).prefetch_related("occupations").first()
        return plan, track, letter == PlanLetter.values[-1]

    def _render(self, request, form, letter, status=200, **extra):
        context = {"form": form, "letter": letter, "label": PlanLetter(letter).label, **extra}
        return render(request, self.template_name, context, status=status)

    def get(self, request, letter):
        plan, track, last = self._setup(request, letter)
        return self._render(request, TrackForm(plan=plan, track=track, last=last), letter)

    def post(self, request, letter):
        plan, track, last = self._setup(request, letter)
        form = TrackForm(request.POST, plan=plan, track=track, last=last)
        conflict = False
        if form.is_valid():
            try:
                services.track_update(
                    plan=plan, letter=letter, actor=request.user, **form.service_kwargs()
                )
            except ValidationError as error:
                _apply_errors(form, error)
                if conflict := _is_conflict(error):
                    plan.refresh_from_db()
                    _after_conflict(form, plan)
            else:
                messages.success(request, _("Plan %(letter)s is saved.") % {"letter": letter})
                return redirect(reverse("plans:own") + "#job-plan")
        saved = plan.tracks.filter(letter=letter).prefetch_related("occupations").first()
        return self._render(
            request,
            form,
            letter,
            status=409 if conflict else 400,
            saved=saved if conflict else None,
        )


class HomeworkDoneView(View):
    """Marks the citizen's own homework done with a note. With htmx the item is swapped in
    place; without script the browser posts the form and comes back to the plan."""

    template_name = "plans/homework_done.html"

    def _homework(self, request, pk):
        policy.require(request.user, "plan.use")
        return selectors.own_homework_get(user=request.user, pk=pk)

    def get(self, request, pk):
        homework = self._homework(request, pk)
        form = HomeworkDoneForm(homework_id=homework.pk)
        return render(request, self.template_name, {"item": homework, "form": form})

    def post(self, request, pk):
        homework = self._homework(request, pk)
        form = HomeworkDoneForm(request.POST, homework_id=homework.pk)
        if form.is_valid():
            try:
                services.homework_done(
                    homework=homework, actor=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                if request.htmx:
                    return render(
                        request, ITEM, {"item": homework, "just_done": True, "editable": True}
                    )
                messages.success(request, _("The homework is marked as done."))
                return redirect(reverse("plans:own") + "#homework")
        if request.htmx:
            return render(
                request,
                ITEM,
                {"item": homework, "form": form, "editable": True},
                status=400,
            )
        return render(request, self.template_name, {"item": homework, "form": form}, status=400)


class ApproveView(CitizenPlanMixin, View):
    def post(self, request):
        plan = self.own_plan(request)
        form = ApproveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The plan could not be approved. Please try again."))
            return redirect("plans:own")
        try:
            services.plan_approve(
                plan=plan, version=form.cleaned_data["version"], actor=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Thank you. You have approved your plan."))
        return redirect(reverse("plans:own") + "#approval")


class HistoryView(CitizenPlanMixin, View):
    def get(self, request):
        plan = self.own_plan(request)
        return render(
            request,
            "plans/history.html",
            {"changes": selectors.plan_history(plan=plan), "staff": False},
        )


class StaffPlanView(LogsCitizenLookup, View):
    """The citizen's plan for the consultant: read-only, each look written to the lookup log."""

    lookup_subject = Subject.PLAN
    lookup_purpose = Purpose.PREPARATION

    def get(self, request, citizen_id):
        citizen = citizen_get(user=request.user, public_id=citizen_id)
        policy.require(request.user, "job_search.read", citizen)
        self.log_lookup(citizen)
        plan = selectors.plan_full(citizen=citizen)
        context = plan_context(plan, citizen)
        context["citizen"] = citizen
        context["homework"] = [(h, None) for h in plan.homework.all()] if plan else []
        context["changes"] = selectors.plan_history(plan=plan)[:50] if plan else []
        return render(request, "plans/staff.html", context)
