"""The labour-market balance for staff: the list, and the CSV import for those who keep the
taxonomy (business consultants and administrators)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views import View

from accounts import policy
from occupations import selectors
from occupations.forms import BalanceFilterForm, BalanceImportForm
from occupations.services import BalanceFileError, balance_import
from places.selectors import area_of

PAGE_SIZE = 100


class BalanceView(View):
    """Arbejdsmarkedsbalancen as imported, for all staff; filtered by area (the job centre's
    own by default) and prospect."""

    def get(self, request):
        # Any staff member of a job centre: the user carries their own job_centre_id.
        policy.require(request.user, "labour.view", request.user)
        data = request.GET.copy()
        if "area" not in data:
            centre = request.user.job_centre
            data["area"] = area_of(centre.postcode if centre else "") or ""
        form = BalanceFilterForm(data)
        filters = form.cleaned_data if form.is_valid() else {}
        rows = selectors.balance_list(
            area=filters.get("area", ""), prospect=filters.get("prospect", "")
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
        query = data.copy()
        query.pop("side", None)
        return render(
            request,
            "occupations/balance.html",
            {
                "form": form,
                "page": page,
                "query": query.urlencode(),
                "can_import": policy.can(request.user, "taxonomy.import"),
            },
        )


class BalanceImportView(View):
    template_name = "occupations/balance_import.html"

    def get(self, request):
        policy.require(request.user, "taxonomy.import")
        return render(request, self.template_name, {"form": BalanceImportForm()})

    def post(self, request):
        policy.require(request.user, "taxonomy.import")
        form = BalanceImportForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            try:
                result = balance_import(
                    data=form.cleaned_data["file"],
                    period=form.cleaned_data["period"],
                    all_or_nothing=form.cleaned_data["all_or_nothing"],
                )
            except BalanceFileError as error:
                form.add_error("file", str(error))
        status = 400 if form.errors or (result and not result.saved) else 200
        return render(request, self.template_name, {"form": form, "result": result}, status=status)
