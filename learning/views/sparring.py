"""Sparring weeks and sessions: the team's list, the team leader's create and edit pages, the
shared event page (programme, goal and result, cases by pseudonym) with the consultant's own
citizens, and bringing or removing a citizen.

An event outside the user's team is a 404 (the selectors scope by team); inside it, the policy
decides who manages the event and who brings citizens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.forms import create_once, service_errors_to_form
from courses.models import Kind
from learning.forms.sparring import (
    CaseAddForm,
    EventCreateForm,
    EventEditForm,
    ProgrammeItemForm,
)
from learning.models import MAX_CASES_PER_CONSULTANT, SparringEvent
from learning.selectors import sparring as selectors
from learning.services import sparring as services

DETAIL_TEMPLATE = "learning/sparring/detail.html"
PROGRAMME_TEMPLATE = "learning/sparring/_detail_programme.html"


def _event_url(event: SparringEvent, anchor: str = "") -> str:
    url = reverse("learning:sparring_event", args=[event.pk])
    return f"{url}#{anchor}" if anchor else url


def _event_for(request, pk: int, action: str) -> SparringEvent:
    """The user's team's event (else 404) on which the user may do `action` (else 403)."""
    event = selectors.event_get(user=request.user, pk=pk)
    policy.require(request.user, action, event)
    return event


def _kind_label(kind: str) -> str:
    return str(Kind(kind).label) if kind else ""


def _programme_context(request, event: SparringEvent, item_form=None) -> dict:
    return {
        "event": event,
        "programme": selectors.programme_of(event),
        "may_manage": policy.can(request.user, "sparring.manage", event),
        "item_form": item_form or ProgrammeItemForm(initial={"day": event.starts_on}),
    }


def _detail_context(request, event: SparringEvent, **extra) -> dict:
    user = request.user
    today = timezone.localdate()
    result = selectors.event_result(event)
    mine = selectors.own_cases(event=event, user=user)
    may_bring = policy.can(user, "sparring.bring", event)
    over = event.ends_on < today
    context = _programme_context(request, event, extra.pop("item_form", None))
    context.update(
        result=result,
        over=over,
        coming=today < event.starts_on,
        groups=selectors.shared_cases(event=event, result=result),
        mine=[(case, _kind_label(result.courses.get(case.pk, ""))) for case in mine],
        may_bring=may_bring,
        may_bring_more=may_bring and not over and len(mine) < MAX_CASES_PER_CONSULTANT,
        may_arrange_courses=policy.can(user, "course.manage", user.job_centre),
        max_cases=MAX_CASES_PER_CONSULTANT,
    )
    context.update(extra)
    return context


class SparringListView(View):
    def get(self, request):
        policy.require(request.user, "learning.use")
        policy.require(request.user, "sparring.view", request.user.team)
        return render(
            request,
            "learning/sparring/list.html",
            {
                "rows": selectors.event_list(user=request.user, today=timezone.localdate()),
                "may_manage": policy.can(request.user, "sparring.manage", request.user.team),
            },
        )


class SparringCreateView(View):
    template_name = "learning/sparring/form.html"

    def _team(self, request):
        policy.require(request.user, "learning.use")
        policy.require(request.user, "sparring.manage", request.user.team)
        return request.user.team

    def _render(self, request, form, status=200):
        context = {"form": form, "creating": True}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        self._team(request)
        return self._render(request, EventCreateForm())

    def post(self, request):
        team = self._team(request)
        form = EventCreateForm(request.POST)
        if form.is_valid():

            def create() -> str:
                event = services.sparring_event_create(
                    team=team,
                    created_by=request.user,
                    kind=form.cleaned_data["kind"],
                    terms=form.terms(),
                )
                messages.success(request, _("The sparring event is created."))
                return _event_url(event)

            url = create_once(request, form, create, reverse("learning:sparring"))
            if url:
                return redirect(url)
        return self._render(request, form, status=400)


class SparringEditView(View):
    template_name = "learning/sparring/form.html"

    def _render(self, request, event, form, status=200):
        context = {"form": form, "event": event, "creating": False}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        event = _event_for(request, pk, "sparring.manage")
        form = EventEditForm(
            initial={
                "title": event.title,
                "starts_on": event.starts_on,
                "ends_on": event.ends_on,
                "goal_count": event.goal_count,
                "purpose": event.purpose,
            }
        )
        return self._render(request, event, form)

    def post(self, request, pk):
        event = _event_for(request, pk, "sparring.manage")
        form = EventEditForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.sparring_event_update(event=event, terms=form.terms())
        ):
            messages.success(request, _("The changes are saved."))
            return redirect(_event_url(event))
        return self._render(request, event, form, status=400)


class SparringEventView(View):
    def get(self, request, pk):
        event = _event_for(request, pk, "sparring.view")
        return render(request, DETAIL_TEMPLATE, _detail_context(request, event))


class _ProgrammeChange(View):
    """A change of the programme by the team leader. With htmx the programme is swapped in
    place; without JavaScript the page is reloaded at the programme."""

    def change(self, request, event) -> bool:
        raise NotImplementedError

    def post(self, request, pk, item_pk=None):
        event = _event_for(request, pk, "sparring.manage")
        self.item = selectors.programme_item_get(event=event, pk=item_pk) if item_pk else None
        self.form = None
        if self.change(request, event):
            if request.htmx:
                context = _programme_context(request, event)
                return render(request, PROGRAMME_TEMPLATE, context)
            return redirect(_event_url(event, "programme"))
        if request.htmx:
            context = _programme_context(request, event, self.form)
            return render(request, PROGRAMME_TEMPLATE, context, status=400)
        context = _detail_context(request, event, item_form=self.form)
        return render(request, DETAIL_TEMPLATE, context, status=400)


class ProgrammeAddView(_ProgrammeChange):
    def change(self, request, event) -> bool:
        self.form = ProgrammeItemForm(request.POST)
        return self.form.is_valid() and bool(
            service_errors_to_form(
                self.form,
                lambda: services.programme_item_add(
                    event=event,
                    day=self.form.cleaned_data["day"],
                    title=self.form.cleaned_data["title"],
                ),
            )
        )


class ProgrammeDoneView(_ProgrammeChange):
    def change(self, request, event) -> bool:
        assert self.item is not None  # its URL names the item
        services.programme_item_set_done(item=self.item, done=request.POST.get("done") == "1")
        return True


class ProgrammeRemoveView(_ProgrammeChange):
    def change(self, request, event) -> bool:
        assert self.item is not None  # its URL names the item
        services.programme_item_remove(item=self.item)
        return True


class CaseAddView(View):
    template_name = "learning/sparring/case_form.html"

    def _render(self, request, event, form, status=200):
        mine = selectors.own_cases(event=event, user=request.user)
        context = {
            "event": event,
            "form": form,
            "brought": len(mine),
            "max_cases": MAX_CASES_PER_CONSULTANT,
            "over": event.ends_on < timezone.localdate(),
        }
        return render(request, self.template_name, context, status=status)

    def _form(self, request, event, data=None):
        citizens = selectors.citizens_to_bring(user=request.user, event=event)
        return CaseAddForm(data, citizens=citizens)

    def get(self, request, pk):
        event = _event_for(request, pk, "sparring.bring")
        return self._render(request, event, self._form(request, event))

    def post(self, request, pk):
        event = _event_for(request, pk, "sparring.bring")
        form = self._form(request, event, request.POST)
        if form.is_valid():

            def create() -> str:
                case = services.sparring_case_add(
                    event=event,
                    consultant=request.user,
                    citizen=form.cleaned_data["citizen"],
                    question=form.cleaned_data["question"],
                )
                messages.success(
                    request,
                    _("The citizen is brought as %(pseudonym)s.") % {"pseudonym": case.pseudonym},
                )
                return _event_url(event, "mine")

            url = create_once(request, form, create, _event_url(event, "mine"))
            if url:
                return redirect(url)
        return self._render(request, event, form, status=400)


class CaseRemoveView(View):
    def post(self, request, pk, case_pk):
        event = _event_for(request, pk, "sparring.bring")
        case = selectors.own_case_get(event=event, user=request.user, pk=case_pk)
        pseudonym = case.pseudonym
        try:
            services.sparring_case_remove(case=case, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("%(pseudonym)s is taken off the event.") % {"pseudonym": pseudonym}
            )
        return redirect(_event_url(event, "mine"))
