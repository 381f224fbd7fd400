"""Colleagues' additions and the business consultants' review of them ("Nyt fra kolleger").

A job consultant or team leader adds what they heard of (an opening, a company, a knowledge
note, an annual-wheel need); it is saved as proposed with who added it, and a business
consultant confirms it, corrects it (the ordinary edit pages), merges a tip into an opening
already on the board, or rejects it. Each step is a named service here; nothing sets `status`
by hand."""

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.db import lock
from labour import trends
from labour.access import CURATOR_ROLES
from labour.models import Company, ContributionStatus, JobOpening, KnowledgeNote

Status = ContributionStatus


class Duplicate(ValidationError):
    """The addition is already there: `existing` is the one to update instead."""

    def __init__(self, message: Any, *, existing: Model):
        super().__init__(message, code="duplicate")
        self.existing = existing


def status_for(user: User | None) -> str:
    """What a new addition by `user` starts as: a business consultant's (or an
    administrator's) is confirmed at once, a colleague's waits for review."""
    if user is None or user.role in CURATOR_ROLES:
        return Status.CONFIRMED
    return Status.PROPOSED


def _title_key(title: str) -> str:
    return " ".join((title or "").split()).casefold()


def opening_duplicate(opening: JobOpening, today: date) -> JobOpening | None:
    """An opening still on the board with the same company (or employer) and title (letter
    case and spaces aside, compared here: SQLite folds only ASCII letters)."""
    same_employer = (
        Q(company_id=opening.company_id)
        if opening.company_id
        else Q(company__isnull=True, employer_name__iexact=opening.employer_name.strip())
    )
    candidates = (
        JobOpening.objects.filter(job_centre_id=opening.job_centre_id)
        .filter(same_employer)
        .filter(Q(valid_through__isnull=True) | Q(valid_through__gte=today))
        .exclude(status__in=[Status.MERGED, Status.REJECTED])
        .exclude(pk=opening.pk)
        .select_related("company")
        .order_by("created_at", "pk")
    )
    key = _title_key(opening.title)
    return next((o for o in candidates if _title_key(o.title) == key), None)


def opening_check_new(opening: JobOpening, today: date) -> None:
    """A new opening must still be open to apply for and not already be on the board."""
    if opening.valid_through is not None and opening.valid_through < today:
        raise ValidationError(
            {"valid_through": _("The apply-by date has passed. Check the date in the ad.")},
            code="expired",
        )
    existing = opening_duplicate(opening, today)
    if existing is not None:
        raise Duplicate(
            _("“%(title)s” at %(employer)s is already on the board.")
            % {"title": existing.title, "employer": existing.employer},
            existing=existing,
        )


def company_duplicate(company: Company) -> Company | None:
    return (
        Company.objects.filter(job_centre_id=company.job_centre_id, cvr=company.cvr)
        .exclude(pk=company.pk)
        .first()
    )


# ---------- knowledge notes ----------


def knowledge_note_add(
    *, company: Company, actor: User, data: dict[str, str], now: datetime | None = None
) -> KnowledgeNote:
    """A colleague's note on a company. A business consultant's goes into the company's
    notes at once; anyone else's waits for review."""
    values = {name: (data.get(name) or "").strip() for name in KnowledgeNote.FIELDS}
    if not any(values.values()):
        raise ValidationError(_("Write at least one thing you know about the company."))
    note = KnowledgeNote.objects.create(
        company=company, added_by=actor, status=Status.PROPOSED, **values
    )
    if status_for(actor) == Status.CONFIRMED:
        contribution_confirm(item=note, actor=actor, now=now)
    return note


def _note_apply(note: KnowledgeNote) -> None:
    """Adds the note's text under the company's own notes, field by field."""
    company = lock(note.company)
    changed = []
    for name in KnowledgeNote.FIELDS:
        text = getattr(note, name)
        if text:
            before = getattr(company, name)
            setattr(company, name, f"{before}\n\n{text}" if before else text)
            changed.append(name)
    company.save(update_fields=[*changed, "updated_at"])


# ---------- review ----------


def _already(item: Any) -> str:
    name = item.reviewed_by.name if item.reviewed_by else ""
    if not name:
        return _("A colleague has already reviewed this.")
    if item.status == Status.CONFIRMED:
        return _("%(name)s has already confirmed it.") % {"name": name}
    if item.status == Status.REJECTED:
        return _("%(name)s has already rejected it.") % {"name": name}
    return _("%(name)s has already merged it into an opening on the board.") % {"name": name}


def _review(item: Any, actor: User, status: str, now: datetime | None) -> bool:
    """Marks the locked item reviewed. False when the same curator has done the same already
    (a double click): nothing more to do. A colleague's earlier review is refused by name."""
    if item.status != Status.PROPOSED:
        if item.status == status and item.reviewed_by_id == actor.pk:
            return False
        raise ValidationError(_already(item), code="reviewed")
    item.status = status
    item.reviewed_by = actor
    item.reviewed_at = now or timezone.now()
    item.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return True


def contribution_confirm(*, item: Any, actor: User, now: datetime | None = None) -> None:
    """Confirms an opening, company, note or wheel need; a note's text joins the company's."""
    item = lock(item)
    if not _review(item, actor, Status.CONFIRMED, now):
        return
    if isinstance(item, KnowledgeNote):
        _note_apply(item)
    if isinstance(item, JobOpening):
        # Recount from the periods it was posted in (a tip may wait a week for review).
        today = timezone.localdate(item.reviewed_at)
        since = max(
            min(trends.current_start(today), trends.current_start(item.date_posted)),
            trends.history_start(today),
        )
        trends.trends_compute(job_centre_id=item.job_centre_id, today=today, since=since)


def contribution_reject(*, item: Any, actor: User, now: datetime | None = None) -> None:
    """Rejects it; a rejected opening leaves the board at once (it was open through
    yesterday), so matching and the Tuesday mail leave it out too."""
    item = lock(item)
    if not _review(item, actor, Status.REJECTED, now):
        return
    if isinstance(item, JobOpening):
        _take_off(item, now)


def _take_off(opening: JobOpening, now: datetime | None) -> None:
    yesterday = timezone.localdate(now or timezone.now()) - timedelta(days=1)
    if opening.valid_through is None or opening.valid_through > yesterday:
        opening.valid_through = yesterday
        opening.save(update_fields=["valid_through", "updated_at"])


def opening_merge(
    *, opening: JobOpening, into: JobOpening, actor: User, now: datetime | None = None
) -> None:
    """A colleague's tip is an opening already on the board: the tip leaves the board and
    points at that one."""
    if into.pk == opening.pk or into.job_centre_id != opening.job_centre_id:
        raise ValidationError(_("Choose another opening of the job centre to merge into."))
    if into.status in (Status.MERGED, Status.REJECTED):
        raise ValidationError(_("That opening is no longer on the board."))
    opening = lock(opening)
    if not _review(opening, actor, Status.MERGED, now):
        return
    opening.merged_into = into
    opening.save(update_fields=["merged_into"])
    _take_off(opening, now)
