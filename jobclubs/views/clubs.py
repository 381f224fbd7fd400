"""Staff plan job clubs: the centre's coming clubs, planning one, changing and cancelling it.
The list and a club's page are also the citizens' (jobclubs.views.seats)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.forms import create_once, service_errors_to_form
from jobclubs import selectors, services
from jobclubs.forms import ClubCancelForm, JobClubCreateForm, JobClubForm


def planned_club(request, public_id):
    club = selectors.jobclub_get(user=request.user, public_id=public_id)
    policy.require(request.user, "jobclub.plan", club)
    return club


class ClubCreateView(View):
    template_name = "jobclubs/form.html"

    def get(self, request):
        policy.centre_for(request.user, "jobclub.plan")
        return render(request, self.template_name, {"form": JobClubCreateForm(user=request.user)})

    def post(self, request):
        centre = policy.centre_for(request.user, "jobclub.plan")
        form = JobClubCreateForm(request.POST, user=request.user)
        if form.is_valid():

            def create() -> str:
                club = services.jobclub_create(
                    centre=centre, details=form.details(), actor=request.user
                )
                messages.success(request, _("The job club is planned. Citizens can book it now."))
                return reverse("jobclubs:detail", args=[club.public_id])

            url = create_once(request, form, create, reverse("jobclubs:list"))
            if url:
                return redirect(url)
        return render(request, self.template_name, {"form": form}, status=400)


class ClubEditView(View):
    template_name = "jobclubs/form.html"

    def get(self, request, public_id):
        club = planned_club(request, public_id)
        form = JobClubForm(user=request.user, initial=JobClubForm.initial_from(club))
        return render(request, self.template_name, {"form": form, "club": club})

    def post(self, request, public_id):
        club = planned_club(request, public_id)
        form = JobClubForm(request.POST, user=request.user)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.jobclub_update(club=club, details=form.details())
        ):
            messages.success(request, _("The changes are saved."))
            return redirect("jobclubs:detail", public_id=club.public_id)
        return render(request, self.template_name, {"form": form, "club": club}, status=400)


class ClubCancelView(View):
    template_name = "jobclubs/club_cancel.html"

    def get(self, request, public_id):
        club = planned_club(request, public_id)
        return render(request, self.template_name, {"club": club, "form": ClubCancelForm()})

    def post(self, request, public_id):
        club = planned_club(request, public_id)
        form = ClubCancelForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.jobclub_cancel(
                club=club, actor=request.user, reason=form.cleaned_data["reason"]
            ),
        ):
            messages.success(request, _("The job club is cancelled. The citizens are told."))
            return redirect("jobclubs:detail", public_id=club.public_id)
        return render(request, self.template_name, {"club": club, "form": form}, status=400)


def staff_list(request):
    clubs = selectors.coming_for_staff(user=request.user, now=timezone.now())
    return render(request, "jobclubs/staff_list.html", {"clubs": clubs})
