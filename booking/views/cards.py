"""The hand-out after a conversation that ended with a booking deadline instead of a booking
(aftalekort): the agreed deadline and topic, how to book in three steps and where to get help.
The consultant prints it where the deadline is given; the citizen sees the same card on the
web."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views import View

from accounts import policy
from booking.models import BookingDeadline
from booking.selectors import bookings as selectors
from booking.views.staff import _CitizenPage
from centres.help_places import places_with_hours
from centres.models import JobCentre


def _help(centre: JobCentre) -> dict:
    """The card's "where to get help": the centre's contact and its help places' hours."""
    return {
        "centre": centre,
        "help_places": places_with_hours(centre.pk),
        "site_url": settings.SITE_URL,
    }


class OwnDeadlineCardView(View):
    """The citizen's own cards: one per open or missed deadline."""

    def get(self, request):
        policy.require(request.user, "booking.book_own")
        citizen = request.user.citizen
        context = {"items": list(selectors.open_deadlines(citizen)), "citizen": citizen}
        return render(
            request, "booking/deadline_card_own.html", {**context, **_help(citizen.job_centre)}
        )


class DeadlineCardView(_CitizenPage):
    """The card to print for the citizen, from the deadlines on the citizen's page."""

    action = "deadline.manage"

    def get(self, request, citizen_id, pk):
        citizen = self.citizen(request, citizen_id)
        item = get_object_or_404(
            BookingDeadline.objects.select_related("topic"), citizen=citizen, pk=pk
        )
        self.log_lookup(citizen)
        context = {"item": item, "citizen": citizen}
        return render(
            request, "booking/staff/deadline_card.html", {**context, **_help(citizen.job_centre)}
        )
