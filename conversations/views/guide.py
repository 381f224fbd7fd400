"""The conversation guide: running it (notes that save themselves, the timeout, the agreement,
homework and deadline it gives) and finishing it. Thin views: the services write, the selectors
read; every form also works without script."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from accounts.models import User
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from booking import deadlines
from booking.forms.staff import DeadlineForm
from booking.models import Booking, Status
from common.forms import create_once, service_errors_to_form
from conversations import selectors, services
from conversations.forms import (
    AgreementForm,
    HomeworkForm,
    NoteForm,
    TimeoutForm,
)
from conversations.guide import BEARINGS
from conversations.models import Guide, NoteField
from conversations.preparation import side_panel
from plans import services as plan_services

#: Statuses in which the guide can be run.
RUNNABLE = (Status.BOOKED, Status.HELD)


def _guide_url(booking: Booking, anchor: str = "") -> str:
    url = reverse("conversations:guide", args=[booking.public_id])
    return f"{url}#{anchor}" if anchor else url


def _journal_url(booking: Booking, anchor: str = "") -> str:
    url = reverse("conversations:journal", args=[booking.public_id])
    return f"{url}#{anchor}" if anchor else url


class _Conversation(View):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.user = cast(User, request.user)
        self.booking = selectors.conversation_get(user=self.user, public_id=kwargs["public_id"])

    def guide(self) -> Guide:
        if self.booking.status not in RUNNABLE:
            raise PermissionDenied(_("The conversation is cancelled."))
        return services.guide_ensure(booking=self.booking, actor=self.user)


def _deadline_form(booking: Booking, data=None) -> DeadlineForm:
    today = timezone.localdate()
    return DeadlineForm(
        data,
        citizen=booking.citizen,
        today=today,
        earliest=deadlines.earliest_deadline(booking.citizen, today),
    )


def has_begun(booking: Booking) -> bool:
    """Its start time has come: from then the guide writes agreements and homework (the plans
    service refuses them before) and the conversation can be finished."""
    return booking.start <= timezone.now()


def guide_context(request, booking: Booking, guide: Guide, **forms) -> dict:
    notes = selectors.notes_by_field(guide)
    made = selectors.outputs(booking, guide)
    phases = [
        {
            "phase": phase,
            "prompts": [
                {
                    "prompt": prompt,
                    "note": notes.get(prompt.field),
                    "conflict": forms.get(f"conflict_{prompt.field}"),
                    "form": forms.get(f"note_{prompt.field}")
                    or NoteForm(
                        initial={
                            "text": notes[prompt.field].text if prompt.field in notes else "",
                            "version": notes[prompt.field].version if prompt.field in notes else 0,
                        },
                        auto_id=f"id_{prompt.field}_%s",
                    ),
                }
                for prompt in phase.prompts
            ],
        }
        for phase in selectors.guide_phases(booking)
    ]
    user = request.user
    return {
        "booking": booking,
        "citizen": booking.citizen,
        "guide": guide,
        "phases": phases,
        "bearings": BEARINGS,
        "panel": side_panel(booking=booking, today=timezone.localdate()),
        "made": made,
        "next_step_set": bool(notes.get(NoteField.NEXT_STEP) and notes[NoteField.NEXT_STEP].text),
        "timeout_form": forms.get("timeout_form") or TimeoutForm(),
        "agreement_form": forms.get("agreement_form") or AgreementForm(),
        "homework_form": forms.get("homework_form") or HomeworkForm(),
        "deadline_form": forms.get("deadline_form") or _deadline_form(booking),
        "may_give_deadline": policy.can(user, "deadline.manage", booking.citizen),
        "may_facilitate": policy.can(user, "citizen.facilitate", booking.citizen),
        "can_finish": has_begun(booking),
        "has_begun": has_begun(booking),
    }


class GuideView(LogsCitizenLookup, _Conversation):
    """The conversation guide, on screen with the citizen beside the consultant."""

    lookup_subject = Subject.CONVERSATION
    lookup_purpose = Purpose.CONVERSATION
    template_name = "conversations/guide.html"

    def get(self, request, public_id):
        guide = self.guide()
        self.log_lookup(self.booking.citizen)
        return render(request, self.template_name, guide_context(request, self.booking, guide))


class GuideNoteView(_Conversation):
    """Saves one note; htmx gets the small status line back, a plain POST the guide again."""

    status_template = "conversations/_note_status.html"

    def post(self, request, public_id, field):
        if field not in NoteField.values:
            raise Http404
        guide = self.guide()
        form = NoteForm(request.POST, auto_id=f"id_{field}_%s")
        status, context = 200, {"field": field}
        if form.is_valid():
            try:
                note = services.note_save(
                    guide=guide,
                    field=field,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                    actor=request.user,
                )
                context["note"] = note
            except services.Conflict as conflict:
                status = 409
                context.update(note=conflict.current, conflict=True, mine=form.cleaned_data["text"])
            except ValidationError as error:
                status = 422
                context["errors"] = error.messages
        else:
            status = 422
            context["errors"] = [e for errors in form.errors.values() for e in errors]
        if request.POST.get("beacon"):
            return HttpResponse(status=204 if status == 200 else status)
        if request.htmx:
            return render(request, self.status_template, context, status=status)
        if status == 200:
            messages.success(request, _("Saved."))
            return redirect(_guide_url(self.booking, f"note-{field}"))
        form_data = request.POST.copy()  # what the form was bound to
        forms = {}
        if status == 409:
            form_data["version"] = str(context["note"].version)
            forms[f"conflict_{field}"] = context["note"]
        bound = NoteForm(form_data, auto_id=f"id_{field}_%s")
        bound.is_valid()
        for message in context.get("errors", []):
            bound.add_error("text", message)
        forms[f"note_{field}"] = bound
        return render(
            request,
            GuideView.template_name,
            guide_context(request, self.booking, guide, **forms),
            status=status if status == 409 else 400,
        )


class TimeoutView(_Conversation):
    def post(self, request, public_id):
        guide = self.guide()
        form = TimeoutForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.timeout_add(
                guide=guide, actor=request.user, note=form.cleaned_data["note"]
            ),
        ):
            if request.htmx:
                made = selectors.outputs(self.booking, guide)
                return render(
                    request,
                    "conversations/_timeouts.html",
                    {"made": made, "booking": self.booking, "timeout_form": TimeoutForm()},
                )
            messages.success(request, _("Timeout noted."))
            return redirect(_guide_url(self.booking, "timeouts"))
        return self._invalid(request, guide, "timeout_form", form, "conversations/_timeouts.html")

    def _invalid(self, request, guide, name, form, partial):
        if request.htmx:
            made = selectors.outputs(self.booking, guide)
            context = {"made": made, "booking": self.booking, name: form}
            return render(request, partial, context, status=400)
        context = guide_context(request, self.booking, guide, **{name: form})
        return render(request, GuideView.template_name, context, status=400)


class _PlanOutput(_Conversation):
    """Agreements and homework: written straight into the citizen's Min Plan."""

    form_class: type
    form_name: str
    partial = "conversations/_outputs.html"
    anchor = "aftaler"

    def create(self, plan, form) -> None:
        raise NotImplementedError

    def post(self, request, public_id):
        guide = self.guide()
        form = self.form_class(request.POST)
        plan = plan_services.plan_ensure(citizen=self.booking.citizen)
        if form.is_valid():

            def create() -> str:
                self.create(plan, form)
                return _guide_url(self.booking, self.anchor)

            url = create_once(request, form, create, _guide_url(self.booking, self.anchor))
            if url:
                if request.htmx:
                    return render(request, self.partial, self._partial_context(guide))
                messages.success(request, _("Saved in the citizen's plan."))
                return redirect(url)
        return self._invalid(request, guide, self.form_name, form, self.partial)

    def _partial_context(self, guide, **forms) -> dict:
        return {
            "booking": self.booking,
            "made": selectors.outputs(self.booking, guide),
            "agreement_form": forms.get("agreement_form") or AgreementForm(),
            "homework_form": forms.get("homework_form") or HomeworkForm(),
            "just_saved": True,
            "oob": True,
            "has_begun": has_begun(self.booking),
        }

    def _invalid(self, request, guide, name, form, partial):
        if request.htmx:
            context = self._partial_context(guide, **{name: form})
            context["just_saved"] = False
            return render(request, partial, context, status=400)
        context = guide_context(request, self.booking, guide, **{name: form})
        return render(request, GuideView.template_name, context, status=400)


class AgreementView(_PlanOutput):
    form_class = AgreementForm
    form_name = "agreement_form"

    def create(self, plan, form) -> None:
        plan_services.agreement_add(
            plan=plan,
            text=form.cleaned_data["text"],
            author=self.user,
            conversation=self.booking,
        )


class HomeworkView(_PlanOutput):
    form_class = HomeworkForm
    form_name = "homework_form"
    anchor = "hjemmeopgaver"

    def create(self, plan, form) -> None:
        plan_services.homework_add(
            plan=plan,
            author=self.user,
            title=form.cleaned_data["title"],
            due=form.cleaned_data["due"],
            description=form.cleaned_data["description"],
            conversation=self.booking,
        )


class DeadlineView(_Conversation):
    """A booking deadline for the next conversation, given from the guide."""

    def post(self, request, public_id):
        guide = self.guide()
        citizen = self.booking.citizen
        policy.require(request.user, "deadline.manage", citizen)
        form = _deadline_form(self.booking, request.POST)
        if form.is_valid():

            def create() -> str:
                deadlines.create(
                    citizen=citizen,
                    actor=request.user,
                    topic=form.cleaned_data["topic"],
                    deadline=form.cleaned_data["deadline"],
                    window_start=form.cleaned_data["window_start"],
                    window_end=form.cleaned_data["window_end"],
                )
                messages.success(request, _("The booking deadline is given. The citizen is told."))
                return _guide_url(self.booking, "naeste-skridt")

            url = create_once(request, form, create, _guide_url(self.booking, "naeste-skridt"))
            if url:
                return redirect(url)
        context = guide_context(request, self.booking, guide, deadline_form=form)
        return render(request, GuideView.template_name, context, status=400)


class FinishView(_Conversation):
    """Ends the conversation (marks it held) and goes on to the journal note."""

    def post(self, request, public_id):
        guide = self.guide()
        try:
            services.guide_finish(guide=guide, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_guide_url(self.booking, "afslut"))
        messages.success(request, _("The conversation is marked as held."))
        return redirect(_journal_url(self.booking))
