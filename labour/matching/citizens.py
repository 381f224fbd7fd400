"""An opening's best citizens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from citizens.models import Citizen
from cv.models import CvSkill, SoughtOccupation
from labour import search
from labour.matching.profiles import Profile, _distances, profiles_for
from labour.matching.scoring import Candidate, Scored, _occupation_skills, _score
from labour.models import JobOpening
from occupations import requirements
from occupations.models import Occupation
from plans.models import JobTrack

# --- an opening's citizens ------------------------------------------------------------------


@dataclass
class CitizenMatch:
    """A citizen for an opening ("det gode match"): `why` is one line, the reasons joined."""

    citizen: Citizen
    score: float
    reasons: list[str]
    why: str
    distance_km: float | None = None
    within_radius: bool = True


def _occupations_for_opening(opening: JobOpening, words: frozenset[str]) -> set[int]:
    """Occupations a citizen may want for this opening: its own, those the opening's text
    names (by stemmed title), and those it is related to (either way)."""
    wanted: set[int] = set()
    if opening.occupation_id:
        wanted.add(opening.occupation_id)
    for pk, title in Occupation.objects.values_list("pk", "title"):
        if search.phrase_in(words, search.phrase(title)):
            wanted.add(pk)
    if wanted:
        # Citizens wanting an occupation whose related ones include the opening's.
        wanted |= set(
            Occupation.objects.filter(related__in=list(wanted)).values_list("pk", flat=True)
        )
    return wanted


def rank_citizens_for(
    opening: JobOpening, *, limit: int = 30, today: date | None = None
) -> list[CitizenMatch]:
    """The job centre's citizens who fit the opening best, best first, each with its why.
    Citizens beyond their own travel radius are left out unless none is within. About ten
    queries, however many citizens the centre has."""
    today = today or timezone.localdate()
    words = frozenset(opening.search_document.split())
    occupations = _occupations_for_opening(opening, words)
    opening_skills = frozenset(opening.skills.values_list("pk", flat=True))
    citizens = Citizen.objects.filter(job_centre_id=opening.job_centre_id, user__is_active=True)
    relevant = Q(
        Exists(
            SoughtOccupation.objects.filter(
                cv__citizen_id=OuterRef("pk"), occupation_id__in=occupations
            )
        )
    ) | Q(
        Exists(
            JobTrack.occupations.through.objects.filter(
                jobtrack__plan__citizen_id=OuterRef("pk"), occupation_id__in=occupations
            )
        )
    )
    skill_sets = _occupation_skills([opening.occupation_id or 0])
    skills = opening_skills or skill_sets.get(opening.occupation_id or 0, frozenset())
    if skills:
        relevant |= Q(
            Exists(CvSkill.objects.filter(cv__citizen_id=OuterRef("pk"), skill_id__in=skills))
        )
    found = list(citizens.filter(relevant).select_related("user", "cv"))
    if not found:
        return []
    profiles = profiles_for(found)
    candidate = Candidate(
        id=opening.pk,
        title=opening.title,
        occupation_id=opening.occupation_id,
        occupation_title=opening.occupation.title if opening.occupation else "",
        company_id=opening.company_id,
        employment_type=opening.employment_type,
        postcode=opening.postcode,
        town=opening.town,
        date_posted=opening.date_posted,
        words=words,
        skills=opening_skills,
        requires=requirements.required_by(
            f"{opening.title}\n{opening.description}\n{opening.skills_text}"
        ),
    )
    distances = _distances(opening.postcode, {p.postcode for p in profiles.values()})
    scored: list[tuple[float, str, Scored, Profile]] = []
    for profile in profiles.values():
        candidate.distance_km = distances.get(profile.postcode)
        result = _score(profile, candidate, today=today, skill_sets=skill_sets)
        if result is not None:
            scored.append((result.score, profile.citizen.name, result, profile))
    if any(entry[2].within_radius for entry in scored):
        scored = [entry for entry in scored if entry[2].within_radius]
    scored.sort(key=lambda e: (len(e[2].missing), -e[0], e[1]))
    matches = []
    for score, _name, result, profile in scored[:limit]:
        candidate.distance_km = result.distance_km
        reasons = result.reasons(profile, candidate, home_town="", own=False)
        matches.append(
            CitizenMatch(
                citizen=profile.citizen,
                score=round(score, 2),
                reasons=reasons,
                why=" · ".join(reasons),
                distance_km=result.distance_km,
                within_radius=result.within_radius,
            )
        )
    return matches
