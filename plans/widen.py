"""The A/B/C job plan over time: the mix of the Joblog across the plans, and the gentle
suggestion to widen to the next plan when a plan's agreed period has passed without result."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from joblog.models import EntryStatus, JoblogEntry, PlanLetter
from plans.models import JobTrack, Plan

#: Joblog statuses that count as a result for the plan: the employer wants to meet or hire.
RESULTS = (EntryStatus.INTERVIEW, EntryStatus.HIRED)
MIX_WEEKS = 12


def track_letters(citizen_id: int) -> dict[int, str]:
    """The plan letter of each occupation in the citizen's A/B/C plan (the first plan that
    names it). One query."""
    letters: dict[int, str] = {}
    links = (
        JobTrack.occupations.through.objects.filter(jobtrack__plan__citizen_id=citizen_id)
        .order_by("-jobtrack__letter")
        .values_list("occupation_id", "jobtrack__letter")
    )
    for occupation_id, letter in links:
        letters[occupation_id] = letter
    return letters


def plan_of(tag: str, occupation_id: int, letters: dict[int, str]) -> str:
    """The plan a Joblog entry counts in: the citizen's own tag, else its occupation's plan."""
    return tag or letters.get(occupation_id, "")


def widen_suggestion(plan: Plan, today: date) -> str | None:
    """A calm suggestion for the lowest plan whose period has passed with no result since it
    was set, unless the citizen already searches in the next plan. Uses prefetched tracks and
    one query whenever the plan has a track below C, due or not, so that the pages showing it
    send the same queries whatever the plan's dates."""
    tracks = {t.letter: t for t in plan.tracks.all()}
    placed = [
        (letter, following, tracks[letter])
        for letter, following in pairwise(PlanLetter.values)
        if letter in tracks
    ]
    if not placed:
        return None
    counts = JoblogEntry.objects.filter(citizen_id=plan.citizen_id).aggregate(
        **{
            f"{kind}_{letter}": Count("id", filter=condition)
            for letter, following, track in placed
            for kind, condition in (
                ("result", Q(plan=letter, status__in=RESULTS, date__gte=track.set_at)),
                ("next", Q(plan=following, date__gte=track.widen_from or track.set_at)),
            )
        }
    )
    due = [
        (letter, following, track)
        for letter, following, track in placed
        if track.widen_from and track.widen_from <= today
    ]
    for letter, following, _track in due:
        if not counts[f"result_{letter}"] and not counts[f"next_{letter}"]:
            return _(
                "The period for Plan %(letter)s has passed. Perhaps it is time to also look for "
                "jobs in Plan %(next)s?"
            ) % {"letter": letter, "next": following}
    return None


@dataclass(frozen=True)
class MixRow:
    label: str
    count: int
    percent: int


def plan_mix(citizen_id: int, today: date, weeks: int = MIX_WEEKS) -> list[MixRow]:
    """How the Joblog's entries of the last `weeks` weeks spread over Plan A, B and C (and
    entries not placed in a plan), each placed by `plan_of`. Two queries."""
    letters = track_letters(citizen_id)
    counts: Counter[str] = Counter()
    for tag, occupation_id, n in (
        JoblogEntry.objects.filter(
            citizen_id=citizen_id, date__gt=today - timedelta(weeks=weeks), date__lte=today
        )
        .values_list("plan", "occupation_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[plan_of(tag, occupation_id, letters)] += n
    total = sum(counts.values())
    rows = [(str(label), counts.get(letter, 0)) for letter, label in PlanLetter.choices]
    rows.append((_("Not placed in a plan"), counts.get("", 0)))
    return [MixRow(label, n, round(100 * n / total) if total else 0) for label, n in rows]
