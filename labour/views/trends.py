"""The local labour market over time, for all staff of the centre: charts with tables under
them, a CSV of the same figures, and a recount on demand."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.spreadsheets import csv_response
from labour import trends
from labour.forms.trends import TrendFilterForm
from labour.models import Period


def _label(start, period: str) -> str:
    if period == Period.MONTH:
        return date_format(start, "F Y").capitalize()
    return _("Week %(week)s") % {"week": start.isocalendar().week}


class TrendView(View):
    template_name = "labour/trends.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "labour.trends")
        form = TrendFilterForm(request.GET or None)
        monthly, area, industry = form.filters()
        period = Period.MONTH if monthly else Period.WEEK
        view = trends.trend_view(
            job_centre=centre,
            today=timezone.localdate(),
            period=period,
            area=area,
            industry=industry,
            no_industry=_("No industry"),
            others=_("Other occupations"),
        )
        labels = [_label(start, period) for start in view.starts]
        if request.GET.get("format") == "csv":
            return self.csv(view, labels)
        chart = {
            "labels": labels,
            "industries": [{"label": s.label, "values": s.counts} for s in view.industries[:8]],
            "occupations": [{"label": s.label, "values": s.counts} for s in view.occupations],
        }
        query = request.GET.copy()
        query["format"] = "csv"
        return render(
            request,
            self.template_name,
            {
                "centre": centre,
                "view": view,
                "form": form,
                "labels": labels,
                "chart": chart,
                "csv_query": query.urlencode(),
            },
        )

    @staticmethod
    def csv(view: trends.TrendView, labels: list[str]):
        rows: list[list] = [[_("Grouped by"), _("Name"), *labels, _("Total")]]
        for kind, series in ((_("Industry"), view.industries), (_("Occupation"), view.occupations)):
            rows += [[kind, s.label, *s.counts, s.total] for s in series]
        rows.append([_("All openings"), "", *view.totals, sum(view.totals)])
        return csv_response(rows, filename="arbejdsmarkedet.csv")

    def post(self, request):
        """Recounts the periods today is in (the nightly task counts the whole history)."""
        centre = policy.centre_for(request.user, "labour.trends")
        trends.trends_refresh(job_centre_id=centre.pk)
        messages.success(request, _("The figures are counted again."))
        return redirect("labour:trends")
