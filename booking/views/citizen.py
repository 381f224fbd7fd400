"""The citizen's own bookings: the list, one booking, moving and cancelling it, its calendar file
and its appointment card."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from booking import hooks
from booking.forms.citizen import CancelForm
from booking.ics import booking_ics
from booking.models import Booking
from booking.selectors import bookings as selectors
from booking.services import bookings as services
from booking.services.bookings import SlotTaken
from booking.views.book import Flow, _monday, apply_service_errors


def _own_booking(request, public_id, action: str) -> Booking:
    booking = selectors.booking_get(user=request.user, public_id=public_id)
    policy.require(request.user, action, booking)
    return booking


class MyBookingsView(View):
    def get(self, request):
        policy.require(request.user, "booking.book_own")
        citizen = request.user.citizen
        coming, past = selectors.citizen_bookings(citizen=citizen)
        return render(
            request,
            "booking/my_bookings.html",
            {
                "coming": coming,
                "past": past[:50],
                "open_deadlines": selectors.open_deadlines(citizen),
                "to_evaluate": {b.pk for b in hooks.pending_evaluations(citizen)},
                "elsewhere": hooks.coming_elsewhere(citizen, timezone.now()),
            },
        )


class BookingDetailView(View):
    """The receipt: what, when, where, with whom; calendar file, appointment card, and moving
    or cancelling while the cut-off allows. Staff have their own page (booking:staff_detail)."""

    def get(self, request, public_id):
        booking = _own_booking(request, public_id, "booking.change_own")
        deadline = services.change_deadline(booking)
        return render(
            request,
            "booking/detail.html",
            {
                "booking": booking,
                "change_deadline": deadline,
                "can_change": booking.status == "booked" and timezone.now() <= deadline,
            },
        )


class RescheduleView(View):
    """Choose a new time for the same topic: the week view, then a confirmation (POST)."""

    def _flow(self, request, booking) -> Flow:
        flow = Flow(
            request, booking.citizen, reverse("booking:reschedule", args=[booking.public_id])
        )
        flow.topic, flow.topics, flow.moving_id = booking.topic, [booking.topic], booking.pk
        # Whom booking offers (the citizen's team), and the one the citizen already meets.
        team = selectors.bookable_consultants(booking.topic, booking.citizen)
        current = [booking.consultant] if booking.consultant not in team else []
        flow.consultants = sorted([*team, *current], key=lambda c: c.name)
        wanted = request.GET.get("konsulent", str(booking.consultant_id))
        flow.consultant = next((c for c in flow.consultants if str(c.pk) == wanted), None)
        flow.consultant_chosen = True
        return flow

    def get(self, request, public_id):
        booking = _own_booking(request, public_id, "booking.change_own")
        flow = self._flow(request, booking)
        context = {"booking": booking, "flow": flow}
        if flow.time is not None:
            slot = flow.slot_at_time()
            if slot is None:
                messages.warning(request, _("The time is no longer free. Please choose another."))
                return redirect(flow.url(tid=None))
            context["slot"] = slot
        elif flow.week_wanted == "forste":
            slot = flow.first_free()
            if slot is not None:
                return redirect(flow.url(uge=_monday(timezone.localdate(slot.start)).isoformat()))
            messages.info(request, _("There are no free times for this topic right now."))
        else:
            flow.open_first_free_week()
        if flow.time is None:
            context.update(flow.week_context())
        return render(request, "booking/reschedule.html", context)

    def post(self, request, public_id):
        booking = _own_booking(request, public_id, "booking.change_own")
        flow = self._flow(request, booking)
        if flow.time is None:
            return redirect(flow.url())
        try:
            services.reschedule(
                booking=booking,
                start=flow.time,
                actor=request.user,
                consultant=flow.consultant,
                facilitator=hooks.facilitator(request),
            )
        except SlotTaken as taken:
            flow.time = None
            context = {"booking": booking, "flow": flow, "taken": True}
            context.update(flow.week_context(), alternatives=taken.alternatives)
            return render(request, "booking/reschedule.html", context, status=409)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("booking:detail", public_id=booking.public_id)
        messages.success(request, _("The conversation has been moved."))
        return redirect("booking:detail", public_id=booking.public_id)


class CancelView(View):
    def get(self, request, public_id):
        booking = _own_booking(request, public_id, "booking.change_own")
        return render(request, "booking/cancel.html", {"booking": booking, "form": CancelForm()})

    def post(self, request, public_id):
        booking = _own_booking(request, public_id, "booking.change_own")
        form = CancelForm(request.POST)
        if form.is_valid():
            try:
                services.cancel_by_citizen(booking=booking, actor=request.user)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("The conversation is cancelled."))
                return redirect("booking:list")
        return render(
            request, "booking/cancel.html", {"booking": booking, "form": form}, status=400
        )


class IcsView(View):
    def get(self, request, public_id):
        booking = _own_booking(request, public_id, "booking.change_own")
        response = HttpResponse(booking_ics(booking), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="samtale-jobcenter.ics"'
        return response


class CardView(View):
    """The printable appointment card (aftalekort)."""

    def get(self, request, public_id):
        booking = _own_booking(request, public_id, "booking.change_own")
        return render(request, "booking/card.html", {"booking": booking})
