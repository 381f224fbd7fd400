"""The consultant's logbook: the own entries with a quick-add form on top, the average
self-rating and the trend per technique, the entries the learning group has shared, and one
entry's page, edit, delete and share switch (htmx swaps the switch; without script the page
reloads). Every page needs "learning.use"; another consultant's private entry is a 404."""

from typing import cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from accounts.models import User
from common.forms import create_once, service_errors_to_form
from learning.forms.logbook import (
    LogbookEntryCreateForm,
    LogbookEntryForm,
    LogbookFilterForm,
    ShareForm,
)
from learning.models import LogbookEntry
from learning.selectors import logbook as selectors
from learning.selectors.team_setup import techniques_of
from learning.services import logbook as services

PAGE_SIZE = 25


def _entry_url(entry: LogbookEntry) -> str:
    return reverse("learning:logbook_entry", args=[entry.pk])


class _Learner(View):
    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "learning.use")
        self.user = cast(User, request.user)
        self.today = timezone.localdate()
        # The team's techniques, retired ones too (the filter finds old entries by them).
        self.all_techniques = techniques_of(team=self.user.team, include_retired=True)
        return super().dispatch(request, *args, **kwargs)

    def filter_form(self) -> LogbookFilterForm:
        return LogbookFilterForm(self.request.GET or None, techniques=self.all_techniques)

    def page(self, entries, filter_form: LogbookFilterForm) -> dict:
        query = self.request.GET.copy()
        query.pop("side", None)
        return {
            "page": Paginator(entries, PAGE_SIZE).get_page(self.request.GET.get("side")),
            "filter_form": filter_form,
            "filtered": any(filter_form.filters().values()),
            "query": query.urlencode(),
        }

    def entry_form(self, form_class=LogbookEntryForm, entry=None, **kwargs):
        """The entry form with the team's techniques being trained and the user's own recent
        conversations (an entry being edited keeps its technique and conversation)."""
        offered = Q(active=True)
        if entry is not None and entry.technique_id:
            offered |= Q(pk=entry.technique_id)
        conversations = selectors.logbook_conversations(
            user=self.user, today=self.today, keep=entry.booking if entry else None
        )
        return form_class(
            techniques=self.all_techniques.filter(offered),
            conversations=conversations,
            **kwargs,
        )


class LogbookView(_Learner):
    """The own entries, newest first; the quick-add form posts here."""

    template_name = "learning/logbook/list.html"

    def render_page(self, form, status=200):
        filter_form = self.filter_form()
        entries = selectors.logbook_list(user=self.user, **filter_form.filters())
        context = {
            "form": form,
            "stats": selectors.logbook_stats(user=self.user, today=self.today),
            "techniques": [t for t in self.all_techniques if t.active],
            **self.page(entries, filter_form),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        form = self.entry_form(LogbookEntryCreateForm, initial={"date": self.today})
        return self.render_page(form)

    def post(self, request):
        form = self.entry_form(LogbookEntryCreateForm, data=request.POST)
        if form.is_valid():

            def create() -> str:
                entry = services.logbook_entry_create(
                    consultant=self.user, today=self.today, **form.entry_data()
                )
                return f"{reverse('learning:logbook')}#indlaeg-{entry.pk}"

            url = create_once(request, form, create, reverse("learning:logbook"))
            if url is not None:
                messages.success(request, _("Saved in your logbook."))
                return redirect(url)
        return self.render_page(form, status=400)


class LogbookSharedView(_Learner):
    """What the learning group has shared: the team's shared entries, with the writer's name."""

    def get(self, request):
        filter_form = self.filter_form()
        entries = selectors.logbook_shared(user=self.user, **filter_form.filters())
        return render(request, "learning/logbook/shared.html", self.page(entries, filter_form))


class _Entry(_Learner):
    """The entry the user may read (else 404); `edit` views also need to own it (else 403)."""

    edit = True

    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "learning.use")
        self.entry = selectors.logbook_entry_get(user=request.user, pk=kwargs["pk"])
        if self.edit:
            policy.require(request.user, "logbook_entry.edit", self.entry)
        return super().dispatch(request, *args, **kwargs)


class LogbookEntryView(_Entry):
    edit = False

    def get(self, request, pk):
        return render(request, "learning/logbook/detail.html", {"entry": self.entry})


class LogbookEntryEditView(_Entry):
    template_name = "learning/logbook/edit.html"

    def _form(self, data=None):
        entry = self.entry
        initial = {name: getattr(entry, name) for name in LogbookEntryForm.base_fields}
        return self.entry_form(entry=entry, data=data, initial=initial)

    def get(self, request, pk):
        return render(request, self.template_name, {"entry": self.entry, "form": self._form()})

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.logbook_entry_update(
                entry=self.entry, actor=self.user, today=self.today, **form.entry_data()
            ),
        ):
            messages.success(request, _("The entry is saved."))
            return redirect(_entry_url(self.entry))
        self.entry.refresh_from_db()
        context = {"entry": self.entry, "form": form}
        return render(request, self.template_name, context, status=400)


class LogbookEntryDeleteView(_Entry):
    def get(self, request, pk):
        return render(request, "learning/logbook/delete.html", {"entry": self.entry})

    def post(self, request, pk):
        services.logbook_entry_delete(entry=self.entry, actor=self.user)
        messages.success(request, _("The entry is deleted from your logbook."))
        return redirect("learning:logbook")


class LogbookEntryShareView(_Entry):
    """Shares the entry with the learning group or makes it private again."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = ShareForm(request.POST)
        if form.is_valid():
            services.logbook_entry_share(
                entry=self.entry, actor=self.user, shared=form.cleaned_data["shared"]
            )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = _entry_url(self.entry)
        if request.htmx:
            context = {"entry": self.entry, "next": back}
            return render(request, "learning/logbook/_entry_share.html", context)
        if form.is_valid():
            messages.success(
                request,
                _("The entry is shared with your learning group.")
                if self.entry.shared
                else _("The entry is private again."),
            )
        return redirect(f"{back.split('#')[0]}#deling-{self.entry.pk}")
