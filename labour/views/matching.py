"""Matching pages: a citizen's best openings and an opening's best citizens ("det gode match"),
and where the citizen lives and how far they will travel (set by staff or by the citizen).

Every staff look at a citizen's data writes a lookup-log line: one for the citizen whose
matches are shown, one per citizen shown for an opening."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from audit.services import lookup_record
from citizens import selectors as citizen_selectors
from citizens.forms import TravelForm
from labour.matching import (
    default_radius_for,
    radius_for,
    rank_citizens_for,
    rank_openings_for,
)
from labour.models import JobOpening
from labour.services.matching import citizen_travel_update
from places import selectors as places

CITIZEN_LIMIT = 20
OPENING_LIMIT = 30


class CitizenMatchesView(LogsCitizenLookup, View):
    """Staff: the open openings that fit a citizen best, each with its why."""

    template_name = "labour/matching/citizen_matches.html"
    lookup_subject = Subject.MATCHING
    lookup_purpose = Purpose.MATCHING

    def get(self, request, public_id):
        citizen = citizen_selectors.citizen_get(user=request.user, public_id=public_id)
        policy.require(request.user, "matching.citizen", citizen)
        self.log_lookup(citizen)
        matches = rank_openings_for(citizen, limit=CITIZEN_LIMIT, own=False)
        return render(
            request,
            self.template_name,
            {
                "citizen": citizen,
                "matches": matches,
                "radius": radius_for(citizen),
                "beyond_radius": bool(matches) and not matches[0].within_radius,
            },
        )


class OpeningMatchesView(View):
    """Staff (the business consultant): the job centre's citizens who fit an opening best."""

    template_name = "labour/matching/opening_matches.html"

    def get(self, request, public_id):
        opening = get_object_or_404(
            JobOpening.objects.filter(job_centre_id=request.user.job_centre_id).select_related(
                "company", "occupation"
            ),
            public_id=public_id,
        )
        policy.require(request.user, "matching.opening", opening)
        matches = rank_citizens_for(opening, limit=OPENING_LIMIT)
        with transaction.atomic():
            for match in matches:
                lookup_record(
                    actor=request.user,
                    citizen=match.citizen,
                    subject=Subject.MATCHING,
                    purpose=Purpose.MATCHING,
                )
        return render(
            request,
            self.template_name,
            {
                "opening": opening,
                "matches": matches,
                # The balance badge: the job prospects in the job centre's area.
                "area": places.area_of(request.user.job_centre.postcode) or "",
            },
        )


class CitizenTravelView(LogsCitizenLookup, View):
    """Staff set where a citizen lives and how far they will travel."""

    template_name = "citizens/travel_form.html"
    lookup_subject = Subject.PROFILE_EDIT
    lookup_purpose = Purpose.CORRECTION

    def _citizen(self, request, public_id):
        citizen = citizen_selectors.citizen_get(user=request.user, public_id=public_id)
        policy.require(request.user, "citizen.edit", citizen)
        return citizen

    def get(self, request, public_id):
        citizen = self._citizen(request, public_id)
        self.log_lookup(citizen)
        form = TravelForm(instance=citizen, default_radius=default_radius_for(citizen))
        return render(request, self.template_name, {"form": form, "citizen": citizen})

    def post(self, request, public_id):
        citizen = self._citizen(request, public_id)
        form = TravelForm(
            request.POST, instance=citizen, default_radius=default_radius_for(citizen)
        )
        if form.is_valid():
            citizen_travel_update(
                citizen=citizen,
                postcode=form.cleaned_data["postcode"],
                travel_radius_km=form.cleaned_data["travel_radius_km"],
            )
            messages.success(request, _("The details are saved."))
            return redirect("citizens:detail", public_id=citizen.public_id)
        return render(request, self.template_name, {"form": form, "citizen": citizen}, status=400)


class OwnTravelView(View):
    """The citizen sets where they live and how far they will travel."""

    template_name = "citizens/travel_form.html"

    def _citizen(self, request):
        policy.require(request.user, "own_profile.edit")
        return citizen_selectors.citizen_of_user(user=request.user)

    def get(self, request):
        citizen = self._citizen(request)
        form = TravelForm(instance=citizen, default_radius=default_radius_for(citizen))
        return render(request, self.template_name, {"form": form, "own": True})

    def post(self, request):
        citizen = self._citizen(request)
        form = TravelForm(
            request.POST, instance=citizen, default_radius=default_radius_for(citizen)
        )
        if form.is_valid():
            citizen_travel_update(
                citizen=citizen,
                postcode=form.cleaned_data["postcode"],
                travel_radius_km=form.cleaned_data["travel_radius_km"],
            )
            messages.success(request, _("Your details are saved."))
            return redirect("citizens:own_profile")
        return render(request, self.template_name, {"form": form, "own": True}, status=400)
