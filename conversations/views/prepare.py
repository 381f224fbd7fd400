"""The preparation view ("Forbered samtale"): everything the consultant reads before a booked
conversation on one page, in a fixed number of queries (`conversations.preparation`)."""

from django.shortcuts import render
from django.utils import timezone
from django.views import View

from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from booking.models import Status
from conversations.preparation import preparation_for
from conversations.selectors import conversation_get

#: Statuses in which the conversation guide can be started from here.
GUIDE_STATUSES = (Status.BOOKED, Status.HELD)


class PrepareView(LogsCitizenLookup, View):
    """GET only. The booking's own consultant, or a team leader of its job centre; outside the
    job centre a 404. A cancelled conversation can still be opened (read-only as always)."""

    lookup_subject = Subject.PREPARATION
    lookup_purpose = Purpose.PREPARATION

    def get(self, request, public_id):
        booking = conversation_get(user=request.user, public_id=public_id)
        self.log_lookup(booking.citizen)
        prep = preparation_for(booking=booking, today=timezone.localdate())
        return render(
            request,
            "conversations/prepare.html",
            {
                "booking": booking,
                "citizen": booking.citizen,
                "prep": prep,
                "may_start_guide": booking.status in GUIDE_STATUSES,
            },
        )
