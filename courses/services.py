"""Writes of company-oriented courses. Each transition is a named function that checks it is
allowed now and refuses with a Danish message otherwise; each writes one line of history.

    draft -submit-> awaiting approval -both approve-> approved -start-> running -end-> ended
    draft, awaiting approval, approved --cancel--> cancelled

The agreement can be edited in draft and while awaiting approval; an edit bumps the version, so
an approval given to the earlier text no longer counts."""

import hashlib
import json
from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
from centres.models import JobCentre
from citizens.models import Citizen
from common.db import lock
from common.services import model_update
from courses import rules
from courses.models import (
    MAX_HOURS,
    MIN_HOURS,
    TEXT_MAX,
    Action,
    Course,
    CourseApproval,
    CourseEvent,
    Kind,
    Outcome,
    Party,
    Status,
)
from labour.models import Company, ContactPerson

#: Staff who may be the job centre's consultant on a course (accounts.policy.MATCHING_ROLES).
CONSULTANT_ROLES = (Role.JOB_CONSULTANT, Role.BUSINESS_CONSULTANT, Role.TEAM_LEADER)
#: A course is agreed at most this far ahead.
MAX_DAYS_AHEAD = 365
EDITABLE = (Status.DRAFT, Status.AWAITING_APPROVAL)
CANCELLABLE = (Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED)
NAME_MAX = 150
PHONE_MAX = 20


@dataclass(frozen=True)
class CourseTerms:
    """What the parties agree on: everything in the agreement except who the citizen and the
    company are (a course for someone else, or elsewhere, is a new course)."""

    kind: str
    starts_on: date
    ends_on: date
    hours_per_week: int
    tasks: str
    contact: ContactPerson | None
    mentor_name: str
    mentor_phone: str
    consultant: User


def conflict_error() -> ValidationError:
    return ValidationError(
        _(
            "The agreement has been changed since this page was opened. Read it again before "
            "you approve or save."
        ),
        code="conflict",
    )


def _day(value: date) -> str:
    return date_format(value, "j. F Y")


def _check_terms(*, terms: CourseTerms, citizen: Citizen, company: Company) -> None:
    """All the agreement's rules at once, each error on its field."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if terms.kind not in Kind.values:
        errors["kind"] = _("Please choose the kind of course.")
    if terms.ends_on < terms.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    elif terms.kind in Kind.values:
        weeks = rules.max_weeks(citizen=citizen, kind=terms.kind)
        if weeks is not None and (terms.ends_on - terms.starts_on).days + 1 > weeks * 7:
            errors["ends_on"] = _(
                "%(kind)s can last at most %(weeks)s weeks for this citizen. "
                "Choose an earlier last day."
            ) % {"kind": Kind(terms.kind).label, "weeks": weeks}
    if terms.starts_on > today + timedelta(days=MAX_DAYS_AHEAD):
        errors["starts_on"] = _("The first day may be at most a year ahead.")
    if not MIN_HOURS <= terms.hours_per_week <= MAX_HOURS:
        errors["hours_per_week"] = _("The hours per week must be from %(min)s to %(max)s.") % {
            "min": MIN_HOURS,
            "max": MAX_HOURS,
        }
    if not terms.tasks.strip():
        errors["tasks"] = _("Please describe the tasks.")
    elif len(terms.tasks) > TEXT_MAX:
        errors["tasks"] = _("Please write at most %(limit)s characters.") % {"limit": TEXT_MAX}
    if len(terms.mentor_name) > NAME_MAX:
        errors["mentor_name"] = _("Please write at most %(limit)s characters.") % {
            "limit": NAME_MAX
        }
    if len(terms.mentor_phone) > PHONE_MAX:
        errors["mentor_phone"] = _("Please write at most %(limit)s characters.") % {
            "limit": PHONE_MAX
        }
    if terms.contact is not None and terms.contact.company_id != company.pk:
        errors["contact"] = _("The contact must work at the company.")
    consultant = terms.consultant
    if (
        consultant.job_centre_id != citizen.job_centre_id
        or consultant.role not in CONSULTANT_ROLES
        or not consultant.is_active
    ):
        errors["consultant"] = _("Please choose a consultant of the job centre.")
    if errors:
        raise ValidationError(errors)


def agreement_hash(course: Course) -> str:
    """A fingerprint of the agreement as the parties read it."""
    text = {
        "citizen": course.citizen_id,
        "company": course.company_id,
        "kind": course.kind,
        "starts_on": course.starts_on.isoformat(),
        "ends_on": course.ends_on.isoformat(),
        "hours_per_week": course.hours_per_week,
        "tasks": course.tasks,
        "contact": course.contact_id,
        "mentor_name": course.mentor_name,
        "mentor_phone": course.mentor_phone,
        "consultant": course.consultant_id,
    }
    return hashlib.sha256(json.dumps(text, sort_keys=True).encode()).hexdigest()


def _record(course: Course, action: Action, actor: User, detail: str = "") -> None:
    CourseEvent.objects.create(course=course, action=action, actor=actor, detail=detail[:500])


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="not_allowed")


def _save(course: Course, *names: str) -> None:
    course.save(update_fields=[*names, "updated_at"])


@transaction.atomic
def course_create(
    *,
    job_centre: JobCentre,
    citizen: Citizen,
    company: Company,
    terms: CourseTerms,
    created_by: User,
) -> Course:
    errors: dict[str, str] = {}
    if citizen.job_centre_id != job_centre.pk:
        errors["citizen"] = _("Please choose a citizen of the job centre.")
    if company.job_centre_id != job_centre.pk:
        errors["company"] = _("Please choose one of the job centre's companies.")
    if errors:
        raise ValidationError(errors)
    _check_terms(terms=terms, citizen=citizen, company=company)
    course = Course.objects.create(
        job_centre=job_centre,
        citizen=citizen,
        company=company,
        created_by=created_by,
        **_fields(terms),
    )
    _record(course, Action.CREATED, created_by)
    return course


def _fields(terms: CourseTerms) -> dict:
    values = {f.name: getattr(terms, f.name) for f in fields(terms)}
    values["tasks"] = terms.tasks.strip()
    values["mentor_name"] = terms.mentor_name.strip()
    values["mentor_phone"] = terms.mentor_phone.strip()
    return values


@transaction.atomic
def course_update(*, course: Course, version: int, terms: CourseTerms, actor: User) -> Course:
    """Changes the agreement while it is a draft or awaiting approval. A real change bumps the
    version, so approvals already given no longer count; saving without a change is a no-op."""
    lock(course)
    if course.status not in EDITABLE:
        raise _refuse(_("The agreement can only be changed before it is approved."))
    if version != course.version:
        raise conflict_error()
    _check_terms(terms=terms, citizen=course.citizen, company=course.company)
    changed = model_update(instance=course, data=_fields(terms))
    if not changed:
        return course
    course.version += 1
    _save(course, *changed, "version")
    labels = ", ".join(
        str(getattr(Course._meta.get_field(name), "verbose_name", name)) for name in changed
    )
    _record(course, Action.UPDATED, actor, labels)
    return course


@transaction.atomic
def course_submit_for_approval(*, course: Course, actor: User) -> Course:
    lock(course)
    if course.status != Status.DRAFT:
        raise _refuse(_("Only a draft can be sent for approval."))
    course.status = Status.AWAITING_APPROVAL
    course.submitted_at = timezone.now()
    _save(course, "status", "submitted_at")
    _record(course, Action.SUBMITTED, actor)
    return course


@transaction.atomic
def course_approve(
    *, course: Course, party: str, by_user: User, by_name: str = "", version: int
) -> CourseApproval:
    """One party approves the version of the agreement it was shown. For the job centre the
    approver is `by_user`; for the company it is the contact named `by_name`, with `by_user`
    (who held the tablet) as witness. The second approval makes the course approved."""
    lock(course)
    if party not in Party.values:
        raise _refuse(_("Unknown party."))
    if course.status != Status.AWAITING_APPROVAL:
        raise _refuse(_("The agreement can only be approved while it is awaiting approval."))
    if version != course.version:
        raise conflict_error()
    if by_user.job_centre_id != course.job_centre_id or by_user.role not in CONSULTANT_ROLES:
        raise _refuse(_("Only the job centre's consultants can record an approval."))
    name = by_user.name if party == Party.JOB_CENTRE else by_name.strip()
    if not name:
        raise ValidationError(
            {"by_name": _("Please choose your name or write it.")}, code="required"
        )
    if len(name) > NAME_MAX:
        raise ValidationError(
            {"by_name": _("Please write at most %(limit)s characters.") % {"limit": NAME_MAX}}
        )
    try:
        with transaction.atomic():
            approval = CourseApproval.objects.create(
                course=course,
                party=party,
                version=course.version,
                agreement_hash=agreement_hash(course),
                approved_by_name=name,
                approved_by_user=by_user,
            )
    except IntegrityError:
        raise _refuse(
            _("%(party)s has already approved the agreement.") % {"party": Party(party).label}
        ) from None
    action = Action.APPROVED_COMPANY if party == Party.COMPANY else Action.APPROVED_JOB_CENTRE
    _record(course, action, by_user, name)
    approved_by = set(
        course.approvals.filter(version=course.version).values_list("party", flat=True)
    )
    if approved_by == set(Party.values):
        course.status = Status.APPROVED
        course.approved_at = timezone.now()
        _save(course, "status", "approved_at")
        _record(course, Action.APPROVED, by_user)
    return approval


@transaction.atomic
def course_start(*, course: Course, actor: User, on: date | None = None) -> Course:
    """The citizen has begun at the company: on `on` (default today), not before the first day."""
    lock(course)
    today = timezone.localdate()
    on = on or today
    if course.status != Status.APPROVED:
        raise _refuse(_("Only an approved course can start."))
    if on < course.starts_on:
        raise _refuse(
            _("The course cannot start before its first day, %(day)s.")
            % {"day": _day(course.starts_on)}
        )
    if on > today:
        raise _refuse(_("The course cannot be marked as started in the future."))
    if on > course.ends_on:
        raise _refuse(_("The course's period is over. Cancel it or make a new agreement."))
    course.status = Status.RUNNING
    course.started_on = on
    _save(course, "status", "started_on")
    _record(course, Action.STARTED, actor)
    return course


@transaction.atomic
def course_end(
    *, course: Course, actor: User, outcome: str, note: str = "", on: date | None = None
) -> Course:
    """The course is over (at its last day or earlier) and led to `outcome`. The end day
    defaults to today, or the last day when that has passed."""
    lock(course)
    today = timezone.localdate()
    on = on or min(today, course.ends_on)
    note = note.strip()
    if course.status != Status.RUNNING:
        raise _refuse(_("Only a running course can end."))
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Please choose what the course led to.")
    elif outcome == Outcome.OTHER and not note:
        errors["note"] = _("Please write what the course led to.")
    if len(note) > TEXT_MAX:
        errors["note"] = _("Please write at most %(limit)s characters.") % {"limit": TEXT_MAX}
    assert course.started_on is not None
    if on < course.started_on:
        errors["on"] = _("The course cannot end before it started (%(day)s).") % {
            "day": _day(course.started_on)
        }
    elif on > today:
        errors["on"] = _("The end day cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    course.status = Status.ENDED
    course.ended_on = on
    course.outcome = outcome
    course.outcome_note = note
    _save(course, "status", "ended_on", "outcome", "outcome_note")
    _record(course, Action.ENDED, actor, f"{Outcome(outcome).label}. {note}".strip())
    return course


@transaction.atomic
def course_cancel(*, course: Course, actor: User, reason: str) -> Course:
    """The course will not take place. A running course is ended instead, with its outcome."""
    lock(course)
    reason = reason.strip()
    if course.status not in CANCELLABLE:
        if course.status == Status.RUNNING:
            raise _refuse(_("A running course is ended, with its outcome, not cancelled."))
        raise _refuse(_("The course is already over."))
    if not reason:
        raise ValidationError({"reason": _("Please write why the course is cancelled.")})
    if len(reason) > TEXT_MAX:
        raise ValidationError(
            {"reason": _("Please write at most %(limit)s characters.") % {"limit": TEXT_MAX}}
        )
    course.status = Status.CANCELLED
    course.cancelled_at = timezone.now()
    course.cancel_reason = reason
    _save(course, "status", "cancelled_at", "cancel_reason")
    _record(course, Action.CANCELLED, actor, reason)
    return course
