"""Colleagues add what they heard of; business consultants review it in "Nyt fra kolleger".
Adding a knowledge note asks "labour.contribute" of the company; the review pages ask
"labour.curate"; anything of another job centre is a 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts import policy
from common.forms import Form, create_once, service_errors_to_form
from labour import selectors
from labour.forms.contributions import NOTE_FIELDS, KnowledgeNoteForm, ReviewForm
from labour.models import JobOpening
from labour.services import contributions as services
from labour.views.companies import _contribute, _render, _saved_message, _view


class NoteCreateView(View):
    template_name = "labour/note_form.html"

    def _company(self, request, public_id):
        _view(request)
        company = selectors.company_get(user=request.user, public_id=public_id)
        _contribute(request, company)
        return company

    def get(self, request, public_id):
        company = self._company(request, public_id)
        context = {"form": KnowledgeNoteForm(), "company": company, "fields": NOTE_FIELDS}
        return _render(request, self.template_name, context)

    def post(self, request, public_id):
        company = self._company(request, public_id)
        form = KnowledgeNoteForm(request.POST)
        back = reverse("labour:company", args=[company.public_id])
        if form.is_valid():

            def create() -> str:
                services.knowledge_note_add(
                    company=company, actor=request.user, data=form.note_data()
                )
                return back

            if create_once(request, form, create, back):
                curator = policy.can(request.user, "labour.curate", company)
                messages.success(request, _saved_message(curator, _("The notes are saved.")))
                return redirect(back)
        context = {"form": form, "company": company, "fields": NOTE_FIELDS}
        return _render(request, self.template_name, context, status=400)


def _curate(request):
    _view(request)
    return policy.centre_for(request.user, "labour.curate")


class ColleaguesView(View):
    """ "Nyt fra kolleger": what job consultants and team leaders added, to confirm, correct
    (the ordinary edit page), merge or reject."""

    template_name = "labour/colleagues.html"

    def get(self, request, form=None, status=200):
        _curate(request)
        proposed = selectors.proposed_for(user=request.user, today=timezone.localdate())
        return _render(
            request,
            self.template_name,
            {"proposed": proposed, "form": form or Form(), "fields": NOTE_FIELDS},
            status=status,
        )


class ReviewView(View):
    def post(self, request, kind, public_id):
        _curate(request)
        item = selectors.contribution_get(user=request.user, kind=kind, public_id=public_id)
        policy.require(request.user, "labour.curate", getattr(item, "company", None) or item)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return ColleaguesView().get(request, form=form, status=400)
        action = form.cleaned_data["action"]

        def review() -> bool:
            if action == "confirm":
                services.contribution_confirm(item=item, actor=request.user)
            elif action == "reject":
                services.contribution_reject(item=item, actor=request.user)
            else:
                if not isinstance(item, JobOpening) or not form.cleaned_data["into"]:
                    form.add_error(None, _("Choose the opening to merge into."))
                    return False
                into = get_object_or_404(
                    selectors.openings_of(request.user), public_id=form.cleaned_data["into"]
                )
                services.opening_merge(opening=item, into=into, actor=request.user)
            return True

        if service_errors_to_form(form, review):
            messages.success(request, DONE[action])
            return redirect("labour:colleagues")
        return ColleaguesView().get(request, form=form, status=400)


DONE = {
    "confirm": gettext_lazy("Confirmed. Thank you for looking."),
    "reject": gettext_lazy("Rejected."),
    "merge": gettext_lazy("Merged into the opening already on the board."),
}
