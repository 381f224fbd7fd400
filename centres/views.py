from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from centres import selectors, services
from centres.forms import (
    CentreSettingsForm,
    StaffCreateForm,
    StaffUpdateForm,
    TeamCreateForm,
    TeamForm,
)
from common.forms import create_once, service_errors_to_form


class SettingsView(View):
    """The administrator's settings page: the job centre's own settings."""

    template_name = "centres/settings.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "centre.manage")
        return render(request, self.template_name, {"form": CentreSettingsForm(instance=centre)})

    def post(self, request):
        centre = policy.centre_for(request.user, "centre.manage")
        form = CentreSettingsForm(request.POST, instance=centre)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.centre_update_settings(centre=centre, **form.cleaned_data)
        ):
            messages.success(request, _("The settings are saved."))
            return redirect("centres:settings")
        return render(request, self.template_name, {"form": form}, status=400)


class StaffListView(View):
    def get(self, request):
        policy.centre_for(request.user, "staff.manage")
        return render(
            request, "centres/staff_list.html", {"staff": selectors.staff_list(user=request.user)}
        )


class StaffCreateView(View):
    template_name = "centres/staff_form.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "staff.manage")
        return render(request, self.template_name, {"form": StaffCreateForm(centre=centre)})

    def post(self, request):
        centre = policy.centre_for(request.user, "staff.manage")
        form = StaffCreateForm(request.POST, centre=centre)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "submission_token"}

            def create() -> str:
                user = services.staff_create(centre=centre, **data)
                messages.success(request, _("%(name)s is created.") % {"name": user.name})
                return reverse("centres:staff_list")

            url = create_once(request, form, create, reverse("centres:staff_list"))
            if url:
                return redirect(url)
        return render(request, self.template_name, {"form": form}, status=400)


class StaffUpdateView(View):
    template_name = "centres/staff_form.html"

    def _member(self, request, pk):
        member = get_object_or_404(selectors.staff_list(user=request.user), pk=pk)
        policy.require(request.user, "staff.manage", member)
        return member

    def get(self, request, pk):
        member = self._member(request, pk)
        return render(
            request,
            self.template_name,
            {"form": StaffUpdateForm.for_user(member), "member": member},
        )

    def post(self, request, pk):
        member = self._member(request, pk)
        form = StaffUpdateForm.for_user(member, request.POST)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.staff_update(user=member, **form.cleaned_data)
        ):
            messages.success(request, _("The changes are saved."))
            return redirect("centres:staff_list")
        return render(request, self.template_name, {"form": form, "member": member}, status=400)


class TeamListView(View):
    template_name = "centres/team_list.html"

    def _render(self, request, form, status=200):
        teams = selectors.team_list(user=request.user)
        return render(request, self.template_name, {"teams": teams, "form": form}, status=status)

    def get(self, request):
        policy.centre_for(request.user, "team.manage")
        return self._render(request, TeamCreateForm())

    def post(self, request):
        centre = policy.centre_for(request.user, "team.manage")
        form = TeamCreateForm(request.POST)
        if form.is_valid():

            def create() -> str:
                team = services.team_create(
                    centre=centre,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                )
                messages.success(request, _("The team %(name)s is created.") % {"name": team.name})
                return reverse("centres:team_list")

            url = create_once(request, form, create, reverse("centres:team_list"))
            if url:
                return redirect(url)
        return self._render(request, form, status=400)


class TeamUpdateView(View):
    template_name = "centres/team_form.html"

    def _team(self, request, pk):
        team = get_object_or_404(selectors.team_list(user=request.user), pk=pk)
        policy.require(request.user, "team.manage", team)
        return team

    def get(self, request, pk):
        team = self._team(request, pk)
        form = TeamForm(initial={"name": team.name, "description": team.description})
        return render(request, self.template_name, {"form": form, "team": team})

    def post(self, request, pk):
        team = self._team(request, pk)
        form = TeamForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.team_update(team=team, **form.cleaned_data)
        ):
            messages.success(request, _("The changes are saved."))
            return redirect("centres:team_list")
        return render(request, self.template_name, {"form": form, "team": team}, status=400)
