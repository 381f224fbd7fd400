"""Writes of observations: a colleague or the team leader sits in on a coming conversation and
gives feedback with the team's template. Each transition is a named function that locks the
row, checks the actor and the status, and refuses with a Danish message otherwise:

    requested -accept-> accepted -(consent recorded) feedback-> feedback_given -acknowledge->
    acknowledged
    requested -decline-> declined;   requested, accepted -cancel-> cancelled

The citizen's consent is a step within "accepted": the observed consultant records it before the
conversation ends, and feedback needs it (the database refuses feedback without consent too).
Every message to a colleague describes the conversation by date, time, topic and mode only."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts import policy
from accounts.models import Role, User
from booking.models import Booking
from booking.models import Status as BookingStatus
from common.db import lock
from learning.models import (
    ConsentMethod,
    Observation,
    ObservationStatus,
    Technique,
)
from notifications.services import notify

#: A conversation can be chosen for an observation this far ahead.
REQUEST_WEEKS_AHEAD = 6
#: Staff who can sit in on a colleague's conversation (accounts.policy.LEARNING_ROLES).
OBSERVER_ROLES = (Role.JOB_CONSULTANT, Role.TEAM_LEADER)
#: What the observed consultant cancels with when the citizen does not want an observer.
#: Stored as data in the centre's language, like the method's default techniques.
CITIZEN_SAID_NO = "Borgeren sagde nej"
MESSAGE_MAX = 500
REASON_MAX = 300
TEXT_MAX = 4000
#: Conversations that did not take place, so nobody observed them.
NOT_HELD = (
    BookingStatus.NO_SHOW,
    BookingStatus.CANCELLED_BY_CITIZEN,
    BookingStatus.CANCELLED_BY_CENTRE,
)


@dataclass(frozen=True)
class Answer:
    """One question of the team's template as it was asked, and the observer's answer."""

    question: str
    answer: str


def conversation_label(booking: Booking) -> str:
    """ "12. november kl. 10.00 · Jobsøgning · Fremmøde": never the citizen."""
    local = timezone.localtime(booking.start)
    when = _("%(date)s at %(time)s") % {
        "date": formats.date_format(local, "j. F"),
        "time": local.strftime("%H.%M"),
    }
    return " · ".join([when, booking.topic.name, str(booking.get_mode_display())])


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="not_allowed")


def _locked(observation: Observation) -> Observation:
    """The observation's row, locked, with its conversation as it is now (it may have been
    moved or cancelled since the page was read)."""
    return lock(observation, "booking__topic", "booking__room")


def _require(actor: User, action: str, observation: Observation) -> None:
    if not policy.can(actor, action, observation):
        raise PermissionDenied(action)


def _text(value: str, *, field: str, limit: int, required_message: str = "") -> str:
    value = (value or "").strip()
    if required_message and not value:
        raise ValidationError({field: required_message}, code="required")
    if len(value) > limit:
        raise ValidationError(
            {field: _("Please write at most %(limit)s characters.") % {"limit": limit}},
            code="max_length",
        )
    return value


def _link(observation: Observation) -> str:
    return settings.SITE_URL + reverse("learning:observation", args=[observation.pk])


def _tell(observation: Observation, *, recipient: User, event: str, subject, body, now) -> None:
    """One message per observation and event; the texts are built in Danish."""
    with override("da"):
        notify(
            recipient=recipient,
            key=f"learning:observation:{observation.pk}:{event}",
            subject=str(subject()),
            body="\n\n".join(
                [str(body()), _("See the observation: %(url)s") % {"url": _link(observation)}]
            ),
            now=now,
        )


def observer_allowed(*, observed: User, observer: User) -> bool:
    """An active colleague of the same job centre who trains the method too (has a team)."""
    return (
        observer.pk != observed.pk
        and observer.is_active
        and observer.job_centre_id == observed.job_centre_id
        and observer.role in OBSERVER_ROLES
        and policy.can(observer, "learning.use")
    )


def observation_request(
    *,
    observed: User,
    booking: Booking,
    observer: User,
    technique: Technique | None = None,
    message: str = "",
    now: datetime | None = None,
) -> Observation:
    """`observed` asks `observer` to sit in on `booking`, one of their own coming conversations.
    The observer is told (without anything about the citizen)."""
    now = now or timezone.now()
    if not policy.can(observed, "learning.use"):
        raise PermissionDenied("learning.use")
    errors: dict[str, str] = {}
    if booking.consultant_id != observed.pk or booking.job_centre_id != observed.job_centre_id:
        errors["booking"] = _("Please choose one of your own conversations.")
    elif booking.status != BookingStatus.BOOKED or booking.start <= now:
        errors["booking"] = _(
            "The conversation has already begun or is cancelled. Please choose a coming "
            "conversation."
        )
    elif booking.start > now + timedelta(weeks=REQUEST_WEEKS_AHEAD):
        errors["booking"] = _("Please choose a conversation within the next %(weeks)s weeks.") % {
            "weeks": REQUEST_WEEKS_AHEAD
        }
    if not observer_allowed(observed=observed, observer=observer):
        errors["observer"] = _(
            "Please choose a job consultant or team leader of your job centre, not yourself."
        )
    if technique is not None and (technique.team_id != observed.team_id or not technique.active):
        errors["technique"] = _("Please choose one of your team's techniques.")
    try:
        message = _text(message, field="message", limit=MESSAGE_MAX)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The booking is locked so a concurrent move or cancellation waits for this request.
        Booking.objects.select_for_update().filter(pk=booking.pk).first()
        try:
            with transaction.atomic():
                observation = Observation.objects.create(
                    booking=booking,
                    observed=observed,
                    observer=observer,
                    technique=technique,
                    message=message,
                )
        except IntegrityError:
            raise ValidationError(
                {
                    "observer": _("%(name)s is already asked to observe this conversation.")
                    % {"name": observer.name}
                },
                code="duplicate",
            ) from None
        _tell(
            observation,
            recipient=observer,
            event="requested",
            subject=lambda: (
                _("%(name)s asks you to observe a conversation") % {"name": observed.name}
            ),
            body=lambda: (
                _(
                    "%(name)s asks you to sit in on a conversation and give feedback: "
                    "%(conversation)s. Please accept or decline."
                )
                % {"name": observed.name, "conversation": conversation_label(booking)}
            ),
            now=now,
        )
    return observation


@transaction.atomic
def observation_accept(
    *, observation: Observation, actor: User, now: datetime | None = None
) -> Observation:
    """The observer will sit in. Accepting twice is harmless."""
    now = now or timezone.now()
    _require(actor, "observation.answer", observation)
    _locked(observation)
    if observation.status == ObservationStatus.ACCEPTED:
        return observation
    if observation.status != ObservationStatus.REQUESTED:
        raise _refuse(_("Only a request that has not been answered can be accepted."))
    if observation.booking.start <= now or observation.booking.status != BookingStatus.BOOKED:
        raise _refuse(_("The conversation has already begun or is cancelled."))
    observation.status = ObservationStatus.ACCEPTED
    observation.answered_at = now
    observation.save(update_fields=["status", "answered_at"])
    _tell(
        observation,
        recipient=observation.observed,
        event="accepted",
        subject=lambda: _("%(name)s will observe your conversation") % {"name": actor.name},
        body=lambda: (
            _(
                "%(name)s will sit in on your conversation %(conversation)s. Remember to ask the "
                "citizen for consent and record it before the conversation ends."
            )
            % {"name": actor.name, "conversation": conversation_label(observation.booking)}
        ),
        now=now,
    )
    return observation


@transaction.atomic
def observation_decline(
    *, observation: Observation, actor: User, reason: str, now: datetime | None = None
) -> Observation:
    """The observer cannot sit in, and says why. Possible until the conversation begins."""
    now = now or timezone.now()
    _require(actor, "observation.answer", observation)
    _locked(observation)
    if observation.status == ObservationStatus.DECLINED:
        return observation
    reason = _text(
        reason,
        field="reason",
        limit=REASON_MAX,
        required_message=_("Please write why you cannot observe the conversation."),
    )
    if observation.status not in (ObservationStatus.REQUESTED, ObservationStatus.ACCEPTED):
        raise _refuse(_("The observation can no longer be declined."))
    if observation.booking.start <= now:
        raise _refuse(_("The conversation has already begun."))
    observation.status = ObservationStatus.DECLINED
    observation.answered_at = now
    observation.decline_reason = reason
    observation.save(update_fields=["status", "answered_at", "decline_reason"])
    _tell(
        observation,
        recipient=observation.observed,
        event="declined",
        subject=lambda: _("%(name)s cannot observe your conversation") % {"name": actor.name},
        body=lambda: (
            _("%(name)s cannot sit in on your conversation %(conversation)s: %(reason)s")
            % {
                "name": actor.name,
                "conversation": conversation_label(observation.booking),
                "reason": reason,
            }
        ),
        now=now,
    )
    return observation


@transaction.atomic
def observation_cancel(
    *,
    observation: Observation,
    actor: User,
    reason: str = "",
    citizen_said_no: bool = False,
    now: datetime | None = None,
) -> Observation:
    """The observed consultant calls the observation off before any feedback, for instance
    because the citizen said no. The observer is told."""
    now = now or timezone.now()
    _require(actor, "observation.manage", observation)
    _locked(observation)
    if observation.status == ObservationStatus.CANCELLED:
        return observation
    reason = CITIZEN_SAID_NO if citizen_said_no else _text(reason, field="reason", limit=REASON_MAX)
    if observation.status not in (ObservationStatus.REQUESTED, ObservationStatus.ACCEPTED):
        raise _refuse(_("Only an observation without feedback can be cancelled."))
    observation.status = ObservationStatus.CANCELLED
    observation.decline_reason = reason
    observation.save(update_fields=["status", "decline_reason"])
    _tell(
        observation,
        recipient=observation.observer,
        event="cancelled",
        subject=lambda: _("The observation is cancelled"),
        body=lambda: (
            _("%(name)s has cancelled the observation of the conversation %(conversation)s.")
            % {"name": actor.name, "conversation": conversation_label(observation.booking)}
            + (f" {reason}." if reason else "")
        ),
        now=now,
    )
    return observation


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
