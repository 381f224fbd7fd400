"""An observation after it is agreed: the citizen's consent, the feedback with the team's
template and the observed consultant's acknowledgement."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from learning.models import (
    ConsentMethod,
    Observation,
    ObservationStatus,
)
from learning.services.observations.requests import (
    NOT_HELD,
    TEXT_MAX,
    Answer,
    _locked,
    _refuse,
    _require,
    _tell,
    _text,
    conversation_label,
)


@transaction.atomic
def observation_consent(
    *,
    observation: Observation,
    actor: User,
    method: str,
    confirmed: bool,
    now: datetime | None = None,
) -> Observation:
    """The observed consultant records that the citizen said yes to the observer, before the
    conversation ends and once the observer has accepted. Recording it twice changes nothing."""
    now = now or timezone.now()
    _require(actor, "observation.manage", observation)
    _locked(observation)
    if observation.consent_at is not None:
        return observation
    if observation.status == ObservationStatus.REQUESTED:
        raise _refuse(_("Your colleague has not accepted yet. Record the consent once they have."))
    if observation.status != ObservationStatus.ACCEPTED:
        raise _refuse(_("Consent can only be recorded for an accepted observation."))
    booking = observation.booking
    if booking.end <= now or booking.status in NOT_HELD:
        raise _refuse(
            _(
                "Consent must be recorded before the conversation ends. The conversation has "
                "ended, so it can no longer be observed."
            )
        )
    errors: dict[str, str] = {}
    if method not in ConsentMethod.values:
        errors["method"] = _("Please choose how the citizen gave consent.")
    if not confirmed:
        errors["confirmed"] = _("Please confirm that the citizen has said yes.")
    if errors:
        raise ValidationError(errors, code="required")
    observation.consent_at = now
    observation.consent_method = method
    observation.consent_recorded_by = actor
    observation.save(update_fields=["consent_at", "consent_method", "consent_recorded_by"])
    return observation


def feedback_refusal(observation: Observation, *, now: datetime) -> str:
    """Why the observer cannot give feedback now ("" when they can). The feedback page says it
    before the form is filled in; `observation_feedback` refuses with it."""
    if observation.status in (ObservationStatus.FEEDBACK_GIVEN, ObservationStatus.ACKNOWLEDGED):
        return _("Feedback has already been given. It cannot be changed.")
    if observation.status == ObservationStatus.REQUESTED:
        return _("Accept the request first: feedback is given after you have observed.")
    if observation.status != ObservationStatus.ACCEPTED:
        return _("The observation was declined or cancelled, so no feedback can be given.")
    if observation.consent_at is None:
        return _(
            "The citizen's consent is not recorded. Feedback can be given only when the "
            "observed colleague has recorded the consent."
        )
    if observation.booking.status in NOT_HELD:
        return _("The conversation did not take place, so there is nothing to give feedback on.")
    if observation.booking.start > now:
        return _("Feedback can be given once the conversation has begun.")
    return ""


@transaction.atomic
def observation_feedback(
    *,
    observation: Observation,
    actor: User,
    answers: list[Answer],
    went_well: str,
    try_next: str,
    now: datetime | None = None,
) -> Observation:
    """The observer's feedback with the team's template: the questions as asked with their
    (optional) answers, and always one thing that went well and one to try next time. Given
    once; the observed consultant is told."""
    now = now or timezone.now()
    _require(actor, "observation.answer", observation)
    _locked(observation)
    refusal = feedback_refusal(observation, now=now)
    if refusal:
        raise _refuse(refusal)
    errors: dict[str, str] = {}
    texts: dict[str, str] = {}
    for field, value, missing in (
        ("went_well", went_well, _("Please write one thing that went well.")),
        ("try_next", try_next, _("Please write one thing to try next time.")),
    ):
        try:
            texts[field] = _text(value, field=field, limit=TEXT_MAX, required_message=missing)
        except ValidationError as error:
            errors[field] = error.message_dict[field][0]
    if any(len(a.answer.strip()) > TEXT_MAX for a in answers):
        errors["__all__"] = _("Please write at most %(limit)s characters.") % {"limit": TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    observation.answers = [
        {"question": a.question.strip(), "answer": a.answer.strip()} for a in answers
    ]
    observation.went_well = texts["went_well"]
    observation.try_next = texts["try_next"]
    observation.feedback_at = now
    observation.status = ObservationStatus.FEEDBACK_GIVEN
    observation.save(update_fields=["answers", "went_well", "try_next", "feedback_at", "status"])
    _tell(
        observation,
        recipient=observation.observed,
        event="feedback",
        subject=lambda: _("%(name)s has given you feedback") % {"name": actor.name},
        body=lambda: (
            _(
                "%(name)s has given you feedback on your conversation %(conversation)s. Read it "
                "and acknowledge it."
            )
            % {"name": actor.name, "conversation": conversation_label(observation.booking)}
        ),
        now=now,
    )
    return observation


@transaction.atomic
def observation_acknowledge(
    *, observation: Observation, actor: User, thoughts: str = "", now: datetime | None = None
) -> Observation:
    """The observed consultant has read the feedback, with their own thoughts if they like.
    Acknowledging twice keeps the first."""
    now = now or timezone.now()
    _require(actor, "observation.manage", observation)
    _locked(observation)
    if observation.status == ObservationStatus.ACKNOWLEDGED:
        return observation
    if observation.status != ObservationStatus.FEEDBACK_GIVEN:
        raise _refuse(_("There is no feedback to acknowledge yet."))
    observation.acknowledgement = _text(thoughts, field="thoughts", limit=TEXT_MAX)
    observation.acknowledged_at = now
    observation.status = ObservationStatus.ACKNOWLEDGED
    observation.save(update_fields=["acknowledgement", "acknowledged_at", "status"])
    return observation
