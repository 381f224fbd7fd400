"""The citizen's job suggestions: this week's with three answers each ("Set", "Gem i Joblog",
"Ikke relevant"), earlier weeks below. The answers are htmx forms that also work without
script (a redirect back to the page). Every page needs "suggestions.use"; another citizen's
suggestion is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from citizens.models import Citizen
from common.forms import create_once
from common.links import pk_url
from joblog import services as joblog_services
from joblog.forms import EntryCreateForm
from suggestions import selectors, services
from suggestions.forms import NotRelevantForm
from suggestions.models import JobSuggestion


def own_citizen(request) -> Citizen:
    policy.require(request.user, "suggestions.use")
    return request.user.citizen


def _own_suggestion(request, pk: int) -> tuple[Citizen, JobSuggestion]:
    citizen = own_citizen(request)
    suggestion = selectors.suggestion_get(citizen=citizen, pk=pk)
    policy.require(request.user, "suggestion.respond", suggestion)
    return citizen, suggestion


def reason_form(suggestion: JobSuggestion, data=None) -> NotRelevantForm:
    return NotRelevantForm(data, prefix=f"s{suggestion.pk}")


def _with_markup(suggestions, form=None) -> None:
    """What every suggestion on the page repeats, worked out once per page: its links (one
    reverse() per URL name) and its reason form (`form`, with what was typed, or a fresh one)."""
    links = {name: pk_url(f"suggestions:{name}") for name in ("seen", "save", "not_relevant")}
    entry_url = pk_url("joblog:update")
    for suggestion in suggestions:
        vars(suggestion).update(
            pk_text=str(suggestion.pk),
            reason_form=form or reason_form(suggestion),
            seen_url=links["seen"](suggestion.pk),
            save_url=links["save"](suggestion.pk),
            not_relevant_url=links["not_relevant"](suggestion.pk),
            entry_url=entry_url(suggestion.joblog_entry_id) if suggestion.joblog_entry_id else "",
        )


class OwnView(View):
    def get(self, request):
        citizen = own_citizen(request)
        batch_list = selectors.batches(citizen=citizen)
        current = batch_list[0] if batch_list else None
        if current is not None and current.week_start != services.week_start(timezone.localdate()):
            current = None
        _with_markup(s for batch in batch_list for s in batch.suggestions.all())
        return render(
            request,
            "suggestions/own.html",
            {
                "current": current,
                "earlier": [b for b in batch_list if b is not current],
                "to_check": [b for b in batch_list if b.checked_at is None and b is not current],
            },
        )


class _AnswerView(View):
    """GET: the suggestion (htmx). POST: the answer, then the suggestion again (htmx) or the
    page (without script)."""

    def answer(self, request, citizen, suggestion) -> tuple[str, NotRelevantForm | None]:
        """Saves the answer; returns an error message ("" when saved) and the reason form to
        show again with what was typed (None: a fresh one)."""
        raise NotImplementedError

    def get(self, request, pk):
        citizen, suggestion = _own_suggestion(request, pk)
        return self._suggestion(request, citizen, suggestion)

    def post(self, request, pk):
        citizen, suggestion = _own_suggestion(request, pk)
        error, form = self.answer(request, citizen, suggestion)
        if not request.htmx:
            if error:
                messages.error(request, error)
            else:
                messages.success(request, _("Your answer is saved."))
            return redirect(f"{reverse('suggestions:own')}#forslag-{suggestion.pk}")
        return self._suggestion(request, citizen, suggestion, error, form)

    def _suggestion(self, request, citizen, suggestion, error="", form=None):
        """The suggestion as it is now, and its week's status swapped in beside it."""
        suggestion = selectors.suggestion_get(citizen=citizen, pk=suggestion.pk)
        _with_markup([suggestion], form)
        context = {
            "suggestion": suggestion,
            "answer_error": error,
            "batch": selectors.batch_get(citizen=citizen, pk=suggestion.batch_id),
            "oob": True,
        }
        html = render_to_string("suggestions/_own_suggestion.html", context, request=request)
        html += render_to_string("suggestions/_own_batch_status.html", context, request=request)
        return HttpResponse(html)


class SeenView(_AnswerView):
    def answer(self, request, citizen, suggestion):
        services.suggestion_mark_seen(suggestion=suggestion, citizen=citizen)
        return "", None


class NotRelevantView(_AnswerView):
    def answer(self, request, citizen, suggestion):
        form = reason_form(suggestion, request.POST)
        if not form.is_valid():
            return _("Choose why the suggestion is not relevant."), form
        try:
            services.suggestion_not_relevant(
                suggestion=suggestion,
                citizen=citizen,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as refused:
            return " ".join(refused.messages), form
        return "", None


class SaveView(View):
    """ "Gem i Joblog": the Joblog's own form, filled in from the opening. When the citizen
    saves it, the entry is made and the suggestion is marked saved and linked to it."""

    def _render(self, request, suggestion, form, status=200):
        return render(
            request,
            "suggestions/save.html",
            {"suggestion": suggestion, "form": form, "open_details": True},
            status=status,
        )

    def get(self, request, pk):
        _citizen, suggestion = _own_suggestion(request, pk)
        initial = services.joblog_initial(suggestion, timezone.localdate())
        return self._render(request, suggestion, EntryCreateForm(initial=initial))

    def post(self, request, pk):
        citizen, suggestion = _own_suggestion(request, pk)
        form = EntryCreateForm(request.POST)
        back = reverse("suggestions:own")
        if form.is_valid():

            def create() -> str:
                entry = joblog_services.entry_create(citizen=citizen, **form.entry_data())
                services.suggestion_save_to_joblog(
                    suggestion=suggestion, citizen=citizen, entry=entry
                )
                return f"{back}#forslag-{suggestion.pk}"

            url = create_once(request, form, create, back)
            if url is not None:
                messages.success(request, _("Saved in your Joblog."))
                return redirect(url)
        return self._render(request, suggestion, form, status=400)
