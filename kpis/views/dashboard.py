"""The leaders' dashboard under /ledelse/: the figures for the job centre or a team and a
week or month, the tables per team and per consultant, the trend of one figure, the files of
every table, the definitions, and a computation on demand with its progress.

The pages read only stored snapshots (`kpis.selectors`); what a figure means is on the
definitions page each label links to."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views import View

from accounts import policy
from kpis import exports, selectors
from kpis.definitions import KPIS
from kpis.models import PeriodKind

#: The trend's `visning` parameter: 12 months (the default) or 13 weeks.
WEEKS_VIEW = "uger"
#: The export's tables and formats (`tabel`, `format`).
TABLES = ("oversigt", "teams", "konsulenter", "tendens")
FORMATS = ("xlsx", "csv")


def _url(name: str, *args, **params) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return reverse(f"kpis:{name}", args=args) + (f"?{query}" if query else "")


class _KpiView(View):
    """Everything here is for the leaders of the user's own job centre (rule kpi.view)."""

    def dispatch(self, request, *args, **kwargs):
        policy.require(request.user, "kpi.view", request.user.job_centre)
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    def teams(self):
        if not hasattr(self, "_teams"):
            self._teams = selectors.kpi_teams(user=policy.signed_in(self.request.user))
        return self._teams

    def picker(self, name: str, choice, *args, **params) -> dict:
        """The period picker's links, keeping the page's other parameters."""

        def link(period) -> str:
            return _url(name, *args, periode=selectors.period_param(period), **params)

        return {
            "choice": choice,
            "action": reverse(f"kpis:{name}", args=args),
            "previous_url": link(choice.previous),
            "next_url": link(choice.next) if choice.next else "",
            "months_url": link(choice.month),
            "weeks_url": link(choice.week),
        }


class DashboardView(_KpiView):
    template_name = "kpis/dashboard.html"

    def get(self, request):
        user = request.user
        choice = selectors.period_choice(request.GET.get("periode"), today=self.today)
        scope = selectors.scope_for(user=user, param=request.GET.get("team"), teams=self.teams())
        view = selectors.overview(scope=scope, period=choice.period, teams=self.teams())
        run = selectors.latest_run(job_centre=user.job_centre)
        params = {"periode": choice.param, "team": scope.param}
        own = next((team for team in self.teams() if team.pk == user.team_id), None)
        return render(
            request,
            self.template_name,
            {
                "overview": view,
                "scope": scope,
                "teams": self.teams(),
                "picker": self.picker("dashboard", choice, team=request.GET.get("team")),
                "computed": selectors.computed_text(view.computed_at) if view.computed_at else "",
                "headline": view.line("self_booking_share"),
                "small_numbers_note": selectors.small_numbers_note(
                    scope.centre.small_number_threshold
                ),
                "run": run,
                "run_active": selectors.run_active(run),
                "can_recompute": policy.can(user, "kpi.recompute", user.job_centre),
                "xlsx_url": _url("export", tabel="oversigt", format="xlsx", **params),
                "csv_url": _url("export", tabel="oversigt", format="csv", **params),
                "teams_url": _url("teams", periode=choice.param),
                "consultants_url": _url("consultants", scope.team.pk, periode=choice.param)
                if scope.team
                else "",
                "centre_param": selectors.CENTRE_PARAM,
                "centre_url": _url("dashboard", periode=choice.param, team=selectors.CENTRE_PARAM),
                "own_team_url": _url("dashboard", periode=choice.param, team=own.pk)
                if own and not scope.team
                else "",
            },
        )


class _BreakdownView(_KpiView):
    template_name = "kpis/breakdown.html"

    def page(self, request, breakdown, choice, picker_args: tuple, export: dict):
        return render(
            request,
            self.template_name,
            {
                "breakdown": breakdown,
                "picker": self.picker(*picker_args),
                "computed": selectors.computed_text(breakdown.computed_at)
                if breakdown.computed_at
                else "",
                "xlsx_url": _url("export", format="xlsx", periode=choice.param, **export),
                "csv_url": _url("export", format="csv", periode=choice.param, **export),
                "period_param": choice.param,
            },
        )


class TeamsView(_BreakdownView):
    """Every team the user may see (a team leader: their own) and the job centre in total."""

    def get(self, request):
        choice = selectors.period_choice(request.GET.get("periode"), today=self.today)
        breakdown = selectors.team_breakdown(
            centre=request.user.job_centre, period=choice.period, teams=self.teams()
        )
        return self.page(request, breakdown, choice, ("teams", choice), {"tabel": "teams"})


class ConsultantsView(_BreakdownView):
    """The consultants of one team (never their satisfaction) and the team in total."""

    def get(self, request, pk: int):
        team = selectors.team_get(user=request.user, pk=pk, teams=self.teams())
        choice = selectors.period_choice(request.GET.get("periode"), today=self.today)
        breakdown = selectors.consultant_breakdown(
            user=request.user, team=team, period=choice.period
        )
        return self.page(
            request,
            breakdown,
            choice,
            ("consultants", choice, team.pk),
            {"tabel": "konsulenter", "team": team.pk},
        )


def _kind(view: str | None) -> str:
    return PeriodKind.WEEK if view == WEEKS_VIEW else PeriodKind.MONTH


class TrendView(_KpiView):
    template_name = "kpis/trend.html"

    def get(self, request, key: str):
        user = request.user
        scope = selectors.scope_for(user=user, param=request.GET.get("team"), teams=self.teams())
        kpi = selectors.kpi_get(key, scope=scope)
        kind = _kind(request.GET.get("visning"))
        trend = selectors.trend(scope=scope, kpi=kpi, kind=kind, today=self.today)
        params = {"kpi": kpi.key, "team": scope.param, "visning": trend.view_param}
        return render(
            request,
            self.template_name,
            {
                "trend": trend,
                "kpi": kpi,
                "scope": scope,
                "teams": self.teams(),
                "is_week": kind == PeriodKind.WEEK,
                "months_url": _url("trend", kpi.key, team=scope.param),
                "weeks_url": _url("trend", kpi.key, team=scope.param, visning=WEEKS_VIEW),
                "dashboard_url": _url("dashboard", team=scope.param),
                "computed": selectors.computed_text(trend.computed_at) if trend.computed_at else "",
                "chart": trend.chart_data(),
                "xlsx_url": _url("export", tabel="tendens", format="xlsx", **params),
                "csv_url": _url("export", tabel="tendens", format="csv", **params),
                "centre_param": selectors.CENTRE_PARAM,
            },
        )


class DefinitionsView(_KpiView):
    template_name = "kpis/definitions.html"

    def get(self, request):
        groups: dict[str, list] = {}
        for kpi in KPIS:
            groups.setdefault(str(kpi.group), []).append(
                {
                    "kpi": kpi,
                    "unit": selectors.UNIT_LABELS[kpi.unit],
                    "levels": ", ".join(str(selectors.LEVEL_LABELS[lv]) for lv in kpi.levels),
                }
            )
        return render(request, self.template_name, {"groups": list(groups.items())})


class ExportView(_KpiView):
    """Any table of the pages as .xlsx or .csv (`tabel`, `format`, `periode`, `team`, `kpi`,
    `visning`), built by the very selector the page uses. The files' headings are Danish."""

    def get(self, request):
        table_name = request.GET.get("tabel", "")
        fmt = request.GET.get("format", "")
        if table_name not in TABLES:
            return self.bad(
                request,
                _("Choose which table to download: the overview, teams, consultants or trend."),
            )
        if fmt not in FORMATS:
            return self.bad(request, _("Choose the file format: xlsx (Excel) or csv."))
        param = request.GET.get("periode")
        choice = selectors.period_choice(param, today=self.today)
        if choice.error:
            return self.bad(request, selectors.period_error(param))
        with override("da"):
            table = self.table(request, table_name, choice)
            if isinstance(table, str):
                return self.bad(request, table)
            return exports.response(table, fmt=fmt)

    def table(self, request, name: str, choice):
        user = request.user
        if name == "teams":
            return selectors.team_breakdown(
                centre=user.job_centre, period=choice.period, teams=self.teams()
            ).table()
        if name == "konsulenter":
            pk = request.GET.get("team", "")
            if not pk.isdigit():
                return _("Choose the team whose consultants to download.")
            team = selectors.team_get(user=user, pk=int(pk), teams=self.teams())
            return selectors.consultant_breakdown(
                user=user, team=team, period=choice.period
            ).table()
        scope = selectors.scope_for(user=user, param=request.GET.get("team"), teams=self.teams())
        if name == "tendens":
            if not request.GET.get("kpi"):
                return _("Choose the figure whose trend to download.")
            kpi = selectors.kpi_get(request.GET["kpi"], scope=scope)
            kind = _kind(request.GET.get("visning"))
            return selectors.trend(scope=scope, kpi=kpi, kind=kind, today=self.today).table()
        view = selectors.overview(scope=scope, period=choice.period, teams=self.teams())
        return selectors.overview_table(view)

    def bad(self, request, message: str):
        return render(
            request,
            "kpis/bad_request.html",
            {"message": message, "dashboard_url": reverse("kpis:dashboard")},
            status=400,
        )


class RecomputeView(_KpiView):
    """Asks for the job centre's figures to be computed now (rule kpi.recompute)."""

    def post(self, request):
        from kpis.services import snapshot_run_request

        user = request.user
        centre = policy.centre_for(user, "kpi.recompute")
        try:
            run = snapshot_run_request(job_centre=centre, user=user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("kpis:dashboard")
        return redirect("kpis:run_status", run.pk)


class RunStatusView(_KpiView):
    """A computation's progress: htmx asks for the status part every 2 seconds while it runs;
    without JavaScript the page has a link to refresh itself."""

    template_name = "kpis/run.html"

    def get(self, request, pk: int):
        run = selectors.run_get(user=request.user, pk=pk)
        percent = selectors.run_percent(run)
        template = "kpis/_run_status.html" if request.htmx else self.template_name
        return render(
            request,
            template,
            {
                "run": run,
                "active": selectors.run_active(run),
                "percent": percent,
                "bar_step": percent // 5 * 5,
            },
        )
