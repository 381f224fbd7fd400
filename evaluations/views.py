"""The citizen's answer to "How did this conversation work for you today?", and the leaders'
overview of the answers in aggregate. No page shows a single answer."""

from typing import cast

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from accounts import policy
from accounts.models import User
from booking.models import Booking
from booking.selectors.bookings import booking_get
from common.small_numbers import MIN_CONSULTANTS
from evaluations import selectors, services
from evaluations.forms import EvaluationForm, PeriodForm
from evaluations.rules import DEFAULT_PERIOD_DAYS, EVALUATION_DAYS, PERIOD_DAYS
from evaluations.services import AlreadyAnswered, State


class GiveView(View):
    """The question for one of the citizen's own conversations, with its date and topic.

    A booking outside the citizen's own is a 404 (the policy's scope), and staff who can see
    it get a 403: only the citizen answers. A conversation of the citizen's own that was not
    held, or is more than EVALUATION_DAYS old, gets a page that explains why it cannot be
    evaluated: 200 when looked at, 403 when an answer is posted anyway. An answered one shows
    the thank-you; a second answer (double click, second tab) is thanked and saves nothing."""

    template_name = "evaluations/give.html"

    def _booking(self, request, public_id) -> Booking:
        booking = booking_get(user=request.user, public_id=public_id)
        policy.require(request.user, "booking.change_own", booking)
        return booking

    def _render(self, request, booking, state, form=None, *, already=False, status=200):
        return render(
            request,
            self.template_name,
            {
                "booking": booking,
                "state": state.value,
                "form": form,
                "already": already,
                "days": EVALUATION_DAYS,
                "last_day": services.last_day_to_answer(booking),
            },
            status=status,
        )

    def get(self, request, public_id):
        booking = self._booking(request, public_id)
        state = services.evaluation_state(booking)
        form = EvaluationForm() if state == State.OPEN else None
        return self._render(request, booking, state, form)

    def post(self, request, public_id):
        booking = self._booking(request, public_id)
        state = services.evaluation_state(booking)
        if state == State.ANSWERED:
            return self._render(request, booking, state, already=True)
        if state != State.OPEN:
            return self._render(request, booking, state, status=403)
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                services.evaluation_give(
                    booking=booking,
                    actor=cast(User, request.user),
                    score=form.cleaned_data["score"],
                    words=form.cleaned_data["words"],
                )
            except AlreadyAnswered:
                return self._render(request, booking, State.ANSWERED, already=True)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("evaluations:give", public_id=booking.public_id)
        return self._render(request, booking, state, form, status=400)


class OverviewView(View):
    """Leaders' overview: the centre and the teams they may see, over a chosen period.
    Only aggregates over at least the centre's threshold of answers; never per conversation or
    consultant."""

    def get(self, request):
        user = cast(User, request.user)
        policy.require(user, "evaluation.aggregate")
        days = DEFAULT_PERIOD_DAYS
        form = PeriodForm(request.GET) if "days" in request.GET else None
        if form is not None and form.is_valid():
            days = form.cleaned_data["days"]
        form = PeriodForm(initial={"days": days})
        first, last = selectors.period(days)
        rows = selectors.aggregate(user=user, first=first, last=last)
        return render(
            request,
            "evaluations/overview.html",
            {
                "form": form,
                "days": days,
                "periods": PERIOD_DAYS,
                "first": first,
                "last": last,
                "rows": rows,
                "with_words": [row for row in rows if row.words],
                "min_answers": selectors.threshold_of(user),
                "min_consultants": MIN_CONSULTANTS,
            },
        )
