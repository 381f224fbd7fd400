"""An observation asked for and settled before the conversation: the rules of who may observe,
the request, its acceptance, refusal or cancellation, and the messages to the colleagues."""

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
