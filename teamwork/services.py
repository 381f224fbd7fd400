"""Writes for the cooperation between job and business consultants. Callers have asked the
policy; these keep every record inside the caller's job centre."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.db import lock
from teamwork.models import CitizenRequest, FollowUp, JointMeeting, PartnerPair, StandingMeeting


def standing_meeting_set(*, user: User, data: dict[str, Any]) -> StandingMeeting:
    """The centre's (or the team leader's team's) weekly meeting: its day, time and place."""
    data = dict(data)
    team_id = data.pop("team_id", None)
    meeting, _created = StandingMeeting.objects.update_or_create(
        job_centre=user.job_centre, team_id=team_id, defaults=data
    )
    return meeting


@transaction.atomic
def minutes_save(
    *, standing: StandingMeeting, user: User, held_on: date, minutes: str
) -> JointMeeting:
    """The minutes of the meeting on `held_on` (made on first save; a second writer on the same
    day edits the same meeting)."""
    try:
        with transaction.atomic():
            meeting, _created = JointMeeting.objects.get_or_create(
                standing=standing, held_on=held_on
            )
    except IntegrityError:  # two colleagues opened the same day's minutes at once
        meeting = JointMeeting.objects.get(standing=standing, held_on=held_on)
    meeting = lock(meeting)
    if minutes.strip():  # an empty box (a follow-up alone) keeps what is written
        meeting.minutes = minutes.strip()
        meeting.written_by = user
        meeting.save(update_fields=["minutes", "written_by", "updated_at"])
    return meeting


def follow_up_add(
    *, meeting: JointMeeting, text: str, owner: User | None, due_on: date | None
) -> FollowUp:
    if owner is not None and owner.job_centre_id != meeting.standing.job_centre_id:
        raise ValidationError({"owner": _("Choose a colleague from your own job centre.")})
    meeting = lock(meeting)  # the same follow-up sent twice (a double click) waits here
    open_same = meeting.follow_ups.filter(text=text.strip(), done_at__isnull=True).first()
    if open_same is not None:
        return open_same
    return FollowUp.objects.create(meeting=meeting, text=text.strip(), owner=owner, due_on=due_on)


def follow_up_done(*, follow_up: FollowUp) -> FollowUp:
    """Done once: a second click keeps the first time."""
    if follow_up.done_at is None:
        FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
            done_at=timezone.now()
        )
        follow_up.refresh_from_db()
    return follow_up


def request_create(*, user: User, data: dict[str, Any]) -> CitizenRequest:
    centre = user.job_centre
    assert centre is not None  # the policy let only staff of a centre this far
    return CitizenRequest.objects.create(job_centre=centre, asked_by=user, **data)


@transaction.atomic
def request_close(*, request: CitizenRequest, user: User, answer: str) -> CitizenRequest:
    """Answered and off the agenda; a second answer to a closed request is refused, but the
    same answer sent twice by its author (a double click) is the first one."""
    request = lock(request)
    if request.closed_at is not None:
        if request.closed_by_id == user.pk:
            if request.answer == answer.strip():
                return request
            raise ValidationError(_("You have already answered this request."))
        if request.closed_by is not None:
            raise ValidationError(
                _("%(name)s has already answered this request.") % {"name": request.closed_by.name}
            )
        raise ValidationError(_("A colleague has already answered this request."))
    request.answer = answer.strip()
    request.closed_by = user
    request.closed_at = timezone.now()
    request.save(update_fields=["answer", "closed_by", "closed_at"])
    return request


def pair_start(*, user: User, job_consultant: User, business_consultant: User) -> PartnerPair:
    """Pairs a job consultant with a business consultant of the same centre; the job
    consultant's earlier pair ends today."""
    centre_id = user.job_centre_id
    if job_consultant.job_centre_id != centre_id or job_consultant.role not in (
        Role.JOB_CONSULTANT,
        Role.TEAM_LEADER,
    ):
        raise ValidationError({"job_consultant": _("Choose a job consultant of your centre.")})
    if (
        business_consultant.job_centre_id != centre_id
        or business_consultant.role != Role.BUSINESS_CONSULTANT
    ):
        raise ValidationError(
            {"business_consultant": _("Choose a business consultant of your centre.")}
        )
    centre = user.job_centre
    assert centre is not None
    today = timezone.localdate()
    try:
        with transaction.atomic():
            lock(job_consultant)  # pairings of one job consultant queue here (a double click)
            current = PartnerPair.objects.filter(
                job_consultant=job_consultant, ended_on__isnull=True
            ).first()
            if current is not None:
                if current.business_consultant_id == business_consultant.pk:
                    return current  # already the pair: one record
                current.ended_on = today
                current.save(update_fields=["ended_on"])
            return PartnerPair.objects.create(
                job_centre=centre,
                job_consultant=job_consultant,
                business_consultant=business_consultant,
                started_on=today,
            )
    except IntegrityError:  # a colleague paired the same job consultant at the same moment
        raise ValidationError(
            {"job_consultant": _("A colleague has just paired this job consultant. Reload.")}
        ) from None


def pair_end(*, pair: PartnerPair) -> PartnerPair:
    if pair.ended_on is None:
        pair.ended_on = timezone.localdate()
        pair.save(update_fields=["ended_on"])
    return pair
