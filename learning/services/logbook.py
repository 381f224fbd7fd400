"""Writes of the consultant's logbook: an entry written in the logbook, edited, shared with the
learning group or made private again, deleted; and the self-rating at the end of the
conversation guide, which is the consultant's logbook entry on that conversation.

An entry belongs to its writer alone (`logbook_entry.edit`); a conversation it links must be
the writer's own, and each conversation has at most one entry per consultant (the database
holds that too)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import User
from booking.models import Booking
from centres.models import Team
from common.forms import validate_no_html
from common.services import model_update
from learning.models import LogbookEntry, Technique
from learning.selectors.logbook import LOGGABLE_STATUSES

#: The most characters in one of an entry's texts.
TEXT_MAX = 2000
TEXT_FIELDS = ("what_happened", "reflection", "next_step")


def _texts(errors: dict, **texts: str) -> dict[str, str]:
    cleaned = {}
    for field, value in texts.items():
        value = (value or "").strip()
        if len(value) > TEXT_MAX:
            errors[field] = _("Please keep it under %(limit)d characters.") % {"limit": TEXT_MAX}
        try:
            validate_no_html(value)
        except ValidationError as error:
            errors[field] = error.messages
        cleaned[field] = value
    return cleaned


def _check_score(errors: dict, score: int) -> None:
    if not isinstance(score, int) or not 1 <= score <= 10:
        errors["score"] = _("Choose a number from 1 to 10.")


def _check_technique(
    errors: dict, technique: Technique | None, team_id: int | None, current_id: int | None
) -> None:
    """A technique of the team, being trained (a retired one an entry already has may stay)."""
    if technique is None:
        return
    if technique.team_id != team_id or (not technique.active and technique.pk != current_id):
        errors["technique"] = _("Choose one of your team's techniques.")


def _check_booking(
    errors: dict, booking: Booking | None, consultant: User, entry: LogbookEntry | None
) -> None:
    if booking is None or (entry is not None and booking.pk == entry.booking_id):
        return
    if booking.consultant_id != consultant.pk or booking.status not in LOGGABLE_STATUSES:
        errors["booking"] = _("Choose one of your own conversations.")
        return
    others = LogbookEntry.objects.filter(consultant=consultant, booking=booking)
    if entry is not None:
        others = others.exclude(pk=entry.pk)
    if others.exists():
        errors["booking"] = _("You already have a logbook entry on this conversation.")


def _check_date(errors: dict, day: date, today: date) -> None:
    if day > today:
        errors["date"] = _("The date cannot be in the future.")


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _duplicate() -> ValidationError:
    return ValidationError(
        {"booking": _("You already have a logbook entry on this conversation.")},
        code="duplicate",
    )


def logbook_entry_create(
    *,
    consultant: User,
    date: date,
    score: int,
    technique: Technique | None = None,
    booking: Booking | None = None,
    what_happened: str = "",
    reflection: str = "",
    next_step: str = "",
    shared: bool = False,
    today: date | None = None,
) -> LogbookEntry:
    """A new entry in the consultant's own logbook, private unless `shared`."""
    policy.require(consultant, "learning.use")
    errors: dict = {}
    _check_date(errors, date, today or timezone.localdate())
    _check_score(errors, score)
    _check_technique(errors, technique, consultant.team_id, None)
    _check_booking(errors, booking, consultant, None)
    texts = _texts(errors, what_happened=what_happened, reflection=reflection, next_step=next_step)
    _raise(errors)
    try:
        with transaction.atomic():
            return LogbookEntry.objects.create(
                consultant=consultant,
                date=date,
                score=score,
                technique=technique,
                booking=booking,
                shared=shared,
                **texts,
            )
    except IntegrityError:
        raise _duplicate() from None


def logbook_entry_update(
    *,
    entry: LogbookEntry,
    actor: User,
    date: date,
    score: int,
    technique: Technique | None,
    booking: Booking | None,
    what_happened: str,
    reflection: str,
    next_step: str,
    shared: bool,
    today: date | None = None,
) -> LogbookEntry:
    policy.require(actor, "logbook_entry.edit", entry)
    errors: dict = {}
    _check_date(errors, date, today or timezone.localdate())
    _check_score(errors, score)
    _check_technique(errors, technique, entry.consultant.team_id, entry.technique_id)
    _check_booking(errors, booking, entry.consultant, entry)
    texts = _texts(errors, what_happened=what_happened, reflection=reflection, next_step=next_step)
    _raise(errors)
    entry.date, entry.score, entry.technique, entry.booking = date, score, technique, booking
    entry.shared = shared
    model_update(instance=entry, data=texts)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise _duplicate() from None
    return entry


def logbook_entry_share(*, entry: LogbookEntry, actor: User, shared: bool) -> LogbookEntry:
    """Shares the entry with the learning group, or makes it private again. Naming the wanted
    state (not toggling) makes a repeated click harmless."""
    policy.require(actor, "logbook_entry.edit", entry)
    if entry.shared != shared:
        entry.shared = shared
        entry.save(update_fields=["shared", "updated_at"])
    return entry


def logbook_entry_delete(*, entry: LogbookEntry, actor: User) -> None:
    policy.require(actor, "logbook_entry.edit", entry)
    entry.delete()


def rating_team(*, booking: Booking, actor: User) -> Team | None:
    """Whose techniques the self-rating offers: the conversation's consultant's team, or the
    team of a team leader who stepped in and rates the conversation they held."""
    if actor.pk == booking.consultant_id:
        return booking.consultant.team
    return actor.team


@transaction.atomic
def logbook_rate_conversation(
    *,
    booking: Booking,
    actor: User,
    score: int,
    technique: Technique | None = None,
    reflection: str = "",
    what_happened: str = "",
    next_step: str = "",
) -> LogbookEntry:
    """The self-rating at the end of the conversation guide: writes, or revises, the actor's
    logbook entry on the conversation (dated the conversation's day, private until shared).

    The guide's form has no "what happened": revising keeps what the consultant wrote there in
    the logbook unless a new text is given."""
    policy.require(actor, "conversation.run", booking)
    entry = (
        LogbookEntry.objects.select_for_update().filter(consultant=actor, booking=booking).first()
    )
    team = rating_team(booking=booking, actor=actor)
    errors: dict = {}
    _check_score(errors, score)
    _check_technique(
        errors, technique, team.pk if team else None, entry.technique_id if entry else None
    )
    texts = _texts(errors, what_happened=what_happened, reflection=reflection, next_step=next_step)
    _raise(errors)
    values = {"score": score, "technique": technique, **texts}
    if entry is None:
        try:
            with transaction.atomic():
                return LogbookEntry.objects.create(
                    consultant=actor,
                    booking=booking,
                    date=timezone.localdate(booking.start),
                    from_guide=True,
                    **values,
                )
        except IntegrityError:  # rated twice at once: this one revises the first
            entry = LogbookEntry.objects.select_for_update().get(consultant=actor, booking=booking)
    if not values["what_happened"]:
        del values["what_happened"]
    model_update(instance=entry, data=values)
    entry.save(update_fields=[*values, "updated_at"])
    return entry
