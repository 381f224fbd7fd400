"""Reads of Min Plan: the whole plan in a constant number of queries, scoped to the citizen."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from citizens.models import Citizen
from joblog.models import PlanLetter
from plans.models import Agreement, Homework, JobTrack, Plan, PlanChange


def plan_full(*, citizen: Citizen) -> Plan | None:
    """The citizen's plan with tracks, occupations, agreements and homework, or None."""
    return (
        Plan.objects.filter(citizen=citizen)
        .prefetch_related(
            "required_occupations",
            Prefetch("tracks", JobTrack.objects.prefetch_related("occupations")),
            Prefetch("agreements", Agreement.objects.select_related("created_by")),
            Prefetch("homework", Homework.objects.all()),
        )
        .first()
    )


def tracks_by_letter(plan: Plan | None) -> list[tuple[str, str, JobTrack | None]]:
    """(letter, label, track or None) for A, B and C, from the prefetched tracks."""
    tracks = {t.letter: t for t in plan.tracks.all()} if plan else {}
    return [(letter, str(label), tracks.get(letter)) for letter, label in PlanLetter.choices]


def plan_history(*, plan: Plan) -> QuerySet[PlanChange]:
    return plan.changes.select_related("changed_by")


def own_homework_get(*, user: User, pk: int) -> Homework:
    """The citizen's own homework; anyone else's is a 404."""
    return get_object_or_404(
        Homework.objects.select_related("plan"), pk=pk, plan__citizen__user=user
    )
