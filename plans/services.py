"""Writes to Min Plan. Every change goes through here, writes one line of history, and (for
the plan's own content) checks the version the form was loaded with, so an update made in
another tab or by someone else is never silently overwritten."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts import policy
from accounts.models import User
from citizens.models import Citizen
from joblog.models import Channel, PlanLetter
from notifications.services import notify
from occupations.models import Occupation
from plans.models import TEXT_MAX, TITLE_MAX, Agreement, Homework, JobTrack, Plan, PlanChange

#: Dates in a plan lie at most this far ahead (due dates, widening dates).
MAX_DAYS_AHEAD = 2 * 365
#: Occupations per list (a job plan, the required occupations).
MAX_OCCUPATIONS = 10
#: The fields of the plan the citizen edits on "Ret planen", in the order history names them.
PLAN_FIELDS = (
    "job_goal",
    "strategy",
    "required_searches",
    "required_period_days",
    "geography",
    "channels",
)


def conflict_error() -> ValidationError:
    return ValidationError(
        _(
            "The plan has been changed in another tab or by someone else since you opened it. "
            "See the changes and try again."
        ),
        code="conflict",
    )


def plan_ensure(*, citizen: Citizen) -> Plan:
    """The citizen's plan, created empty the first time it is needed."""
    plan, _created = Plan.objects.get_or_create(citizen=citizen)
    return plan


def _record(plan: Plan, actor: User, summary: str) -> None:
    PlanChange.objects.create(plan=plan, changed_by=actor, summary=summary[:500])


def _check_text(errors: dict, field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = _("Please write at most %(limit)s characters.") % {"limit": limit}


def _check_day(errors: dict, field: str, value: date | None, today: date, past_ok: int) -> None:
    """A date no more than two years ahead, and no further back than `past_ok` days."""
    if value is None:
        return
    if value > today + timedelta(days=MAX_DAYS_AHEAD):
        errors[field] = _("The date may be at most two years ahead.")
    elif value < today - timedelta(days=past_ok):
        errors[field] = _("The date is too far back.")


def _approval_after_change(plan: Plan, actor: User, now: datetime) -> None:
    """The one place that decides what a change does to the citizen's approval. The citizen
    approves what the job centre put in their plan; their own changes are theirs and keep it.
    A change by anyone else (agreements, homework, goal, strategy, Plan A/B/C) lapses it, and
    the citizen is asked, once per lapse, to look and approve again."""
    if actor.pk == plan.citizen.user_id:
        return
    lapsed = Plan.objects.filter(pk=plan.pk, approved_at__isnull=False).update(
        approved_at=None, approval_lapsed_at=now
    )
    if lapsed:
        with override("da"):
            notify(
                recipient=plan.citizen.user,
                key=f"plan:{plan.pk}:changed:{now.isoformat()}",
                subject=_("Your plan has been changed"),
                body=_(
                    "The job centre has changed your plan since you approved it. See what is "
                    "new and approve the plan again: %(link)s"
                )
                % {"link": settings.SITE_URL + reverse("plans:own") + "#approval"},
                now=now,
            )


def _bump(plan: Plan, version: int | None, actor: User, **fields) -> None:
    """A new version of the plan. With `version`, the version check: updates only the row the
    form was loaded from, else refuses. Without (agreements and homework, which no form of the
    plan edits), it only moves the version on, so an approval sent from the page as it was
    before is refused."""
    now = timezone.now()
    rows = Plan.objects.filter(pk=plan.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if rows.update(**fields, version=F("version") + 1, updated_at=now) == 0:
        raise conflict_error()
    _approval_after_change(plan, actor, now)
    plan.refresh_from_db()


def _labels(names: Iterable[str]) -> str:
    return ", ".join(str(getattr(Plan._meta.get_field(n), "verbose_name", n)) for n in names)


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    version: int,
    actor: User,
    job_goal: str,
    strategy: str,
    required_searches: int | None,
    required_period_days: int,
    geography: str,
    channels: list[str],
    required_occupations: list[Occupation],
) -> Plan:
    errors: dict[str, str] = {}
    _check_text(errors, "job_goal", job_goal, TITLE_MAX)
    _check_text(errors, "strategy", strategy, TEXT_MAX)
    _check_text(errors, "geography", geography, TITLE_MAX)
    if required_searches is not None and not 0 <= required_searches <= 50:
        errors["required_searches"] = _("Please give a number from 0 to 50.")
    if not 7 <= required_period_days <= 92:
        errors["required_period_days"] = _("Please give a number of days from 7 to 92.")
    if any(c not in Channel.values for c in channels):
        errors["channels"] = _("Please choose among the ways to search shown.")
    if len(required_occupations) > MAX_OCCUPATIONS:
        errors["required_occupations"] = _("Please choose at most %(n)s occupations.") % {
            "n": MAX_OCCUPATIONS
        }
    if errors:
        raise ValidationError(errors)
    new = {
        "job_goal": job_goal,
        "strategy": strategy,
        "required_searches": required_searches,
        "required_period_days": required_period_days,
        "geography": geography,
        "channels": sorted(set(channels), key=Channel.values.index),
    }
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    if current.version != version:
        raise conflict_error()
    changed = [name for name in PLAN_FIELDS if getattr(current, name) != new[name]]
    occupations = {o.pk for o in required_occupations}
    if occupations != set(current.required_occupations.values_list("pk", flat=True)):
        changed.append("required_occupations")
    if not changed:
        return current
    _bump(plan, version, actor, **new)
    plan.required_occupations.set(required_occupations)
    _record(plan, actor, _("Changed: %(fields)s.") % {"fields": _labels(changed)})
    return plan


@transaction.atomic
def track_update(
    *,
    plan: Plan,
    letter: str,
    version: int,
    actor: User,
    occupations: list[Occupation],
    description: str,
    widen_from: date | None,
    today: date | None = None,
) -> JobTrack:
    """Sets one of Plan A, B and C. Each plan's widening date comes after the one before."""
    if letter not in PlanLetter.values:
        raise ValueError(letter)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    _check_text(errors, "description", description, TEXT_MAX)
    _check_day(errors, "widen_from", widen_from, today, past_ok=365)
    if len(occupations) > MAX_OCCUPATIONS:
        errors["occupations"] = _("Please choose at most %(n)s occupations.") % {
            "n": MAX_OCCUPATIONS
        }
    others = {t.letter: t.widen_from for t in plan.tracks.exclude(letter=letter)}
    if widen_from and "widen_from" not in errors:
        before = [d for k, d in others.items() if k < letter and d]
        after = [d for k, d in others.items() if k > letter and d]
        if (before and widen_from <= max(before)) or (after and widen_from >= min(after)):
            errors["widen_from"] = _(
                "The dates must come in order: Plan A's first, then Plan B's, then Plan C's."
            )
    if errors:
        raise ValidationError(errors)
    track = JobTrack.objects.filter(plan=plan, letter=letter).first()
    old_occupations = set(track.occupations.values_list("pk", flat=True)) if track else set()
    new_occupations = {o.pk for o in occupations}
    changed = track is None or (
        old_occupations != new_occupations
        or track.description != description
        or track.widen_from != widen_from
    )
    if not changed:
        return track  # type: ignore[return-value]
    _bump(plan, version, actor)
    if track is None:
        track = JobTrack(plan=plan, letter=letter, set_at=today)
    if old_occupations != new_occupations or track.widen_from != widen_from:
        track.set_at = today
    track.description = description
    track.widen_from = widen_from
    track.save()
    track.occupations.set(occupations)
    names = ", ".join(o.title for o in occupations) or "-"
    _record(
        plan,
        actor,
        _("Plan %(letter)s set: %(occupations)s.") % {"letter": letter, "occupations": names},
    )
    return track


@transaction.atomic
def plan_approve(*, plan: Plan, version: int, actor: User, now: datetime | None = None) -> Plan:
    """The citizen approves the plan as they saw it (the version); a later change resets it."""
    now = now or timezone.now()
    rows = Plan.objects.filter(pk=plan.pk, version=version).update(
        approved_at=now, approval_lapsed_at=None
    )
    if rows == 0:
        raise conflict_error()
    plan.refresh_from_db()
    _record(plan, actor, _("The plan was approved."))
    return plan


@transaction.atomic
def homework_done(
    *, homework: Homework, actor: User, note: str, now: datetime | None = None
) -> Homework:
    errors: dict[str, str] = {}
    _check_text(errors, "note", note, TEXT_MAX)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    rows = Homework.objects.filter(pk=homework.pk, done_at__isnull=True).update(
        done_at=now, done_note=note
    )
    if rows == 0:
        raise ValidationError(_("The homework is already marked as done."), code="done")
    homework.refresh_from_db()
    _record(homework.plan, actor, _("Homework done: %(title)s.") % {"title": homework.title})
    return homework


def _require_staff(plan: Plan, author: User) -> None:
    if not policy.can(author, "job_search.read", plan.citizen):
        raise ValidationError(_("Only the citizen's job centre can write this."), code="staff")


def _require_begun(conversation, now: datetime | None) -> None:
    """Agreements and homework from a conversation are written once it has begun (its start
    time has come, as for marking it held), never while it is only booked."""
    if conversation is None:
        return
    if conversation.start > (now or timezone.now()):
        start = timezone.localtime(conversation.start)
        raise ValidationError(
            _(
                "Agreements and homework are written during the conversation: this one begins "
                "%(day)s at %(time)s."
            )
            % {"day": date_format(start, "l j. F"), "time": f"{start:%H.%M}"},
            code="not_begun",
        )


@transaction.atomic
def homework_add(
    *,
    plan: Plan,
    author: User,
    title: str,
    due: date,
    description: str = "",
    conversation=None,
    today: date | None = None,
    now: datetime | None = None,
) -> Homework:
    """Staff give homework at the end of a conversation; the citizen marks it done."""
    _require_staff(plan, author)
    _require_begun(conversation, now)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Please write what the homework is.")
    _check_text(errors, "title", title, TITLE_MAX)
    _check_text(errors, "description", description, TEXT_MAX)
    _check_day(errors, "due", due, today, past_ok=0)
    if errors:
        raise ValidationError(errors)
    homework = Homework.objects.create(
        plan=plan,
        title=title,
        description=description,
        due=due,
        created_by=author,
        conversation=conversation,
    )
    _bump(plan, None, author)
    _record(plan, author, _("New homework: %(title)s.") % {"title": title})
    return homework


@transaction.atomic
def agreement_add(
    *, plan: Plan, text: str, author: User, conversation=None, now: datetime | None = None
) -> Agreement:
    """An agreement from a conversation. Written by staff, read-only for the citizen."""
    _require_staff(plan, author)
    _require_begun(conversation, now)
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Please write the agreement.")
    _check_text(errors, "text", text, TEXT_MAX)
    if errors:
        raise ValidationError(errors)
    agreement = Agreement.objects.create(
        plan=plan, text=text, created_by=author, conversation=conversation
    )
    _bump(plan, None, author)
    _record(plan, author, _("New agreement: %(text)s") % {"text": text[:200]})
    return agreement
