"""The journal note (drafted from the guide, finalised, amended) and the self-rating, the
consultant's logbook entry on the conversation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from common.forms import create_once, service_errors_to_form
from conversations import selectors, services
from conversations.forms import (
    AmendForm,
    FinaliseForm,
    JournalForm,
    SelfRatingForm,
)
from conversations.views.guide import _Conversation, _journal_url
from learning.models import LogbookEntry, Technique
from learning.selectors.logbook import logbook_entry_of_conversation
from learning.selectors.team_setup import techniques_of
from learning.services.logbook import logbook_rate_conversation, rating_team


class JournalView(LogsCitizenLookup, _Conversation):
    """After the conversation: the journal note (draft, finalised, amendments) and the
    consultant's self-rating."""

    lookup_subject = Subject.CONVERSATION
    lookup_purpose = Purpose.CONVERSATION
    template_name = "conversations/journal.html"

    def context(self, **forms) -> dict:
        booking = self.booking
        note = selectors.journal_of(booking)
        guide = selectors.guide_of(booking)
        made = selectors.outputs(booking, guide)
        rating = logbook_entry_of_conversation(user=self.user, booking=booking)
        if note is None:
            draft = selectors.draft_from_guide(selectors.notes_by_field(guide), made)
            journal_form = JournalForm(initial={"text": draft, "version": 0})
        else:
            journal_form = JournalForm(initial={"text": note.text, "version": note.version})
        return {
            "booking": booking,
            "citizen": booking.citizen,
            "note": note,
            "made": made,
            "journal_form": forms.get("journal_form") or journal_form,
            "finalise_form": FinaliseForm(initial={"version": note.version if note else 1}),
            "amend_form": forms.get("amend_form") or AmendForm(),
            "rating_form": forms.get("rating_form") or self.rating_form(rating),
            "rating": rating,
            "conflict": forms.get("conflict"),
        }

    def rating_form(self, rating: LogbookEntry | None, data=None) -> SelfRatingForm:
        """The self-rating with the techniques of the team (an earlier rating keeps its own
        technique as a choice, even retired)."""
        techniques = techniques_of(team=rating_team(booking=self.booking, actor=self.user))
        if rating is not None and rating.technique_id:
            techniques = (techniques | Technique.objects.filter(pk=rating.technique_id)).distinct()
        initial = None
        if rating is not None:
            initial = {
                "score": rating.score,
                "technique": rating.technique_id,
                "reflection": rating.reflection,
                "next_step": rating.next_step,
            }
        return SelfRatingForm(data, initial=initial, techniques=techniques)

    def get(self, request, public_id):
        self.log_lookup(self.booking.citizen)
        return render(request, self.template_name, self.context())

    def post(self, request, public_id):
        note = selectors.journal_of(self.booking)
        if note is not None and note.is_final:
            raise PermissionDenied(_("A finalised journal note can only be amended."))
        form = JournalForm(request.POST)
        if form.is_valid():
            try:
                services.journal_save(
                    booking=self.booking,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                )
            except services.Conflict as conflict:
                data = request.POST.copy()  # what the form was bound to
                data["version"] = str(conflict.current.version)
                form = JournalForm(data)
                form.is_valid()
                context = self.context(journal_form=form, conflict=conflict.current)
                return render(request, self.template_name, context, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The draft is saved."))
                return redirect(_journal_url(self.booking, "journal"))
        return render(request, self.template_name, self.context(journal_form=form), status=400)


class JournalFinaliseView(JournalView):
    http_method_names = ["post"]

    def post(self, request, public_id):
        note = selectors.journal_of(self.booking)
        if note is None:
            raise Http404
        if note.is_final:
            raise PermissionDenied(_("The journal note is already finalised."))
        form = FinaliseForm(request.POST)
        if not form.is_valid():
            return redirect(_journal_url(self.booking, "journal"))
        try:
            services.journal_finalise(
                note=note, actor=request.user, version=form.cleaned_data["version"]
            )
        except services.Conflict as conflict:
            messages.warning(
                request,
                _(
                    "%(name)s changed the draft before you finalised it. Read it again and "
                    "finalise when it is right."
                )
                % {"name": conflict.current.updated_by.name},
            )
            return redirect(_journal_url(self.booking, "journal"))
        messages.success(request, _("The journal note is finalised. It can now only be amended."))
        return redirect(_journal_url(self.booking, "journal"))


class AmendView(JournalView):
    http_method_names = ["post"]

    def post(self, request, public_id):
        note = selectors.journal_of(self.booking)
        if note is None or not note.is_final:
            raise PermissionDenied(_("A draft is edited, not amended."))
        form = AmendForm(request.POST)
        if form.is_valid():

            def create() -> str:
                services.journal_amend(
                    note=note, actor=request.user, text=form.cleaned_data["text"]
                )
                messages.success(request, _("The amendment is added."))
                return _journal_url(self.booking, "journal")

            url = create_once(request, form, create, _journal_url(self.booking, "journal"))
            if url:
                return redirect(url)
        return render(request, self.template_name, self.context(amend_form=form), status=400)


class SelfRatingView(JournalView):
    """Saves the self-rating as the user's logbook entry on the conversation (created the first
    time, revised after)."""

    http_method_names = ["post"]

    def post(self, request, public_id):
        rating = logbook_entry_of_conversation(user=self.user, booking=self.booking)
        form = self.rating_form(rating, request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: logbook_rate_conversation(
                booking=self.booking,
                actor=self.user,
                score=form.cleaned_data["score"],
                technique=form.cleaned_data["technique"],
                reflection=form.cleaned_data["reflection"],
                next_step=form.cleaned_data["next_step"],
            ),
        ):
            messages.success(request, _("Your self-rating is saved for your logbook."))
            return redirect(_journal_url(self.booking, "selvvurdering"))
        return render(request, self.template_name, self.context(rating_form=form), status=400)
