"""Reads of job suggestions, always for one citizen the caller may reach, or for the
consultant's own citizens."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from citizens.models import Citizen
from suggestions.models import JobSuggestion, Status, SuggestionBatch

#: How long a missed check stays on the consultant's home page.
MISSED_SHOWN_DAYS = 28


def _suggestions() -> QuerySet[JobSuggestion]:
    return JobSuggestion.objects.select_related("opening__company", "opening__occupation").order_by(
        "rank"
    )


def batches(*, citizen: Citizen) -> list[SuggestionBatch]:
    """The citizen's weeks, newest first, each with its suggestions."""
    return list(
        SuggestionBatch.objects.filter(citizen=citizen)
        .prefetch_related(Prefetch("suggestions", queryset=_suggestions()))
        .annotate(
            open_count=Count("suggestions", filter=Q(suggestions__status=Status.NEW)),
            total=Count("suggestions"),
        )
        .order_by("-week_start")
    )


def batch_get(*, citizen: Citizen, pk: int) -> SuggestionBatch:
    return (
        SuggestionBatch.objects.filter(citizen=citizen)
        .annotate(
            open_count=Count("suggestions", filter=Q(suggestions__status=Status.NEW)),
            total=Count("suggestions"),
        )
        .get(pk=pk)
    )


def suggestion_get(*, citizen: Citizen, pk: int) -> JobSuggestion:
    """The citizen's own suggestion; another's is a 404."""
    return get_object_or_404(_suggestions().select_related("batch"), citizen=citizen, pk=pk)


def to_check(*, citizen: Citizen) -> list[SuggestionBatch]:
    """The citizen's weeks with suggestions still unanswered, the earliest deadline first."""
    return list(
        SuggestionBatch.objects.filter(citizen=citizen, checked_at__isnull=True)
        .annotate(open_count=Count("suggestions", filter=Q(suggestions__status=Status.NEW)))
        .order_by("due_on")
    )


@dataclass
class Summary:
    """One citizen's record of checks, for staff."""

    weeks: int
    on_time: int
    late: int
    missed_open: int


def summary(batch_list: list[SuggestionBatch], today: date) -> Summary:
    checked = [b for b in batch_list if b.checked_at is not None]
    on_time = sum(1 for b in checked if b.checked_on_time)
    return Summary(
        weeks=len(batch_list),
        on_time=on_time,
        late=len(checked) - on_time,
        missed_open=sum(1 for b in batch_list if b.checked_at is None and b.due_on < today),
    )


def missed_for_consultant(*, user: User, today: date) -> QuerySet[SuggestionBatch]:
    """Missed checks of the consultant's own citizens in the last weeks (flagged by the daily
    task), also if the citizen has checked since."""
    return (
        SuggestionBatch.objects.filter(
            citizen__responsible_consultant=user,
            citizen__job_centre_id=user.job_centre_id,
            missed_at__isnull=False,
            due_on__gte=today - timedelta(days=MISSED_SHOWN_DAYS),
        )
        .select_related("citizen__user")
        .order_by("-due_on", "citizen__user__name")
    )
