"""The citizen's own Joblog: the list with a quick-add form on top, edit, status changes
inline (htmx swaps the entry), delete, progress, and the exports for the unemployment fund.
Every page needs "joblog.use"; another citizen's entry is a 404."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts import policy
from citizens.models import Citizen
from common.forms import create_once, service_errors_to_form
from joblog import exports, selectors, services
from joblog.forms import EntryCreateForm, EntryForm, FilterForm, StatusForm
from joblog.models import EntryStatus, JoblogEntry

PAGE_SIZE = 25


def own_citizen(request) -> Citizen:
    policy.require(request.user, "joblog.use")
    return request.user.citizen


def _own_entry(request, pk: int) -> tuple[Citizen, JoblogEntry]:
    citizen = own_citizen(request)
    return citizen, selectors.entry_get(citizen=citizen, pk=pk)


def _filter_query(filter_form: FilterForm) -> str:
    """The filter as a query string, for the pages and the export links."""
    if not filter_form.is_valid():
        return ""
    return urlencode(
        {
            name: value.isoformat() if hasattr(value, "isoformat") else value
            for name, value in filter_form.cleaned_data.items()
            if value
        }
    )


def _saved_message(citizen: Citizen) -> str:
    summary = selectors.period_summary(citizen=citizen, today=timezone.localdate())
    return ngettext(
        "Saved. You now have %(n)d job search in the last %(days)d days.",
        "Saved. You now have %(n)d job searches in the last %(days)d days.",
        summary.searches,
    ) % {"n": summary.searches, "days": summary.rule.period_days}


def _list_page(request, citizen: Citizen, form: EntryCreateForm, status: int = 200):
    today = timezone.localdate()
    filter_form = FilterForm(request.GET or None)
    entries = selectors.entry_list(citizen=citizen, **filter_form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
    query = _filter_query(filter_form)
    return render(
        request,
        "joblog/list.html",
        {
            "form": form,
            "filter_form": filter_form,
            "filtered": bool(query),
            "page": page,
            "extra_query": query,
            "export_query": f"?{query}" if query else "",
            "status_choices": EntryStatus.choices,
            "summary": selectors.period_summary(citizen=citizen, today=today),
            "exemption": selectors.exemption_on(citizen=citizen, day=today),
        },
        status=status,
    )


class ListView(View):
    def get(self, request):
        return _list_page(request, own_citizen(request), EntryCreateForm())


class CreateView(View):
    """The quick-add form's target; a double click makes one entry."""

    def get(self, request):
        own_citizen(request)
        return redirect("joblog:list")

    def post(self, request):
        citizen = own_citizen(request)
        form = EntryCreateForm(request.POST)
        if form.is_valid():

            def create() -> str:
                services.entry_create(citizen=citizen, **form.entry_data())
                return reverse("joblog:list")

            url = create_once(request, form, create, reverse("joblog:list"))
            if url is not None:
                messages.success(request, _saved_message(citizen))
                return redirect(url)
        return _list_page(request, citizen, form, status=400)


class UpdateView(View):
    def get(self, request, pk):
        _citizen, entry = _own_entry(request, pk)
        return render(
            request, "joblog/update.html", {"entry": entry, "form": EntryForm(instance=entry)}
        )

    def post(self, request, pk):
        citizen, entry = _own_entry(request, pk)
        form = EntryForm(request.POST, instance=entry)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.entry_update(entry=entry, citizen=citizen, **form.entry_data()),
        ):
            messages.success(request, _("The entry is saved."))
            return redirect("joblog:list")
        entry.refresh_from_db()
        return render(request, "joblog/update.html", {"entry": entry, "form": form}, status=400)


class StatusView(View):
    """The status of one entry, changed in the list: htmx swaps the entry, without script the
    list is shown again."""

    def _entry(self, request, entry, error: str = ""):
        return render(
            request,
            "joblog/_list_entry.html",
            {"entry": entry, "status_choices": EntryStatus.choices, "status_error": error},
        )

    def get(self, request, pk):
        _citizen, entry = _own_entry(request, pk)
        return self._entry(request, entry)

    def post(self, request, pk):
        citizen, entry = _own_entry(request, pk)
        form = StatusForm(request.POST)
        error = ""
        if form.is_valid():
            try:
                services.entry_set_status(
                    entry=entry, citizen=citizen, status=form.cleaned_data["status"]
                )
            except ValidationError as refused:
                entry.refresh_from_db()
                error = " ".join(refused.messages)
        else:
            error = " ".join(str(m) for errors in form.errors.values() for m in errors)
        if not request.htmx:
            if error:
                messages.error(request, error)
            else:
                messages.success(request, _("The status is saved."))
            return redirect("joblog:list")
        # htmx swaps only 2xx answers: the entry comes back, with the error on it if refused.
        return self._entry(request, entry, error)


class DeleteView(View):
    def get(self, request, pk):
        _citizen, entry = _own_entry(request, pk)
        return render(request, "joblog/delete.html", {"entry": entry})

    def post(self, request, pk):
        citizen, entry = _own_entry(request, pk)
        services.entry_delete(entry=entry, citizen=citizen)
        messages.success(request, _("The entry is deleted."))
        return redirect("joblog:list")


class ProgressView(View):
    def get(self, request):
        citizen = own_citizen(request)
        today = timezone.localdate()
        progress = selectors.progress(citizen=citizen, today=today)
        return render(
            request,
            "joblog/progress.html",
            {
                "progress": progress,
                "summary": progress.summary,
                "charts": exports.chart_data(progress),
                "exemption": selectors.exemption_on(citizen=citizen, day=today),
            },
        )


class _ExportView(View):
    def entries(self, request) -> tuple[Citizen, FilterForm, list[JoblogEntry]]:
        citizen = own_citizen(request)
        filter_form = FilterForm(request.GET or None)
        return (
            citizen,
            filter_form,
            list(selectors.entry_list(citizen=citizen, **filter_form.filters())),
        )


class ExportCsvView(_ExportView):
    def get(self, request) -> HttpResponse:
        citizen, _form, entries = self.entries(request)
        return exports.csv_response(citizen, entries)


class ExportXlsxView(_ExportView):
    def get(self, request) -> HttpResponse:
        citizen, _form, entries = self.entries(request)
        return exports.xlsx_response(citizen, entries)


class PrintView(_ExportView):
    """The printable Joblog for the unemployment fund: name, period and every entry."""

    def get(self, request):
        citizen, filter_form, entries = self.entries(request)
        period = exports.period(filter_form, entries)
        query = _filter_query(filter_form)
        return render(
            request,
            "joblog/print.html",
            {
                "citizen": citizen,
                "entries": entries,
                "period": period,
                "filter_form": filter_form,
                "export_query": f"?{query}" if query else "",
                "printed": timezone.localdate(),
            },
        )
