"""Companies, their contacts and cooperation agreements. Every page asks "labour.view" of the
user's job centre first (a citizen is refused), then finds the object within that centre
(another centre's is a 404); changes ask "labour.edit"."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common import hygiene
from common.forms import create_once, service_errors_to_form
from labour import selectors
from labour.forms.companies import (
    AgreementEndForm,
    AgreementForm,
    CompanyCreateForm,
    CompanyForm,
    ContactCreateForm,
    ContactForm,
)
from labour.services import companies as services
from labour.services.contributions import Duplicate

PAGE_SIZE = 25
_DRAFTS_SAVED = "labour_drafts_saved"


def _view(request):
    centre = request.user.job_centre
    if centre is None:
        raise PermissionDenied("labour.view")
    policy.require(request.user, "labour.view", centre)


def _edit(request, obj=None):
    _view(request)
    policy.require(request.user, "labour.edit", obj or request.user.job_centre)


def _contribute(request, obj=None):
    """Adding what one heard of: job consultants and team leaders too (their additions wait
    in "Nyt fra kolleger")."""
    _view(request)
    policy.require(request.user, "labour.contribute", obj or request.user.job_centre)


def _draft_saved(request, key: str) -> None:
    """The next page tells the device the draft `key` reached the server."""
    request.session[_DRAFTS_SAVED] = [*request.session.get(_DRAFTS_SAVED, []), key]


def _render(request, template: str, context: dict, status: int = 200):
    """A page, with the drafts saved since the last page (see module docstring)."""
    context["drafts_saved"] = " ".join(request.session.pop(_DRAFTS_SAVED, []))
    return render(request, template, context, status=status)


def _saved_message(curator: bool, saved: str) -> str:
    if curator:
        return saved
    return _("Thank you. It is saved, and a business consultant will look at it.")


# ---------- companies ----------


class CompanyListView(View):
    def get(self, request):
        _view(request)
        query = hygiene.query_text(
            request.GET, "q", label=_("Search by name, CVR number or industry"), max_length=100
        )
        companies = selectors.company_list(user=request.user, query=query)
        page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("side"))
        extra = urlencode({"q": query}) if query else ""
        return _render(
            request,
            "labour/companies.html",
            {"page": page, "query": query, "extra_query": extra},
        )


class CompanyCreateView(View):
    template_name = "labour/company_form.html"
    draft = "company-new"

    def get(self, request):
        _contribute(request)
        form = CompanyCreateForm(job_centre=request.user.job_centre)
        return _render(request, self.template_name, {"form": form, "draft": self.draft})

    def post(self, request):
        _contribute(request)
        form = CompanyCreateForm(request.POST, job_centre=request.user.job_centre)
        duplicate = None
        if form.is_valid():
            user = request.user
            curator = policy.can(user, "labour.curate", user.job_centre)

            def create() -> str:
                nonlocal duplicate
                try:
                    company = services.company_create(
                        job_centre=user.job_centre,
                        data={**form.data_for_service(), "consultant": user if curator else None},
                        added_by=user,
                    )
                except Duplicate as error:
                    duplicate = error.existing
                    raise
                return reverse("labour:company", args=[company.public_id])

            url = create_once(request, form, create, reverse("labour:companies"))
            if url:
                _draft_saved(request, self.draft)
                messages.success(request, _saved_message(curator, _("The company is saved.")))
                return redirect(url)
        context = {"form": form, "draft": self.draft, "duplicate": duplicate}
        return _render(request, self.template_name, context, status=400)


class CompanyDetailView(View):
    def get(self, request, public_id):
        _view(request)
        company = selectors.company_get(user=request.user, public_id=public_id)
        detail = selectors.company_detail(company=company, today=timezone.localdate())
        return _render(request, "labour/company.html", {"company": company, "detail": detail})


class CompanyEditView(View):
    template_name = "labour/company_form.html"

    def _company(self, request, public_id):
        _view(request)
        company = selectors.company_get(user=request.user, public_id=public_id)
        _edit(request, company)
        return company

    def get(self, request, public_id):
        company = self._company(request, public_id)
        form = CompanyForm(instance=company, job_centre=company.job_centre)
        context = {"form": form, "company": company, "draft": f"company-{company.public_id}"}
        return _render(request, self.template_name, context)

    def post(self, request, public_id):
        company = self._company(request, public_id)
        form = CompanyForm(request.POST, instance=company, job_centre=company.job_centre)
        draft = f"company-{company.public_id}"
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.company_update(company=company, data=form.data_for_service())
        ):
            _draft_saved(request, draft)
            messages.success(request, _("The company is saved."))
            return redirect("labour:company", public_id=company.public_id)
        company.refresh_from_db()
        context = {"form": form, "company": company, "draft": draft}
        return _render(request, self.template_name, context, status=400)


class _CompanyPart(View):
    """A page about one company's contact or agreement; changes need "labour.edit"."""

    def company(self, request, public_id):
        _view(request)
        company = selectors.company_get(user=request.user, public_id=public_id)
        _edit(request, company)
        return company


class ContactCreateView(_CompanyPart):
    template_name = "labour/contact_form.html"

    def get(self, request, public_id):
        company = self.company(request, public_id)
        context = {"form": ContactCreateForm(), "company": company, "draft": self._draft(company)}
        return _render(request, self.template_name, context)

    @staticmethod
    def _draft(company) -> str:
        return f"contact-{company.public_id}-new"

    def post(self, request, public_id):
        company = self.company(request, public_id)
        form = ContactCreateForm(request.POST)
        back = reverse("labour:company", args=[company.public_id])
        if form.is_valid():

            def create() -> str:
                services.contact_create(company=company, data=form.data_for_service())
                return back

            if create_once(request, form, create, back):
                _draft_saved(request, self._draft(company))
                messages.success(request, _("The contact person is saved."))
                return redirect(back)
        context = {"form": form, "company": company, "draft": self._draft(company)}
        return _render(request, self.template_name, context, status=400)


class ContactEditView(_CompanyPart):
    template_name = "labour/contact_form.html"

    def get(self, request, public_id, pk):
        company = self.company(request, public_id)
        contact = selectors.contact_get(company=company, pk=pk)
        context = {
            "form": ContactForm(instance=contact),
            "company": company,
            "contact": contact,
            "draft": f"contact-{contact.pk}",
        }
        return _render(request, self.template_name, context)

    def post(self, request, public_id, pk):
        company = self.company(request, public_id)
        contact = selectors.contact_get(company=company, pk=pk)
        form = ContactForm(request.POST, instance=contact)
        if form.is_valid():
            services.contact_update(contact=contact, data=form.data_for_service())
            _draft_saved(request, f"contact-{contact.pk}")
            messages.success(request, _("The contact person is saved."))
            return redirect("labour:company", public_id=company.public_id)
        context = {
            "form": form,
            "company": company,
            "contact": contact,
            "draft": f"contact-{contact.pk}",
        }
        return _render(request, self.template_name, context, status=400)


class ContactDeleteView(_CompanyPart):
    def get(self, request, public_id, pk):
        company = self.company(request, public_id)
        contact = selectors.contact_get(company=company, pk=pk)
        context = {"company": company, "contact": contact}
        return _render(request, "labour/contact_delete.html", context)

    def post(self, request, public_id, pk):
        company = self.company(request, public_id)
        contact = selectors.contact_get(company=company, pk=pk)
        services.contact_delete(contact=contact)
        messages.success(request, _("%(name)s is removed.") % {"name": contact.name})
        return redirect("labour:company", public_id=company.public_id)


class AgreementCreateView(_CompanyPart):
    template_name = "labour/agreement_form.html"

    def get(self, request, public_id):
        company = self.company(request, public_id)
        form = AgreementForm(initial={"starts_on": timezone.localdate()})
        context = {"form": form, "company": company, "draft": f"agreement-{company.public_id}"}
        return _render(request, self.template_name, context)

    def post(self, request, public_id):
        company = self.company(request, public_id)
        form = AgreementForm(request.POST)
        back = reverse("labour:company", args=[company.public_id])
        draft = f"agreement-{company.public_id}"
        if form.is_valid():

            def create() -> str:
                services.agreement_create(company=company, data=form.data_for_service())
                return back

            if create_once(request, form, create, back):
                _draft_saved(request, draft)
                messages.success(request, _("The cooperation agreement is saved."))
                return redirect(back)
        context = {"form": form, "company": company, "draft": draft}
        return _render(request, self.template_name, context, status=400)


class AgreementEndView(_CompanyPart):
    template_name = "labour/agreement_end.html"

    def get(self, request, public_id, pk):
        company = self.company(request, public_id)
        agreement = selectors.agreement_get(company=company, pk=pk)
        form = AgreementEndForm(initial={"ends_on": timezone.localdate()})
        context = {"form": form, "company": company, "agreement": agreement}
        return _render(request, self.template_name, context)

    def post(self, request, public_id, pk):
        company = self.company(request, public_id)
        agreement = selectors.agreement_get(company=company, pk=pk)
        form = AgreementEndForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.agreement_end(agreement=agreement, on=form.cleaned_data["ends_on"]),
        ):
            messages.success(request, _("The cooperation agreement is ended."))
            return redirect("labour:company", public_id=company.public_id)
        context = {"form": form, "company": company, "agreement": agreement}
        return _render(request, self.template_name, context, status=400)
