"""The shared board of job openings and its import, with the same checks as the companies'
pages (labour.views.companies)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common import hygiene
from common.forms import Form, create_once, service_errors_to_form
from labour import imports, selectors
from labour.forms.companies import (
    BoardFilterForm,
    ImportForm,
    OpeningCreateForm,
    OpeningForm,
)
from labour.imports import runs as import_runs
from labour.services import companies as services
from labour.services.contributions import Duplicate
from labour.views.companies import (
    PAGE_SIZE,
    _contribute,
    _draft_saved,
    _edit,
    _render,
    _saved_message,
    _view,
)

# ---------- the board ----------


class BoardView(View):
    def get(self, request):
        _view(request)
        radius = selectors.radius_available()
        form = BoardFilterForm(request.GET or None, radius_available=radius)
        board_filter = selectors.BoardFilter()
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            board_filter = selectors.BoardFilter(
                words=data.get("occupation") or (),
                industry=data.get("industry"),
                area=data.get("area") or "",
                radius_km=data.get("radius"),
                new_only=bool(data.get("new")),
            )
        today = timezone.localdate()
        openings = selectors.opening_board(
            user=request.user, today=today, board_filter=board_filter
        )
        page = Paginator(openings, PAGE_SIZE).get_page(request.GET.get("side"))
        rows = [(o, selectors.contact_for(o)) for o in page.object_list]
        query = request.GET.copy()
        query.pop("side", None)
        return _render(
            request,
            "labour/board.html",
            {
                "form": form,
                "page": page,
                "rows": rows,
                "extra_query": query.urlencode(),
                "filtered": any(v for k, v in request.GET.items() if k != "side"),
                "since": selectors.last_tuesday(),
            },
        )


class OpeningCreateView(View):
    template_name = "labour/opening_form.html"
    draft = "opening-new"

    def get(self, request):
        _contribute(request)
        initial = {"positions": 1}
        company_id = hygiene.query_uuid(request.GET, "virksomhed")
        if company_id:
            company = selectors.companies_of(request.user).filter(public_id=company_id).first()
            if company is not None:
                initial["company"] = company.pk
        form = OpeningCreateForm(initial=initial, job_centre=request.user.job_centre)
        return _render(request, self.template_name, {"form": form, "draft": self.draft})

    def post(self, request):
        _contribute(request)
        user = request.user
        form = OpeningCreateForm(request.POST, job_centre=user.job_centre)
        duplicate = None
        if form.is_valid():

            def create() -> str:
                nonlocal duplicate
                try:
                    opening = services.opening_create(
                        job_centre=user.job_centre,
                        consultant=user,
                        data=form.data_for_service(),
                        added_by=user,
                    )
                except Duplicate as error:
                    duplicate = error.existing
                    raise
                return reverse("labour:opening", args=[opening.public_id])

            url = create_once(request, form, create, reverse("labour:board"))
            if url:
                _draft_saved(request, self.draft)
                curator = policy.can(user, "labour.curate", user.job_centre)
                messages.success(
                    request, _saved_message(curator, _("The opening is on the board."))
                )
                return redirect(url)
        context = {"form": form, "draft": self.draft, "duplicate": duplicate}
        return _render(request, self.template_name, context, status=400)


class OpeningDetailView(View):
    def get(self, request, public_id):
        _view(request)
        opening = selectors.opening_get(user=request.user, public_id=public_id)
        today = timezone.localdate()
        return _render(
            request,
            "labour/opening.html",
            {
                "opening": opening,
                "contact": selectors.contact_for(opening),
                "is_open": opening.valid_through is None or opening.valid_through >= today,
            },
        )


class _OpeningChange(View):
    def opening(self, request, public_id):
        _view(request)
        opening = selectors.opening_get(user=request.user, public_id=public_id)
        _edit(request, opening)
        return opening


class OpeningEditView(_OpeningChange):
    template_name = "labour/opening_form.html"

    def get(self, request, public_id):
        opening = self.opening(request, public_id)
        form = OpeningForm(instance=opening, job_centre=opening.job_centre)
        context = {"form": form, "opening": opening, "draft": f"opening-{opening.public_id}"}
        return _render(request, self.template_name, context)

    def post(self, request, public_id):
        opening = self.opening(request, public_id)
        form = OpeningForm(request.POST, instance=opening, job_centre=opening.job_centre)
        draft = f"opening-{opening.public_id}"
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.opening_update(opening=opening, data=form.data_for_service())
        ):
            _draft_saved(request, draft)
            messages.success(request, _("The opening is saved."))
            return redirect("labour:opening", public_id=opening.public_id)
        opening.refresh_from_db()
        context = {"form": form, "opening": opening, "draft": draft}
        return _render(request, self.template_name, context, status=400)


class OpeningEndView(_OpeningChange):
    """ "Take it off the board": asked on its own page, so a stray tap on a tablet does not."""

    def get(self, request, public_id):
        opening = self.opening(request, public_id)
        return _render(request, "labour/opening_end.html", {"opening": opening})

    def post(self, request, public_id):
        opening = self.opening(request, public_id)
        form = Form()  # no fields: a place for the service's error
        if service_errors_to_form(form, lambda: services.opening_end(opening=opening)):
            messages.success(request, _("The opening is taken off the board."))
            return redirect("labour:board")
        return _render(
            request, "labour/opening_end.html", {"opening": opening, "form": form}, status=400
        )


# ---------- import ----------


class ImportView(View):
    template_name = "labour/import.html"

    def get(self, request):
        _edit(request)
        recent = selectors.opening_imports_of(request.user.job_centre)[:5]
        return _render(request, self.template_name, {"form": ImportForm(), "recent": recent})

    def post(self, request):
        _edit(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            recent = selectors.opening_imports_of(request.user.job_centre)[:5]
            return _render(
                request, self.template_name, {"form": form, "recent": recent}, status=400
            )
        data = form.cleaned_data
        values = {
            "job_centre": request.user.job_centre,
            "user": request.user,
            "raw": data["raw"],
            "kind": data["kind"],
            "all_or_nothing": data["all_or_nothing"],
        }
        if import_runs.runs_in_background(data["raw"]):
            run = import_runs.opening_import_start(**values)
            return redirect("labour:import_progress", run.public_id)
        report = imports.openings_import(**values)
        status = 200 if report.saved else 400
        return _render(request, "labour/import_result.html", {"report": report}, status=status)


class ImportProgressView(View):
    """A large import's progress: htmx asks for the status part every 2 seconds while it
    runs; without JavaScript the page has a link to refresh itself. It survives a reload."""

    template_name = "labour/import_progress.html"

    def get(self, request, public_id):
        _edit(request)
        run = get_object_or_404(
            selectors.opening_imports_of(request.user.job_centre), public_id=public_id
        )
        template = "labour/_import_progress_status.html" if request.htmx else self.template_name
        return render(request, template, {"run": run, "report": run})
