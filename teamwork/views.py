"""The cooperation page of job and business consultants ("Samarbejde"): the standing weekly
meeting with the agenda the week built, its minutes and follow-ups, colleagues' "I have
citizens looking for …" requests, and the partner pairs. No citizen is named here."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.forms import create_once, service_errors_to_form
from teamwork import selectors, services
from teamwork.forms import AnswerForm, MinutesForm, PairForm, RequestForm, StandingMeetingForm


class _Teamwork(View):
    action = "teamwork.take_part"

    def dispatch(self, request, *args, **kwargs):
        self.centre = policy.centre_for(request.user, self.action)
        self.user = policy.signed_in(request.user)
        return super().dispatch(request, *args, **kwargs)


class OverviewView(_Teamwork):
    def get(self, request):
        return self.page()

    def page(self, *, minutes_form=None, meeting_form=None, pair_form=None, status=200):
        today = timezone.localdate()
        standing = selectors.standing_meeting(user=self.user)
        next_on = selectors.next_date(standing, today) if standing else None
        leads = policy.can(self.user, "teamwork.lead", self.centre)
        return render(
            self.request,
            "teamwork/overview.html",
            {
                "standing": standing,
                "next_on": next_on,
                "agenda": selectors.agenda(job_centre_id=self.centre.pk, today=today),
                "meetings": selectors.recent_meetings(standing=standing) if standing else [],
                "pairs": selectors.current_pairs(job_centre_id=self.centre.pk),
                "leads": leads,
                "asks": policy.can(self.user, "teamwork.request", self.centre),
                "minutes_form": minutes_form or self.minutes_form(standing, today),
                "meeting_form": meeting_form or StandingMeetingForm(instance=standing),
                "pair_form": pair_form or PairForm(job_centre_id=self.centre.pk),
            },
            status=status,
        )

    def minutes_form(self, standing, today) -> MinutesForm:
        """For the latest meeting, holding what is written for it so far."""
        held_on = selectors.last_date(standing, today) if standing else None
        minutes = selectors.minutes_of(standing, held_on) if standing and held_on else ""
        initial = {"held_on": held_on, "minutes": minutes}
        return MinutesForm(initial=initial, job_centre_id=self.centre.pk)


class StandingMeetingView(OverviewView):
    action = "teamwork.lead"

    def post(self, request):
        standing = selectors.standing_meeting(user=self.user)
        form = StandingMeetingForm(request.POST, instance=standing)
        if not form.is_valid():
            return self.page(meeting_form=form, status=400)
        data = {k: form.cleaned_data[k] for k in ("weekday", "starts_at", "place")}
        data["team_id"] = standing.team_id if standing else None
        services.standing_meeting_set(user=self.user, data=data)
        messages.success(request, _("The standing meeting is saved."))
        return redirect("teamwork:overview")


class MinutesView(OverviewView):
    def post(self, request):
        standing = selectors.standing_meeting(user=self.user)
        form = MinutesForm(request.POST, job_centre_id=self.centre.pk)
        if standing is None:
            messages.error(request, _("A team leader sets the standing meeting first."))
            return redirect("teamwork:overview")
        if not form.is_valid():
            return self.page(minutes_form=form, status=400)
        data = form.cleaned_data
        meeting = services.minutes_save(
            standing=standing, user=self.user, held_on=data["held_on"], minutes=data["minutes"]
        )
        if data["follow_up"]:
            services.follow_up_add(
                meeting=meeting, text=data["follow_up"], owner=data["owner"], due_on=data["due_on"]
            )
        messages.success(request, _("The minutes are saved."))
        return redirect(reverse("teamwork:overview") + "#referater")


class FollowUpDoneView(_Teamwork):
    def post(self, request, public_id):
        follow_up = selectors.follow_up_get(user=self.user, public_id=public_id)
        services.follow_up_done(follow_up=follow_up)
        return redirect(reverse("teamwork:overview") + "#opfoelgning")


class RequestCreateView(_Teamwork):
    action = "teamwork.request"

    def get(self, request):
        return self.render(RequestForm())

    def post(self, request):
        form = RequestForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "submission_token"}

            def create() -> str:
                services.request_create(user=self.user, data=data)
                return reverse("teamwork:overview") + "#efterspoergsel"

            url = create_once(request, form, create, reverse("teamwork:overview"))
            if url:
                messages.success(request, _("Your request is on the next meeting's agenda."))
                return redirect(url)
        return self.render(form, status=400)

    def render(self, form, status=200):
        return render(self.request, "teamwork/request_form.html", {"form": form}, status=status)


class RequestAnswerView(_Teamwork):
    def post(self, request, public_id):
        citizen_request = selectors.request_get(user=self.user, public_id=public_id)
        form = AnswerForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.request_close(
                request=citizen_request, user=self.user, answer=form.cleaned_data["answer"]
            ),
        ):
            messages.success(request, _("Thank you. The request is answered."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
        return redirect(reverse("teamwork:overview") + "#efterspoergsel")


class PairStartView(OverviewView):
    action = "teamwork.lead"

    def post(self, request):
        form = PairForm(request.POST, job_centre_id=self.centre.pk)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.pair_start(user=self.user, **form.cleaned_data)
        ):
            messages.success(request, _("The partner pair is formed."))
            return redirect(reverse("teamwork:overview") + "#makkerpar")
        return self.page(pair_form=form, status=400)


class PairEndView(_Teamwork):
    action = "teamwork.lead"

    def post(self, request, public_id):
        services.pair_end(pair=selectors.pair_get(user=self.user, public_id=public_id))
        messages.success(request, _("The partner pair has ended."))
        return redirect(reverse("teamwork:overview") + "#makkerpar")
