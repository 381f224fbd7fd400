"""A citizen's best openings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from citizens.models import Citizen
from labour import search
from labour.matching.profiles import W_SKILLS, Profile, _distances, _postcode_ranges, profiles_for
from labour.matching.scoring import (
    Candidate,
    Penalties,
    Scored,
    _occupation_skills,
    _penalty,
    _score,
)
from labour.models import JobOpening
from occupations import requirements
from places import selectors as places

# --- a citizen's openings -------------------------------------------------------------------


@dataclass
class Match:
    """An opening for a citizen: `why` is one line, the reasons joined."""

    opening: JobOpening
    score: float
    reasons: list[str]
    why: str
    distance_km: float | None = None
    within_radius: bool = True


def open_openings(job_centre_id: int, today: date):
    """The openings of a job centre still on the board on `today`."""
    return JobOpening.objects.filter(job_centre_id=job_centre_id).filter(
        Q(valid_through__isnull=True) | Q(valid_through__gte=today)
    )


_CANDIDATE_FIELDS = (
    "id",
    "title",
    "occupation_id",
    "occupation__title",
    "company_id",
    "employment_type",
    "postcode",
    "town",
    "date_posted",
)


def rank_openings_for(
    citizen: Citizen,
    *,
    today: date | None = None,
    limit: int = 20,
    exclude_ids: Iterable[int] = (),
    penalties: Penalties = None,
    own: bool = True,
) -> list[Match]:
    """The open openings of the citizen's job centre that fit them best, best first.

    `exclude_ids`: opening pks to leave out (e.g. already suggested). `penalties` down-weights
    openings: a mapping {occupation id: factor} or a function `(Candidate) -> factor` (a
    Candidate carries id, title, occupation_id, company_id, employment_type, postcode, town,
    distance_km; not yet its skills); the score is multiplied by the factor (1 keeps it, 0
    drops the opening). `own`: the why speaks to the citizen ("Du søger job som …"); False
    for staff ("Søger job som …").

    Openings beyond the citizen's travel radius are left out, unless none within fits; then
    the best beyond it come, marked `within_radius=False`. At most 13 queries, however many
    openings the centre has."""
    today = today or timezone.localdate()
    if limit <= 0:
        return []
    profile = profiles_for([citizen])[citizen.pk]
    openings = open_openings(citizen.job_centre_id, today)
    exclude = list(exclude_ids)
    if exclude:
        openings = openings.exclude(pk__in=exclude)
    openings, text_condition = search.text_match(openings, list(profile.phrases))
    if profile.wants:
        relevant = Q(occupation_id__in=list(profile.wants)) | text_condition
    elif profile.skills:
        relevant = Q(skills__in=list(profile.skills)) | text_condition
    else:
        return []
    candidates = openings.filter(relevant).annotate(
        _text_hit=ExpressionWrapper(text_condition, output_field=BooleanField())
    )
    if not profile.wants:
        candidates = candidates.distinct()  # the skills join repeats an opening
    nearby = places.postcodes_within(profile.postcode, profile.radius)
    entries: list[_Entry] = []
    if nearby:
        entries = _score_openings(
            profile,
            candidates.filter(_postcode_ranges(nearby) | Q(postcode="")),
            today=today,
            penalties=penalties,
            limit=limit,
        )
    if not any(entry.scored.within_radius for entry in entries):
        entries = _score_openings(
            profile, candidates, today=today, penalties=penalties, limit=limit
        )
    entries.sort(key=_Entry.order)
    top = entries[:limit]
    by_id = JobOpening.objects.select_related("company", "occupation", "contact").in_bulk(
        [entry.candidate.id for entry in top]
    )
    home_town = places.town_of(profile.postcode) or ""
    matches = []
    for entry in top:
        opening = by_id.get(entry.candidate.id)
        if opening is None:
            continue  # deleted meanwhile
        if entry.scored.in_text:
            # The database said "found in the text"; name the title it found.
            words = frozenset(opening.search_document.split())
            entry.scored.in_text = max(
                (w for key, w in profile.phrases.items() if search.phrase_in(words, key)),
                key=lambda w: w.weight,
                default=entry.scored.in_text,
            )
        reasons = entry.scored.reasons(profile, entry.candidate, home_town=home_town, own=own)
        matches.append(
            Match(
                opening=opening,
                score=round(entry.score, 2),
                reasons=reasons,
                why=" · ".join(reasons),
                distance_km=entry.scored.distance_km,
                within_radius=entry.scored.within_radius,
            )
        )
    return matches


@dataclass
class _Entry:
    score: float
    scored: Scored
    candidate: Candidate
    factor: float = 1.0

    def order(self) -> tuple:
        """Those the citizen qualifies for first (fewest requirements missing), then best
        first; among equals the more relevant, then the newer, then the first made."""
        return (
            len(self.scored.missing),
            -self.score,
            -self.scored.relevance,
            -self.candidate.date_posted.toordinal(),
            self.candidate.id,
        )


#: Ids per query when reading the skills of many openings (below every database's limit).
_CHUNK = 10_000


def _score_openings(
    profile: Profile, candidates, *, today: date, penalties: Penalties, limit: int
) -> list[_Entry]:
    """Scores the candidate openings (light rows, each with whether the full-text search finds
    it). A first pass scores without skills; only the openings that skills could still lift
    into the best `limit` have their skills read and are scored again. Beyond the radius are
    left out if any is within. Three queries, however many candidates."""
    rows = list(
        candidates.order_by().values_list(
            *_CANDIDATE_FIELDS, "_text_hit", "description", "skills_text"
        )
    )
    if not rows:
        return []
    distances = _distances(profile.postcode, {row[6] for row in rows})
    first: list[_Entry] = []
    for row in rows:
        candidate = Candidate(
            id=row[0],
            title=row[1],
            occupation_id=row[2],
            occupation_title=row[3] or "",
            company_id=row[4],
            employment_type=row[5],
            postcode=row[6],
            town=row[7],
            date_posted=row[8],
            text_hit=bool(row[9]),
            distance_km=distances.get(row[6]),
            requires=requirements.required_by(f"{row[1]}\n{row[10]}\n{row[11]}"),
        )
        factor = _penalty(penalties, candidate)
        if factor <= 0:
            continue
        scored = _score(profile, candidate, today=today, skill_sets=None)
        if scored is None:  # found by skills alone: no points yet
            km = candidate.distance_km
            within = km is None or km <= profile.radius
            scored = Scored(
                0.0, 0.0, within, km, missing=candidate.requires - profile.qualifications
            )
        first.append(_Entry(scored.score * factor, scored, candidate, factor))
    if any(entry.scored.within_radius for entry in first):
        first = [entry for entry in first if entry.scored.within_radius]
    if len(first) > limit:
        # Skills add at most W_SKILLS (times the penalty): keep what could still reach the
        # best `limit`, within the tier of what the citizen qualifies for.
        edge = sorted(first, key=lambda e: (len(e.scored.missing), -e.score))[limit - 1]
        tier = len(edge.scored.missing)
        first = [
            entry
            for entry in first
            if len(entry.scored.missing) < tier
            or (
                len(entry.scored.missing) == tier
                and entry.score + W_SKILLS * entry.factor >= edge.score
            )
        ]

    ids = [entry.candidate.id for entry in first]
    opening_skills: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(ids), _CHUNK):
        for opening_id, skill_id in JobOpening.skills.through.objects.filter(
            jobopening_id__in=ids[start : start + _CHUNK]
        ).values_list("jobopening_id", "skill_id"):
            opening_skills[opening_id].add(skill_id)
    skill_sets = _occupation_skills({entry.candidate.occupation_id for entry in first})
    final: list[_Entry] = []
    for entry in first:
        candidate = entry.candidate
        candidate.skills = frozenset(opening_skills.get(candidate.id, ()))
        scored = _score(profile, candidate, today=today, skill_sets=skill_sets)
        if scored is not None:
            final.append(_Entry(scored.score * entry.factor, scored, candidate, entry.factor))
    return final
