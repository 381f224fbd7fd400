from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts import policy
from accounts.models import Role
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from citizens import selectors, services
from citizens.forms import CitizenCreateForm, CitizenForm, CitizenSearchForm, ContactForm
from citizens.identifiers import cpr_looks_like
from common.forms import create_once, service_errors_to_form


class CitizenListView(View):
    """Staff: the job centre's citizens, "mine" first for job consultants. Searching is a POST,
    so that a CPR number typed into the search never lands in a URL or an access log."""

    template_name = "citizens/list.html"

    def get(self, request):
        policy.require(request.user, "citizen.list")
        mine_only = (
            request.GET.get("vis", "mine" if request.user.role == Role.JOB_CONSULTANT else "alle")
            == "mine"
        )
        citizens = selectors.citizen_list(user=request.user, mine_only=mine_only)
        page = Paginator(citizens, 25).get_page(request.GET.get("side"))
        return render(
            request,
            self.template_name,
            {"page": page, "mine_only": mine_only, "search_form": CitizenSearchForm()},
        )

    def post(self, request):
        policy.require(request.user, "citizen.list")
        form = CitizenSearchForm(request.POST)
        results = None
        if form.is_valid():
            results = selectors.citizen_search(user=request.user, query=form.cleaned_data["query"])[
                :50
            ]
            if cpr_looks_like(form.cleaned_data["query"]):
                form = CitizenSearchForm()  # the page does not echo a CPR number back
        template = "citizens/_list_results.html" if request.htmx else self.template_name
        return render(
            request, template, {"search_form": form, "results": results, "searched": True}
        )


class CitizenDetailView(LogsCitizenLookup, TemplateView):
    template_name = "citizens/detail.html"
    lookup_subject = Subject.PROFILE

    def get_context_data(self, **kwargs):
        citizen = selectors.citizen_get(
            user=policy.signed_in(self.request.user), public_id=kwargs["public_id"]
        )
        policy.require(self.request.user, "citizen.view", citizen)
        self.log_lookup(citizen)
        return super().get_context_data(citizen=citizen, **kwargs)


class CitizenCreateView(View):
    template_name = "citizens/form.html"

    def get(self, request):
        policy.require(request.user, "citizen.create")
        form = CitizenCreateForm(job_centre=request.user.job_centre)
        return render(request, self.template_name, {"form": form, "creating": True})

    def post(self, request):
        policy.require(request.user, "citizen.create")
        form = CitizenCreateForm(request.POST, job_centre=request.user.job_centre)
        if form.is_valid():

            def create() -> str:
                citizen = services.citizen_register(
                    by=request.user, cpr=form.cleaned_data["cpr"], data=form.citizen_data()
                )
                # One wording whether the person was new or came from another job centre: the
                # answer must not tell which (docs/decisions.md, 2026-12-07).
                messages.success(
                    request,
                    _(
                        "%(name)s is registered at the job centre. If the citizen belonged to "
                        "another job centre, the citizen has now been transferred here."
                    )
                    % {"name": citizen.name},
                )
                return reverse("citizens:detail", args=[citizen.public_id])

            url = create_once(request, form, create, reverse("citizens:list"))
            if url:
                return redirect(url)
        return render(request, self.template_name, {"form": form, "creating": True}, status=400)


class CitizenUpdateView(LogsCitizenLookup, View):
    template_name = "citizens/form.html"
    lookup_subject = Subject.PROFILE_EDIT
    lookup_purpose = Purpose.CORRECTION

    def _citizen(self, request, public_id):
        citizen = selectors.citizen_get(user=request.user, public_id=public_id)
        policy.require(request.user, "citizen.edit", citizen)
        return citizen

    def get(self, request, public_id):
        citizen = self._citizen(request, public_id)
        self.log_lookup(citizen)
        form = CitizenForm(instance=citizen, job_centre=citizen.job_centre)
        return render(request, self.template_name, {"form": form, "citizen": citizen})

    def post(self, request, public_id):
        citizen = self._citizen(request, public_id)
        form = CitizenForm(request.POST, instance=citizen, job_centre=citizen.job_centre)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.citizen_update(citizen=citizen, data=form.citizen_data())
        ):
            messages.success(request, _("The details are saved."))
            return redirect("citizens:detail", public_id=citizen.public_id)
        return render(request, self.template_name, {"form": form, "citizen": citizen}, status=400)


class OwnProfileView(TemplateView):
    template_name = "citizens/own_profile.html"

    def get_context_data(self, **kwargs):
        policy.require(self.request.user, "own_profile.view")
        return super().get_context_data(
            citizen=selectors.citizen_of_user(user=policy.signed_in(self.request.user))
        )


class OwnContactView(View):
    template_name = "citizens/own_contact.html"

    def _citizen(self, request):
        policy.require(request.user, "own_profile.edit")
        return selectors.citizen_of_user(user=request.user)

    def get(self, request):
        citizen = self._citizen(request)
        return render(request, self.template_name, {"form": ContactForm(instance=citizen)})

    def post(self, request):
        citizen = self._citizen(request)
        form = ContactForm(request.POST, instance=citizen)
        if form.is_valid():
            services.citizen_update_contact(
                citizen=citizen,
                email=form.cleaned_data["email"],
                mobile=form.cleaned_data["mobile"],
            )
            messages.success(request, _("Your contact details are saved."))
            return redirect("citizens:own_profile")
        return render(request, self.template_name, {"form": form}, status=400)
