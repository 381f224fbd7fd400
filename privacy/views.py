import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views import View

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from citizens.selectors import citizen_of_user
from common import spreadsheets
from common.forms import create_once, service_errors_to_form
from privacy import selectors, services
from privacy.export import citizen_export, citizen_export_json
from privacy.forms import CorrectionRequestForm, CorrectionResolveForm, RetentionRulesForm
from privacy.models import RetentionRun


class OwnDataView(View):
    """ "Mine data": everything stored about the citizen, readable, with the JSON download."""

    def get(self, request):
        policy.require(request.user, "own_data.download")
        citizen = citizen_of_user(user=request.user)
        return render(
            request,
            "privacy/own_data.html",
            {"citizen": citizen, "sections": citizen_export(citizen=citizen)},
        )


class OwnDataDownloadView(View):
    def get(self, request):
        policy.require(request.user, "own_data.download")
        citizen = citizen_of_user(user=request.user)
        data = citizen_export_json(citizen=citizen)
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"mine-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class OwnCorrectionsView(View):
    """The citizen asks for a correction and sees the answers to earlier requests."""

    template_name = "privacy/own_corrections.html"

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "requests": selectors.correction_requests(user=request.user)},
            status=status,
        )

    def get(self, request):
        policy.require(request.user, "correction.request")
        return self._render(request, CorrectionRequestForm())

    def post(self, request):
        policy.require(request.user, "correction.request")
        form = CorrectionRequestForm(request.POST)
        if form.is_valid():
            citizen = citizen_of_user(user=request.user)

            def create() -> str:
                services.correction_request_create(
                    citizen=citizen,
                    what_is_wrong=form.cleaned_data["what_is_wrong"],
                    should_be=form.cleaned_data["should_be"],
                )
                messages.success(request, _("Your request is sent to the job centre."))
                return reverse("privacy:own_corrections")

            url = create_once(request, form, create, reverse("privacy:own_corrections"))
            if url:
                return redirect(url)
        return self._render(request, form, status=400)


class CorrectionListView(View):
    """Staff: the job centre's correction requests, open ones first."""

    def get(self, request):
        policy.require(request.user, "correction.resolve", request.user.job_centre)
        return render(
            request,
            "privacy/correction_list.html",
            {
                "open_requests": selectors.correction_requests(user=request.user, open_only=True),
                "answered": selectors.correction_requests(user=request.user).exclude(status="open")[
                    :50
                ],
            },
        )


class CorrectionResolveView(LogsCitizenLookup, View):
    template_name = "privacy/correction_resolve.html"
    lookup_subject = Subject.PROFILE_EDIT
    lookup_purpose = Purpose.CORRECTION

    def _request(self, request, pk):
        item = selectors.correction_request_get(user=request.user, pk=pk)
        policy.require(request.user, "correction.resolve", item)
        return item

    def get(self, request, pk):
        item = self._request(request, pk)
        self.log_lookup(item.citizen)
        return render(request, self.template_name, {"item": item, "form": CorrectionResolveForm()})

    def post(self, request, pk):
        item = self._request(request, pk)
        form = CorrectionResolveForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.correction_request_resolve(
                request=item,
                by=request.user,
                accepted=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            ),
        ):
            messages.success(request, _("The answer is saved and shown to the citizen."))
            return redirect("privacy:corrections")
        return render(request, self.template_name, {"item": item, "form": form}, status=400)


class RetentionSettingsView(View):
    """The administrator's retention rules for their job centre."""

    template_name = "privacy/retention_settings.html"

    def _context(self, request, form=None):
        centre = request.user.job_centre
        effective = selectors.retention_rules_for(job_centre=centre)
        return {
            "form": form or RetentionRulesForm(effective=effective),
            "effective": effective,
            "runs": RetentionRun.objects.all()[:5],
        }

    def get(self, request):
        policy.require(request.user, "retention.manage", request.user.job_centre)
        return render(request, self.template_name, self._context(request))

    def post(self, request):
        centre = policy.centre_for(request.user, "retention.manage")
        effective = selectors.retention_rules_for(job_centre=centre)
        form = RetentionRulesForm(request.POST, effective=effective)

        def save() -> bool:
            services.retention_rules_save(job_centre=centre, rules=form.rules())
            return True

        if form.is_valid() and service_errors_to_form(form, save):
            messages.success(request, _("The retention rules are saved."))
            return redirect("privacy:retention")
        return render(request, self.template_name, self._context(request, form), status=400)


class ConsentExportView(View):
    """Leaders: the centre's recorded observation consents as CSV (semicolons, UTF-8 BOM, as
    Danish Excel opens them)."""

    def get(self, request):
        centre = policy.centre_for(request.user, "consent.export")
        local = timezone.localtime
        with override("da"):
            rows = [
                [
                    _("Citizen"),
                    _("Conversation"),
                    _("Topic"),
                    _("Consultant observed"),
                    _("Observer"),
                    _("Consent given"),
                    _("How the citizen consented"),
                    _("Recorded by"),
                    _("Status"),
                ],
                *(
                    [
                        obs.booking.citizen.user.name,
                        f"{local(obs.booking.start):%d-%m-%Y %H:%M}",
                        obs.booking.topic,
                        obs.observed.name,
                        obs.observer.name,
                        f"{local(obs.consent_at):%d-%m-%Y %H:%M}",
                        obs.get_consent_method_display(),
                        obs.consent_recorded_by.name if obs.consent_recorded_by else "",
                        obs.get_status_display(),
                    ]
                    for obs in selectors.consents_for_centre(job_centre=centre)
                ),
            ]
        filename = f"samtykker-{timezone.localdate():%Y-%m-%d}.csv"
        response = spreadsheets.csv_response(rows, filename=filename)
        response["Cache-Control"] = "no-store"
        return response


class ConsentListView(View):
    def get(self, request):
        centre = policy.centre_for(request.user, "consent.export")
        consents = selectors.consents_for_centre(job_centre=centre)[:200]
        return render(request, "privacy/consents.html", {"consents": consents})
