"""Writes for the citizens' evaluations: the answer itself, and the one reminder to give it.

An answer is stored as two unconnected rows in one transaction: an `EvaluationReceipt` (this
conversation has been answered, nothing about the answer) and an `Evaluation` (the answer,
with the job centre, the consultant's team and the day, but no conversation, citizen or
consultant). The receipt's unique booking decides a double answer, also between two requests
at the same moment."""

from datetime import date, datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts import policy
from accounts.models import User
from booking.models import Booking, Status
from common.forms import validate_no_html
from evaluations.models import WORDS_MAX, Evaluation, EvaluationReceipt
from evaluations.rules import EVALUATION_DAYS, REMINDER_LOOKBACK_DAYS
from notifications.models import Notification
from notifications.services import notify

REMINDER_KEY = "evaluation:{pk}"


class State(StrEnum):
    """Where a citizen's conversation stands with its evaluation."""

    OPEN = "open"
    ANSWERED = "answered"
    NOT_HELD = "not_held"
    CLOSED = "closed"


class AlreadyAnswered(ValidationError):
    """The conversation was answered already (a double click, a second tab): nothing is
    saved, and the citizen is thanked rather than told off."""

    def __init__(self) -> None:
        super().__init__(_("You have already answered. Thank you!"), code="answered")


def last_day_to_answer(booking: Booking) -> date:
    return timezone.localdate(booking.start) + timedelta(days=EVALUATION_DAYS)


def evaluation_state(booking: Booking, today: date | None = None) -> State:
    today = today or timezone.localdate()
    if EvaluationReceipt.objects.filter(booking=booking).exists():
        return State.ANSWERED
    if booking.status != Status.HELD:
        return State.NOT_HELD
    if today > last_day_to_answer(booking):
        return State.CLOSED
    return State.OPEN


def _check(booking: Booking, score: int, words: str, today: date) -> None:
    if booking.status != Status.HELD:
        raise ValidationError(
            _("Only a conversation that has been held can be evaluated."), code="not_held"
        )
    if today > last_day_to_answer(booking):
        raise ValidationError(
            _("The conversation was more than %(days)s days ago, so it can no longer be evaluated.")
            % {"days": EVALUATION_DAYS},
            code="closed",
        )
    errors: dict[str, list[ValidationError]] = {}
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 10:
        errors["score"] = [
            ValidationError(_("Choose a number from 1 to 10."), code="score"),
        ]
    if len(words) > WORDS_MAX:
        errors.setdefault("words", []).append(
            ValidationError(
                _("Please keep it to %(max)s characters (you wrote %(n)s).")
                % {"max": WORDS_MAX, "n": len(words)},
                code="max_length",
            )
        )
    try:
        validate_no_html(words)
    except ValidationError as error:
        errors.setdefault("words", []).append(error)
    if errors:
        raise ValidationError(errors)


def evaluation_give(
    *, booking: Booking, actor: User, score: int, words: str, today: date | None = None
) -> Evaluation:
    """The citizen's answer to "How did this conversation work for you today?" for their own
    held conversation, within EVALUATION_DAYS of it. Raises PermissionDenied for anyone but
    the booking's citizen, ValidationError (nothing saved) for a wrong score, too many words,
    HTML, a conversation not held or too long ago, and AlreadyAnswered for a second answer."""
    today = today or timezone.localdate()
    words = (words or "").strip()
    # Only the citizen's own booking (the rule of the booking's own pages); whether it can be
    # evaluated is then said in words, and the policy's rule is asked last, as the guard.
    policy.require(actor, "booking.change_own", booking)
    _check(booking, score, words, today)
    policy.require(actor, "evaluation.give", booking)
    if EvaluationReceipt.objects.filter(booking=booking).exists():
        raise AlreadyAnswered
    try:
        with transaction.atomic():
            EvaluationReceipt.objects.create(booking=booking)
            return Evaluation.objects.create(
                job_centre_id=booking.job_centre_id,
                team_id=booking.consultant.team_id,
                answered_on=today,
                score=score,
                words=words,
            )
    except IntegrityError:
        # The other request's receipt won: the unique booking decided.
        if EvaluationReceipt.objects.filter(booking=booking).exists():
            raise AlreadyAnswered from None
        raise


def _reminder_text(booking: Booking) -> tuple[str, str]:
    link = settings.SITE_URL + reverse("evaluations:give", args=[booking.public_id])
    day = formats.date_format(timezone.localtime(booking.start), "l j. F")
    subject = _("How did your conversation with the job centre go?")
    body = "\n".join(
        [
            _("Thank you for your conversation with the job centre on %(day)s.") % {"day": day},
            "",
            _("How did this conversation work for you today? Answer on a scale from 1 to 10:"),
            link,
            "",
            _("Your consultant never sees your answer. It takes a minute."),
        ]
    )
    return subject, body


def remind_to_evaluate(*, now: datetime | None = None) -> int:
    """Asks each citizen once, by e-mail and SMS as they can be reached, about a conversation
    marked held in the last REMINDER_LOOKBACK_DAYS that is still open for an answer. Returns
    how many citizens were asked now."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    opens_from = datetime.combine(
        today - timedelta(days=EVALUATION_DAYS),
        datetime.min.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    candidates = list(
        Booking.objects.filter(
            status=Status.HELD,
            status_changed_at__gte=now - timedelta(days=REMINDER_LOOKBACK_DAYS),
            start__gte=opens_from,
            evaluation_receipt__isnull=True,
            citizen__user__is_active=True,
        )
        .select_related("citizen__user__citizen")
        .order_by("pk")
    )
    keys = {b.pk: REMINDER_KEY.format(pk=b.pk) for b in candidates}
    asked = set(
        Notification.objects.filter(key__in=keys.values()).values_list("key", flat=True).distinct()
    )
    count = 0
    for booking in candidates:
        if keys[booking.pk] in asked:
            continue
        with override(settings.LANGUAGE_CODE):
            subject, body = _reminder_text(booking)
        if notify(
            recipient=booking.citizen.user,
            key=keys[booking.pk],
            about=keys[booking.pk],
            kind="evaluation",
            subject=subject,
            body=body,
            now=now,
        ):
            count += 1
    return count
