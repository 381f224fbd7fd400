"""The preparation starts from the citizen's chosen topic: "Brancheskift" opens with the
occupations the citizen's competences transfer to, with their balance and open openings; "Job
i en anden by" with openings of the citizen's occupations by distance from home; "Mit CV" with
the CV's completeness and gaps. Which topic opens which block is data: the topic's
`preparation` (booking.models.PreparationFocus), which the centre's administrator sets with the
topic, so a renamed topic keeps its block. Each block reads a fixed handful of queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from booking.models import Booking, PreparationFocus
from cv.completeness import Completeness, cv_completeness
from cv.models import CV
from labour.models import JobOpening
from labour.selectors import open_q
from occupations.models import LabourBalance, Occupation
from occupations.selectors import area_for_citizen, transfer_occupations
from places.selectors import distance_km, postcodes_within

TRANSFER, DISTANCE, CV_BLOCK = (
    PreparationFocus.TRANSFER,
    PreparationFocus.DISTANCE,
    PreparationFocus.CV,
)
#: How far from home "Job i en anden by" looks, and how many rows a block lists.
DISTANCE_KM, LIMIT = 150, 8


@dataclass(frozen=True)
class TransferRow:
    occupation: Occupation
    reason: str
    balance: LabourBalance | None
    openings: int


@dataclass(frozen=True)
class NearOpening:
    opening: JobOpening
    km: int


@dataclass(frozen=True)
class TopicBlock:
    kind: str
    transfers: tuple[TransferRow, ...] = ()
    openings: tuple[NearOpening, ...] = ()
    completeness: Completeness | None = None


def _occupations(cv: CV | None) -> list[Occupation]:
    if cv is None:
        return []
    found = [item.occupation for item in cv.sought_occupations.all()]
    return found + [w.occupation for w in cv.work_experiences.all() if w.occupation is not None]


def _transfers(booking: Booking, cv: CV | None, today: date) -> tuple[TransferRow, ...]:
    area = area_for_citizen(booking.citizen)
    proposals = transfer_occupations(
        occupations=_occupations(cv),
        skills=[item.skill_id for item in cv.skills.all()] if cv else [],
        limit=LIMIT,
        area=area,
    )
    counts = dict(
        JobOpening.objects.filter(
            open_q(today),
            job_centre_id=booking.job_centre_id,
            occupation__in=[p.occupation.pk for p in proposals],
        )
        .values_list("occupation")
        .annotate(n=Count("id"))
        .order_by()
    )
    return tuple(
        TransferRow(p.occupation, p.reason, p.balance, counts.get(p.occupation.pk, 0))
        for p in proposals
    )


def _by_distance(booking: Booking, cv: CV | None, today: date) -> tuple[NearOpening, ...]:
    """The nearest open openings of the citizen's occupations (of any, if the CV names none)
    within `DISTANCE_KM` of home, nearest first, with the distance."""
    home = booking.citizen.postcode
    within = postcodes_within(home, DISTANCE_KM)
    if not within:
        return ()
    openings = JobOpening.objects.filter(
        open_q(today), job_centre_id=booking.job_centre_id, postcode__in=within
    )
    occupations = [o.pk for o in _occupations(cv)]
    if occupations:
        openings = openings.filter(occupation__in=occupations)
    km = {
        pk: round(distance_km(home, postcode) or 0)
        for pk, postcode in openings.values_list("pk", "postcode")
    }
    nearest = sorted(km, key=lambda pk: (km[pk], pk))[:LIMIT]
    found = JobOpening.objects.filter(pk__in=nearest).select_related("company")
    return tuple(sorted((NearOpening(o, km[o.pk]) for o in found), key=lambda n: n.km))


def topic_block(booking: Booking, cv: CV | None, today: date) -> TopicBlock | None:
    """The block the booking's topic opens the preparation with, or None."""
    kind = booking.topic.preparation
    if kind == TRANSFER:
        return TopicBlock(kind, transfers=_transfers(booking, cv, today))
    if kind == DISTANCE:
        return TopicBlock(kind, openings=_by_distance(booking, cv, today))
    if kind == CV_BLOCK:
        return TopicBlock(kind, completeness=cv_completeness(cv))
    return None
