"""Reads of a conversation for the guide and the journal page, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import User
from booking.models import Booking
from conversations.guide import Phase, phases_with
from conversations.models import Guide, GuideNote, GuideTemplate, JournalNote, NoteField, Timeout
from plans.models import Agreement, Homework


def conversation_get(*, user: User, public_id) -> Booking:
    """A booking the user may run as a conversation: outside the job centre 404, a role or a
    colleague's conversation that is not theirs 403."""
    booking = get_object_or_404(
        policy.visible_to(user, "bookings").select_related(
            "citizen__user", "citizen__job_centre", "topic", "consultant", "room"
        ),
        public_id=public_id,
    )
    policy.require(user, "conversation.run", booking)
    return booking


def template_texts(*, job_centre_id: int, team_id: int | None) -> tuple[dict, dict]:
    """The centre's and the team's own guide texts (empty where none is written); one query."""
    found = {
        t.team_id: t.texts
        for t in GuideTemplate.objects.filter(
            Q(team__isnull=True) | Q(team_id=team_id), job_centre_id=job_centre_id
        )
    }
    return found.get(None, {}), found.get(team_id, {}) if team_id else {}


def guide_phases(booking: Booking) -> tuple[Phase, ...]:
    """The phases a conversation runs by: the method's, with its consultant's centre's and
    team's own texts laid over (the team's win). One query."""
    centre, team = template_texts(
        job_centre_id=booking.job_centre_id, team_id=booking.consultant.team_id
    )
    return phases_with(centre, team)


@dataclass
class Outputs:
    """What the conversation has produced so far: the progression bearing in view."""

    agreements: list[Agreement] = field(default_factory=list)
    homework: list[Homework] = field(default_factory=list)
    timeouts: list[Timeout] = field(default_factory=list)


def outputs(booking: Booking, guide: Guide | None) -> Outputs:
    return Outputs(
        agreements=list(Agreement.objects.filter(conversation=booking).order_by("created_at")),
        homework=list(Homework.objects.filter(conversation=booking).order_by("due", "pk")),
        timeouts=list(guide.timeouts.select_related("created_by")) if guide else [],
    )


def notes_by_field(guide: Guide | None) -> dict[str, GuideNote]:
    if guide is None:
        return {}
    return {n.field: n for n in guide.notes.select_related("updated_by")}


def guide_of(booking: Booking) -> Guide | None:
    return Guide.objects.filter(booking=booking).first()


def journal_of(booking: Booking) -> JournalNote | None:
    return (
        JournalNote.objects.filter(booking=booking)
        .select_related("author", "updated_by", "finalised_by")
        .prefetch_related("amendments__author")
        .first()
    )


def draft_from_guide(notes: dict[str, GuideNote], made: Outputs) -> str:
    """A first draft of the journal note from what the guide holds, for the consultant to edit."""
    lines = []
    for value, label in NoteField.choices:
        note = notes.get(value)
        if note and note.text.strip():
            lines.append(f"{label}: {note.text.strip()}")
    if made.agreements:
        lines += [str(_("Agreements:")), *(f"- {a.text}" for a in made.agreements)]
    if made.homework:
        lines += [str(_("Homework:")), *(f"- {h.title} ({h.due:%d.%m.%Y})" for h in made.homework)]
    return "\n".join(lines)
