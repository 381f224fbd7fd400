"""The citizen's side of matching: the weights, the travel radius, distances between
postcodes, and a citizen's profile (what they want and can)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from centres.models import JobCentre
from citizens.models import Citizen
from cv.models import Course, CvSkill, SoughtOccupation
from labour import search
from occupations import requirements
from occupations.models import Occupation
from places import selectors as places
from plans.models import JobTrack

#: The travel radius (km) when the citizen has not set their own: with a driving licence for a
#: car (B or any licence that requires B) and without. The job centre's rule, to become data.
CAR_LICENCES = frozenset({"B", "BE", "C1", "C1E", "C", "CE", "D1", "D", "DE"})

#: How much each source of an occupation weighs (1 = the citizen's own choice).
SOURCE_WEIGHT = {"sought": 1.0, "A": 1.0, "B": 0.75, "C": 0.5}
#: An occupation related to one of the citizen's weighs this much of it.
RELATED_FACTOR = 0.5

#: Points: the occupation (registered on the opening, or its title says it), only the text
#: mentions it, skills overlap (all skills), distance (at home; falls to 0 at the radius),
#: freshness (posted today).
W_OCCUPATION = 50.0
W_TEXT = 10.0
W_SKILLS = 15.0
W_NEAR = 20.0
W_FRESH = 2.0
FRESH_DAYS = 30


def default_radius_for(citizen: Citizen, centre: JobCentre | None = None) -> int:
    """The job centre's standard radius for the citizen (a setting of the centre): by whether
    their CV has a driving licence for a car."""
    centre = centre or citizen.job_centre
    try:
        licences = set(citizen.cv.driving_licences or ())
    except Citizen.cv.RelatedObjectDoesNotExist:
        licences = set()
    if licences & CAR_LICENCES:
        return centre.travel_radius_with_car_km
    return centre.travel_radius_without_car_km


def radius_for(citizen: Citizen, centre: JobCentre | None = None) -> int:
    """How far the citizen will travel to work (km): their own radius, else the standard."""
    return citizen.travel_radius_km or default_radius_for(citizen, centre)


# --- distances ------------------------------------------------------------------------------


def _distances(home: str, postcodes: Iterable[str]) -> dict[str, float]:
    """km from `home` to each postcode whose centroid is known (in memory: no queries)."""
    distances = {code: places.distance_km(home, code) for code in set(postcodes) if code}
    return {code: km for code, km in distances.items() if km is not None}


def _postcode_ranges(codes: Iterable[str]) -> Q:
    """`postcode` among `codes`, as a few ranges: the four-digit codes near a place are mostly
    consecutive (2,600 codes within 40 km of Brøndby are 12 ranges)."""
    numbers = sorted(int(code) for code in codes)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return reduce(
        or_,
        (
            Q(postcode=f"{low:04d}")
            if low == high
            else Q(postcode__range=(f"{low:04d}", f"{high:04d}"))
            for low, high in runs
        ),
        Q(pk__in=[]),
    )


# --- the citizen's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class Want:
    """Why an occupation is of interest to the citizen: `source` is "sought", "A", "B", "C"
    or "related" (then `via` is the occupation it is related to)."""

    weight: float
    source: str
    title: str
    via: str = ""


@dataclass
class Profile:
    citizen: Citizen
    wants: dict[int, Want] = field(default_factory=dict)
    #: The titles looked for in the openings' text: phrase → (weight, title, source).
    phrases: dict[search.Phrase, Want] = field(default_factory=dict)
    skills: set[int] = field(default_factory=set)
    postcode: str = ""
    radius: int = 20
    #: What the CV shows of what ads may require (occupations.requirements keys).
    qualifications: frozenset[str] = frozenset()

    def want(self, occupation_id: int, new: Want) -> None:
        old = self.wants.get(occupation_id)
        if old is None or new.weight > old.weight:
            self.wants[occupation_id] = new


def _related_pairs(occupation_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(occupation, related occupation) for the given occupations, in one query."""
    ids = set(occupation_ids)
    if not ids:
        return []
    rows = Occupation.objects.filter(pk__in=ids, related__isnull=False).values_list("pk", "related")
    return [(a, b) for a, b in rows if b is not None and b != a]


def profiles_for(citizens: Sequence[Citizen]) -> dict[int, Profile]:
    """The matching profiles of `citizens` (fetched with select_related("cv")), in five or six
    queries whatever their number."""
    centres = JobCentre.objects.in_bulk({c.job_centre_id for c in citizens})
    profiles = {
        c.pk: Profile(
            citizen=c, postcode=c.postcode, radius=radius_for(c, centres[c.job_centre_id])
        )
        for c in citizens
    }
    if not profiles:
        return profiles
    ids = list(profiles)
    titles: dict[int, str] = {}
    for citizen_id, occupation_id, title in SoughtOccupation.objects.filter(
        cv__citizen_id__in=ids
    ).values_list("cv__citizen_id", "occupation_id", "occupation__title"):
        titles[occupation_id] = title
        profiles[citizen_id].want(occupation_id, Want(SOURCE_WEIGHT["sought"], "sought", title))
    for citizen_id, letter, occupation_id, title in JobTrack.occupations.through.objects.filter(
        jobtrack__plan__citizen_id__in=ids
    ).values_list(
        "jobtrack__plan__citizen_id", "jobtrack__letter", "occupation_id", "occupation__title"
    ):
        titles[occupation_id] = title
        weight = SOURCE_WEIGHT.get(letter, SOURCE_WEIGHT["C"])
        profiles[citizen_id].want(occupation_id, Want(weight, letter, title))
    for profile in profiles.values():
        for want in profile.wants.values():
            key = search.phrase(want.title)
            if key and (key not in profile.phrases or want.weight > profile.phrases[key].weight):
                profile.phrases[key] = want
    related = defaultdict(list)
    for source, target in _related_pairs(titles):
        related[source].append(target)
    if related:
        for profile in profiles.values():
            for source, want in list(profile.wants.items()):
                for target in related.get(source, ()):
                    profile.want(
                        target,
                        Want(want.weight * RELATED_FACTOR, "related", "", via=want.title),
                    )
    texts: dict[int, list[str]] = defaultdict(list)
    for citizen_id, skill_id, name in CvSkill.objects.filter(cv__citizen_id__in=ids).values_list(
        "cv__citizen_id", "skill_id", "skill__name"
    ):
        profiles[citizen_id].skills.add(skill_id)
        texts[citizen_id].append(name)
    for citizen_id, name in Course.objects.filter(cv__citizen_id__in=ids).values_list(
        "cv__citizen_id", "name"
    ):
        texts[citizen_id].append(name)
    for citizen in citizens:
        cv = _cv_of(citizen)
        profiles[citizen.pk].qualifications = requirements.shown_by(
            cv.driving_licences if cv else (),
            [*texts[citizen.pk], cv.other_skills if cv else ""],
        )
    return profiles


def _cv_of(citizen: Citizen):
    try:
        return citizen.cv
    except Citizen.cv.RelatedObjectDoesNotExist:
        return None
