"""A citizen's job suggestions for the consultant: the weeks, how each suggestion was
answered and whether the check came in time. Read-only, and every look is logged."""

from django.shortcuts import render
from django.utils import timezone
from django.views import View

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from citizens.selectors import citizen_get
from suggestions import selectors


class CitizenSuggestionsView(LogsCitizenLookup, View):
    lookup_subject = Subject.SUGGESTIONS
    lookup_purpose = Purpose.FOLLOW_UP

    def get(self, request, citizen_id):
        citizen = citizen_get(user=request.user, public_id=citizen_id)
        policy.require(request.user, "suggestions.follow", citizen)
        self.log_lookup(citizen)
        today = timezone.localdate()
        batch_list = selectors.batches(citizen=citizen)
        return render(
            request,
            "suggestions/staff/citizen.html",
            {
                "citizen": citizen,
                "batches": batch_list,
                "summary": selectors.summary(batch_list, today),
                "today": today,
            },
        )
