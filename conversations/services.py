"""Writes of the conversation: the guide's notes (versioned per field), timeouts, finishing
the conversation, the journal note (draft, finalised, amended). The self-rating is the
consultant's logbook entry on the conversation: `learning.services.logbook`.

Every update names the version it was loaded with; a stale one raises `Conflict` carrying
what is saved now, so two people never overwrite each other without being told."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import User
from booking.models import Booking, Status
from booking.services import bookings as booking_services
from common.forms import validate_no_html
from conversations import selectors
from conversations.guide import PHASES, phases_with, text_keys
from conversations.models import (
    GUIDE_TEXT_MAX,
    GUIDE_TITLE_MAX,
    LINE_MAX,
    NOTE_MAX,
    Guide,
    GuideNote,
    GuideTemplate,
    JournalAmendment,
    JournalNote,
    NoteField,
    Timeout,
)


class Conflict(Exception):
    """Someone saved in between. `current` is what is saved now."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


def _check_text(value: str, limit: int, field: str = "text", required: bool = False) -> None:
    if required and not value.strip():
        raise ValidationError({field: _("Please write something.")}, code="required")
    if len(value) > limit:
        raise ValidationError(
            {field: _("Please keep it under %(limit)d characters.") % {"limit": limit}},
            code="max_length",
        )
    try:
        validate_no_html(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}, code="html") from None


def _require_run(actor: User, booking: Booking) -> None:
    policy.require(actor, "conversation.run", booking)


def guide_ensure(*, booking: Booking, actor: User) -> Guide:
    _require_run(actor, booking)
    guide, _created = Guide.objects.get_or_create(booking=booking, defaults={"started_by": actor})
    return guide


@transaction.atomic
def note_save(*, guide: Guide, field: str, text: str, version: int, actor: User) -> GuideNote:
    """Saves one prompt's note. `version` 0 means the person started from an empty field."""
    _require_run(actor, guide.booking)
    if field not in NoteField.values:
        raise ValidationError(_("Unknown field."), code="field")
    _check_text(text, NOTE_MAX)
    if version == 0:
        try:
            with transaction.atomic():
                return GuideNote.objects.create(
                    guide=guide, field=field, text=text, updated_by=actor
                )
        except IntegrityError:
            version = -1  # someone saved first: decided below
    rows = GuideNote.objects.filter(guide=guide, field=field, version=version).update(
        text=text, version=version + 1, updated_by=actor, updated_at=timezone.now()
    )
    note = GuideNote.objects.select_related("updated_by").get(guide=guide, field=field)
    if rows == 0:
        if note.updated_by_id != actor.pk:
            raise Conflict(note)
        # The person's own earlier save (an autosave still under way when the tab closed and
        # the beacon sent the rest): theirs to overwrite. Conflicts are between people.
        GuideNote.objects.filter(pk=note.pk).update(
            text=text, version=note.version + 1, updated_at=timezone.now()
        )
        note.refresh_from_db()
    return note


def timeout_add(*, guide: Guide, actor: User, note: str = "") -> Timeout:
    _require_run(actor, guide.booking)
    _check_text(note, LINE_MAX, "note")
    return Timeout.objects.create(guide=guide, note=note.strip(), created_by=actor)


@transaction.atomic
def guide_finish(*, guide: Guide, actor: User, now: datetime | None = None) -> Guide:
    """Ends the conversation: marks it held (the citizen is then asked to evaluate it)."""
    _require_run(actor, guide.booking)
    now = now or timezone.now()
    booking = guide.booking
    if booking.status != Status.HELD:
        booking_services.mark_outcome(booking=booking, status=Status.HELD, actor=actor, now=now)
    if guide.finished_at is None:
        Guide.objects.filter(pk=guide.pk, finished_at__isnull=True).update(finished_at=now)
        guide.refresh_from_db()
    return guide


def _editable(note: JournalNote) -> None:
    if note.is_final:
        raise PermissionDenied(_("A finalised journal note can only be amended."))


@transaction.atomic
def journal_save(*, booking: Booking, actor: User, text: str, version: int) -> JournalNote:
    """Saves the draft. `version` 0 creates it; a finalised note refuses (PermissionDenied)."""
    _require_run(actor, booking)
    _check_text(text, NOTE_MAX, required=True)
    if version == 0:
        try:
            with transaction.atomic():
                return JournalNote.objects.create(
                    booking=booking, text=text, author=actor, updated_by=actor
                )
        except IntegrityError:
            raise Conflict(JournalNote.objects.get(booking=booking)) from None
    note = JournalNote.objects.select_for_update().get(booking=booking)
    _editable(note)
    if note.version != version:
        raise Conflict(note)
    note.text, note.version, note.updated_by = text, version + 1, actor
    note.save(update_fields=["text", "version", "updated_by", "updated_at"])
    return note


@transaction.atomic
def journal_finalise(
    *, note: JournalNote, actor: User, version: int, now: datetime | None = None
) -> JournalNote:
    """Freezes the note as it was seen (the version); from now on it is only amended."""
    _require_run(actor, note.booking)
    note = JournalNote.objects.select_for_update().get(pk=note.pk)
    _editable(note)
    if note.version != version:
        raise Conflict(note)
    note.finalised_at, note.finalised_by = now or timezone.now(), actor
    note.save(update_fields=["finalised_at", "finalised_by", "updated_at"])
    return note


def journal_amend(*, note: JournalNote, actor: User, text: str) -> JournalAmendment:
    _require_run(actor, note.booking)
    if not JournalNote.objects.filter(pk=note.pk, finalised_at__isnull=False).exists():
        raise ValidationError(_("A draft is edited, not amended."), code="draft")
    _check_text(text, NOTE_MAX, required=True)
    return JournalAmendment.objects.create(note=note, text=text, author=actor)


def guide_template_save(*, job_centre, team, texts: dict[str, str], actor: User) -> GuideTemplate:
    """Saves a centre's (`team=None`) or a team's own guide texts. Every phase needs a title, a
    purpose and at least one prompt: an empty phase is refused and nothing is saved."""
    target = team if team is not None else job_centre
    policy.require(actor, "guide_template.edit", target)
    clean: dict[str, str] = {}
    for number, phase in enumerate(PHASES, start=1):
        keys = text_keys(phase)
        for key in keys:
            value = str(texts.get(key, "")).strip()
            limit = GUIDE_TITLE_MAX if key.endswith(".title") else GUIDE_TEXT_MAX
            if "\x00" in value or len(value) > limit:
                raise ValidationError(
                    _("Phase %(n)d: a text is too long or holds characters that cannot be saved.")
                    % {"n": number}
                )
            validate_no_html(value)
            clean[key] = value
        hints = [clean[prompt.field.value] for prompt in phase.prompts]
        if not (clean[f"{phase.key}.title"] and clean[f"{phase.key}.purpose"] and any(hints)):
            raise ValidationError(
                _(
                    "Phase %(n)d is empty. Give every phase a title, a purpose and at least one "
                    "prompt. Nothing was saved."
                )
                % {"n": number}
            )
    # Only what differs from the texts below is the team's or centre's own: the rest keeps
    # following the centre's (for a team) and the method's texts as they change.
    below = selectors.template_texts(job_centre_id=job_centre.pk, team_id=None)[0] if team else {}
    inherited = {
        key: str(text) for phase in phases_with(below) for key, text in text_keys(phase).items()
    }
    own = {key: value for key, value in clean.items() if value and value != inherited[key]}
    template, _created = GuideTemplate.objects.update_or_create(
        job_centre=job_centre, team=team, defaults={"texts": own, "updated_by": actor}
    )
    return template
