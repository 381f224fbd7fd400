"""The citizens' job clubs: the coming clubs of their centre (those on an occupation they seek
first), a club's page, booking and cancelling a seat, and its calendar file. A club's page
shows staff who has booked (one lookup-log line per citizen shown)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from audit.models import Purpose, Subject
from audit.services import lookup_record
from common.forms import service_errors_to_form
from jobclubs import selectors, services
from jobclubs.forms import SeatCancelForm
from jobclubs.ics import seat_ics
from jobclubs.services import ClubFull
from jobclubs.views.clubs import staff_list


def _bookable_club(request, public_id):
    club = selectors.jobclub_get(user=request.user, public_id=public_id)
    policy.require(request.user, "jobclub.book", club)
    return club


def _own_seat(request, public_id):
    club = _bookable_club(request, public_id)
    seat = selectors.own_seat(club=club, citizen=request.user.citizen)
    if seat is None:
        raise Http404
    return seat


class ClubListView(View):
    def get(self, request):
        if policy.is_staff(request.user):
            return staff_list(request)
        policy.require(request.user, "jobclub.book")
        clubs = selectors.coming_for_citizen(
            user=request.user, citizen=request.user.citizen, now=timezone.now()
        )
        return render(request, "jobclubs/list.html", {"clubs": clubs})


class ClubDetailView(View):
    def get(self, request, public_id):
        club = selectors.jobclub_get(user=request.user, public_id=public_id)
        context: dict = {"club": club, "now": timezone.now()}
        if policy.is_staff(request.user):
            seats = list(selectors.seat_holders(club=club))
            for seat in seats:
                lookup_record(
                    actor=request.user,
                    citizen=seat.citizen,
                    subject=Subject.BOOKINGS,
                    purpose=Purpose.CASEWORK,
                )
            context["seats"] = seats
        else:
            policy.require(request.user, "jobclub.book", club)
            citizen = request.user.citizen
            context["seat"] = selectors.own_seat(club=club, citizen=citizen)
            context["change_deadline"] = services.change_deadline(club, citizen)
        return render(request, "jobclubs/detail.html", context)


class SeatBookView(View):
    def post(self, request, public_id):
        club = _bookable_club(request, public_id)
        try:
            _seat, created = services.seat_book(
                club=club, citizen=request.user.citizen, actor=request.user
            )
        except ClubFull as full:
            return render(
                request,
                "jobclubs/full.html",
                {"club": club, "message": str(full), "alternatives": full.alternatives},
                status=409,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("jobclubs:detail", public_id=club.public_id)
        if created:
            messages.success(request, _("Your seat is booked. We have sent you a receipt."))
        return redirect("jobclubs:detail", public_id=club.public_id)


class SeatCancelView(View):
    template_name = "jobclubs/seat_cancel.html"

    def get(self, request, public_id):
        seat = _own_seat(request, public_id)
        return render(request, self.template_name, {"seat": seat, "form": SeatCancelForm()})

    def post(self, request, public_id):
        club = _bookable_club(request, public_id)
        seat = selectors.last_seat(club=club, citizen=request.user.citizen)
        if seat is None:
            raise Http404
        form = SeatCancelForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.seat_cancel(seat=seat, actor=request.user)
        ):
            messages.success(request, _("Your seat is cancelled."))
            return redirect("jobclubs:list")
        return render(request, self.template_name, {"seat": seat, "form": form}, status=400)


class SeatIcsView(View):
    def get(self, request, public_id):
        seat = _own_seat(request, public_id)
        response = HttpResponse(seat_ics(seat), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="jobklub.ics"'
        return response
