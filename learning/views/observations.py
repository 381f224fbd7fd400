"""Observation and feedback pages: my observations (as observed and as observer), the request,
the observation's page with its next step, and the feedback form. A conversation is shown by
date, time, topic, mode and room only, so no page here shows anything about the citizen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.forms import create_once
from learning.forms.observations import (
    AcknowledgeForm,
    CancelForm,
    ConsentForm,
    DeclineForm,
    FeedbackForm,
    ObservationRequestForm,
)
from learning.models import ObservationStatus
from learning.selectors import observations as selectors
from learning.selectors.team_setup import feedback_questions_of, techniques_of
from learning.services import observations as services

LIST_URL = "learning:observations"


def _detail_url(observation) -> str:
    return reverse("learning:observation", args=[observation.pk])


class ObservationListView(View):
    def get(self, request):
        policy.require(request.user, "learning.use")
        today = timezone.localdate()
        return render(
            request,
            "learning/observations/list.html",
            {
                "lists": selectors.observation_lists(user=request.user, now=timezone.now()),
                "counts": selectors.my_feedback_counts(user=request.user, today=today),
            },
        )


class ObservationCreateView(View):
    """A consultant asks a colleague or the team leader to sit in on a coming conversation.
    `?samtale=<booking public id>` chooses the conversation beforehand (from the calendar)."""

    template_name = "learning/observations/form.html"

    def _form(self, request, data=None):
        user = request.user
        initial = {}
        chosen = request.GET.get("samtale")
        if chosen:
            initial["booking"] = chosen
        return ObservationRequestForm(
            data,
            initial=initial,
            bookings=selectors.bookings_to_observe(user=user, now=timezone.now()),
            observers=selectors.observer_choices(user=user),
            techniques=techniques_of(team=user.team),
        )

    def _render(self, request, form, status=200):
        has_bookings = form.fields["booking"].queryset.exists()  # type: ignore[attr-defined]
        context = {
            "form": form,
            "has_bookings": has_bookings,
            "weeks": services.REQUEST_WEEKS_AHEAD,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        policy.require(request.user, "learning.use")
        return self._render(request, self._form(request))

    def post(self, request):
        policy.require(request.user, "learning.use")
        form = self._form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data

            def create() -> str:
                observation = services.observation_request(
                    observed=request.user,
                    booking=data["booking"],
                    observer=data["observer"],
                    technique=data["technique"],
                    message=data["message"],
                )
                messages.success(
                    request,
                    _("%(name)s is asked to observe the conversation.")
                    % {"name": observation.observer.name},
                )
                return _detail_url(observation)

            url = create_once(request, form, create, reverse(LIST_URL))
            if url:
                return redirect(url)
        return self._render(request, form, status=400)


class _ObservationMixin:
    """Finds the observation among the user's own (else 404) and asks the policy (else 403)."""

    action = "observation.view"

    def dispatch(self, request, *args, **kwargs):
        self.observation = selectors.observation_get(user=request.user, pk=kwargs["pk"])
        policy.require(request.user, self.action, self.observation)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def render_detail(self, request, status=200, refusals=(), **forms):
        observation = self.observation
        user = request.user
        now = timezone.now()
        is_observed = observation.observed_id == user.pk
        context = {
            "observation": observation,
            "refusals": refusals,
            "is_observed": is_observed,
            "is_observer": observation.observer_id == user.pk,
            "step": selectors.next_step(observation, user=user, now=now),
            "Status": ObservationStatus,
            "conversation_over": observation.booking.end <= now,
            "conversation_started": observation.booking.start <= now,
            "answered": [a for a in observation.answers if a.get("answer")],
            "decline_form": forms.get("decline_form") or DeclineForm(prefix="decline"),
            "cancel_form": forms.get("cancel_form") or CancelForm(prefix="cancel"),
            "consent_form": forms.get("consent_form") or ConsentForm(prefix="consent"),
            "acknowledge_form": forms.get("acknowledge_form") or AcknowledgeForm(prefix="ack"),
        }
        return render(request, "learning/observations/detail.html", context, status=status)


class ObservationDetailView(_ObservationMixin, View):
    def get(self, request, pk):
        return self.render_detail(request)


class _TransitionView(_ObservationMixin, View):
    """A POST from the observation's page. A refusal is shown on the page with what the user
    typed (status 400); nothing is saved."""

    http_method_names = ["post"]
    form_class: type | None = None
    prefix = ""
    form_name = ""

    def call(self, form):
        raise NotImplementedError

    def done(self) -> str:
        raise NotImplementedError

    def post(self, request, pk):
        if self.form_class is None:
            try:
                self.call(None)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, self.done())
            return redirect(_detail_url(self.observation))
        form = self.form_class(request.POST, prefix=self.prefix)
        if form.is_valid():
            try:
                self.call(form)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    # Refused in this state: say why at the top; the form may not be shown.
                    return self.render_detail(request, status=400, refusals=error.messages)
                form.add_error(None, error)
            else:
                messages.success(request, self.done())
                return redirect(_detail_url(self.observation))
        return self.render_detail(request, status=400, **{self.form_name: form})


class ObservationAcceptView(_TransitionView):
    action = "observation.answer"

    def call(self, form):
        return services.observation_accept(
            observation=self.observation, actor=policy.signed_in(self.request.user)
        )

    def done(self) -> str:
        return _("You have accepted. Your colleague asks the citizen for consent.")


class ObservationDeclineView(_TransitionView):
    action = "observation.answer"
    form_class = DeclineForm
    prefix = "decline"
    form_name = "decline_form"

    def call(self, form):
        return services.observation_decline(
            observation=self.observation,
            actor=policy.signed_in(self.request.user),
            reason=form.cleaned_data["reason"],
        )

    def done(self) -> str:
        return _("You have declined. Your colleague is told.")


class ObservationCancelView(_TransitionView):
    action = "observation.manage"
    form_class = CancelForm
    prefix = "cancel"
    form_name = "cancel_form"

    def call(self, form):
        return services.observation_cancel(
            observation=self.observation,
            actor=policy.signed_in(self.request.user),
            reason=form.cleaned_data["reason"],
            citizen_said_no=form.cleaned_data["citizen_said_no"],
        )

    def done(self) -> str:
        return _("The observation is cancelled. Your colleague is told.")


class ObservationConsentView(_TransitionView):
    action = "observation.manage"
    form_class = ConsentForm
    prefix = "consent"
    form_name = "consent_form"

    def call(self, form):
        return services.observation_consent(
            observation=self.observation,
            actor=policy.signed_in(self.request.user),
            method=form.cleaned_data["method"],
            confirmed=form.cleaned_data["confirmed"],
        )

    def done(self) -> str:
        return _("The citizen's consent is recorded.")


class ObservationAcknowledgeView(_TransitionView):
    action = "observation.manage"
    form_class = AcknowledgeForm
    prefix = "ack"
    form_name = "acknowledge_form"

    def call(self, form):
        return services.observation_acknowledge(
            observation=self.observation,
            actor=policy.signed_in(self.request.user),
            thoughts=form.cleaned_data["thoughts"],
        )

    def done(self) -> str:
        return _("Thank you. The feedback is marked as read.")


class ObservationFeedbackView(_ObservationMixin, View):
    """The observer's feedback with the team's template. Before it can be given (no consent,
    the conversation not begun) the page says why and shows no form; given once, it is read on
    the observation's page."""

    action = "observation.answer"
    template_name = "learning/observations/feedback.html"

    def _form(self, data=None):
        team = self.observation.observed.team
        return FeedbackForm(data, questions=list(feedback_questions_of(team=team)))

    def _render(self, request, form, refusal="", status=200):
        context = {"observation": self.observation, "form": form, "refusal": refusal}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        if self.observation.status in (
            ObservationStatus.FEEDBACK_GIVEN,
            ObservationStatus.ACKNOWLEDGED,
        ):
            messages.info(request, _("Feedback has already been given. It cannot be changed."))
            return redirect(_detail_url(self.observation) + "#feedback")
        refusal = services.feedback_refusal(self.observation, now=timezone.now())
        return self._render(request, None if refusal else self._form(), refusal)

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid():

            def create() -> str:
                services.observation_feedback(
                    observation=self.observation,
                    actor=request.user,
                    answers=form.answers(),
                    went_well=form.cleaned_data["went_well"],
                    try_next=form.cleaned_data["try_next"],
                )
                messages.success(request, _("Thank you. Your colleague is told."))
                return _detail_url(self.observation) + "#feedback"

            url = create_once(request, form, create, _detail_url(self.observation))
            if url:
                return redirect(url)
        return self._render(request, form, status=400)
