"""The Joblog for staff: read-only. Job consultants and team leaders of the citizen's job
centre read the entries, the progress and the exemptions (each look written to the lookup
log), and record or end an exemption. Nobody on the staff edits the citizen's entries."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from citizens.models import Citizen
from citizens.selectors import citizen_get
from common.forms import create_once
from joblog import selectors, services
from joblog.forms import ExemptionForm
from joblog.models import JoblogExemption

PAGE_SIZE = 50


class _CitizenJoblog(LogsCitizenLookup, View):
    lookup_subject = Subject.JOBLOG
    lookup_purpose = Purpose.FOLLOW_UP
    action = "job_search.read"

    def citizen(self, request, citizen_id) -> Citizen:
        citizen = citizen_get(user=request.user, public_id=citizen_id)
        policy.require(request.user, self.action, citizen)
        return citizen


def _list_url(citizen: Citizen, anchor: str = "") -> str:
    url = reverse("joblog:staff_list", args=[citizen.public_id])
    return f"{url}#{anchor}" if anchor else url


class StaffListView(_CitizenJoblog):
    def get(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        self.log_lookup(citizen)
        today = timezone.localdate()
        entries = selectors.entry_list(citizen=citizen)
        return render(
            request,
            "joblog/staff/list.html",
            {
                "citizen": citizen,
                "page": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side")),
                "progress": selectors.progress(citizen=citizen, today=today),
                "exemptions": list(selectors.exemptions(citizen=citizen)),
                "exemption": selectors.exemption_on(citizen=citizen, day=today),
                "may_exempt": policy.can(request.user, "joblog.exempt", citizen),
                "today": today,
            },
        )


class ExemptView(_CitizenJoblog):
    """Record that the citizen need not keep a Joblog, and how the search is documented."""

    action = "joblog.exempt"

    def _render(self, request, citizen, form, status=200):
        return render(
            request,
            "joblog/staff/exempt.html",
            {"citizen": citizen, "form": form},
            status=status,
        )

    def get(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        self.log_lookup(citizen)
        return self._render(request, citizen, ExemptionForm())

    def post(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        form = ExemptionForm(request.POST)
        if form.is_valid():

            def create() -> str:
                services.exemption_create(
                    citizen=citizen,
                    actor=request.user,
                    first_day=form.cleaned_data["first_day"],
                    last_day=form.cleaned_data["last_day"],
                    reason=form.cleaned_data["reason"],
                    documentation=form.cleaned_data["documentation"],
                )
                return _list_url(citizen, "fritagelser")

            url = create_once(request, form, create, _list_url(citizen, "fritagelser"))
            if url is not None:
                messages.success(request, _("The exemption is recorded."))
                return redirect(url)
        return self._render(request, citizen, form, status=400)


class ExemptionEndView(_CitizenJoblog):
    action = "joblog.exempt"

    def _exemption(self, request, citizen_id, pk) -> tuple[Citizen, JoblogExemption]:
        citizen = self.citizen(request, citizen_id)
        return citizen, get_object_or_404(selectors.exemptions(citizen=citizen), pk=pk)

    def get(self, request, citizen_id, pk):
        citizen, exemption = self._exemption(request, citizen_id, pk)
        self.log_lookup(citizen)
        return render(
            request,
            "joblog/staff/exemption_end.html",
            {"citizen": citizen, "exemption": exemption},
        )

    def post(self, request, citizen_id, pk):
        citizen, exemption = self._exemption(request, citizen_id, pk)
        try:
            services.exemption_end(exemption=exemption, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The exemption is ended."))
        return redirect(_list_url(citizen, "fritagelser"))
