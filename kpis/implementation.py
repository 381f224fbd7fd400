"""The implementation plan the method recommends (a project leader, a steering group and a
project group, milestones, and where it stands): services that change it, selectors that read
it. One plan per job centre, made the first time the manager saves it or adds a milestone."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from centres.models import JobCentre
from kpis.models import ImplementationPlan, Milestone, PlanStatus

PLAN_FIELDS = ("project_leader", "steering_group", "project_group", "status", "notes")

FIRST_YEAR, LAST_YEAR = 2000, 2100


def implementation_plan_get(*, job_centre: JobCentre) -> ImplementationPlan | None:
    """The centre's plan with its milestones (two queries), or None before it is made."""
    return (
        ImplementationPlan.objects.filter(job_centre=job_centre)
        .prefetch_related("milestones")
        .first()
    )


@dataclass(frozen=True)
class PlanSummary:
    """What the targets page shows of the plan: its status and the next milestone."""

    plan: ImplementationPlan
    done: int
    total: int
    next_milestone: Milestone | None


def plan_summary(*, job_centre: JobCentre) -> PlanSummary | None:
    plan = implementation_plan_get(job_centre=job_centre)
    if plan is None:
        return None
    milestones = list(plan.milestones.all())
    open_ = [m for m in milestones if m.done_on is None]
    return PlanSummary(
        plan=plan,
        done=len(milestones) - len(open_),
        total=len(milestones),
        next_milestone=open_[0] if open_ else None,
    )


def milestone_get(*, user, pk: int) -> Milestone:
    """A milestone of the user's own job centre's plan, or 404."""
    milestone = (
        Milestone.objects.filter(pk=pk, plan__job_centre_id=user.job_centre_id)
        .select_related("plan__job_centre")
        .first()
    )
    if milestone is None or user.job_centre_id is None:
        raise Http404
    return milestone


def _plan_for_update(job_centre: JobCentre) -> ImplementationPlan:
    plan, _created = ImplementationPlan.objects.select_for_update().get_or_create(
        job_centre=job_centre
    )
    return plan


def implementation_plan_save(
    *,
    actor,
    job_centre: JobCentre,
    project_leader: str = "",
    steering_group: str = "",
    project_group: str = "",
    status: str = PlanStatus.NOT_STARTED,
    notes: str = "",
) -> ImplementationPlan:
    policy.require(actor, "implementation.manage", job_centre)
    if status not in PlanStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses in the list.")})
    with transaction.atomic():
        plan = _plan_for_update(job_centre)
        plan.project_leader = project_leader.strip()
        plan.steering_group = steering_group.strip()
        plan.project_group = project_group.strip()
        plan.status = status
        plan.notes = notes.strip()
        plan.updated_by = actor
        plan.save()
    return plan


def _check_year(day: dt.date, field: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            {
                field: _("Enter a date from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )


def milestone_create(*, actor, job_centre: JobCentre, title: str, due_on: dt.date) -> Milestone:
    policy.require(actor, "implementation.manage", job_centre)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Write what the milestone is.")})
    _check_year(due_on, "due_on")
    with transaction.atomic():
        plan = _plan_for_update(job_centre)
        milestone = Milestone.objects.create(plan=plan, title=title, due_on=due_on)
        plan.updated_by = actor
        plan.save(update_fields=["updated_by", "updated_at"])
    return milestone


def milestone_done(*, actor, milestone: Milestone, done_on: dt.date) -> Milestone:
    """Marks the milestone as reached on `done_on` (today or earlier)."""
    policy.require(actor, "implementation.manage", milestone.plan.job_centre)
    _check_year(done_on, "done_on")
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date it was reached cannot be in the future.")})
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    return milestone


def milestone_reopen(*, actor, milestone: Milestone) -> Milestone:
    """Undoes `milestone_done`, e.g. after a click on the wrong milestone."""
    policy.require(actor, "implementation.manage", milestone.plan.job_centre)
    milestone.done_on = None
    milestone.save(update_fields=["done_on"])
    return milestone


def milestone_delete(*, actor, milestone: Milestone) -> None:
    policy.require(actor, "implementation.manage", milestone.plan.job_centre)
    milestone.delete()
