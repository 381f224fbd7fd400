"""Matching citizens and job openings, both ways, with a one-line "why" for each match.

The signals, from the citizen's side (a *profile*):

- the occupations the CV says "Jeg søger job som" (cv.SoughtOccupation) and those of the
  A/B/C plan (plans.JobTrack; Plan A weighs most), and occupations related to them
  (`Occupation.related`) at a lower weight;
- the CV's skills, held against the opening's skills (or, if it lists none, the skills its
  occupation asks for);
- the distance from the citizen's home postcode to the opening's (postcode centroids from
  `places`), within the citizen's travel radius (`radius_for`); an opening beyond the radius is
  left out unless nothing else is found;
- Danish full-text relevance: the titles of the sought and planned occupations in the opening's
  stemmed text (labour/search.py; PostgreSQL's `danish` configuration with a GIN index).

The database picks the candidates (open openings of the citizen's job centre whose occupation
is one of the profile's, or whose text holds one of its titles; for an opening, the centre's
citizens with one of its occupations); Python scores only those, with a bounded number of
queries whatever the number of openings or citizens. For equally relevant matches the nearer
comes first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.models import JobCentre
from citizens.models import Citizen
from cv.models import CvSkill, SoughtOccupation
from labour import search
from labour.models import JobOpening
from occupations.models import Occupation, OccupationSkill
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
    """The matching profiles of `citizens` (fetched with select_related("cv")), in four or five
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
    for citizen_id, skill_id in CvSkill.objects.filter(cv__citizen_id__in=ids).values_list(
        "cv__citizen_id", "skill_id"
    ):
        profiles[citizen_id].skills.add(skill_id)
    return profiles


# --- scoring --------------------------------------------------------------------------------


@dataclass
class Candidate:
    """What scoring needs of an opening (a light row, not the model)."""

    id: int
    title: str
    occupation_id: int | None
    occupation_title: str
    company_id: int | None
    employment_type: str
    postcode: str
    town: str
    date_posted: date
    text_hit: bool = False
    #: The opening's search words, when known (scoring an opening against many citizens).
    words: frozenset[str] | None = None
    skills: frozenset[int] = frozenset()
    distance_km: float | None = None


@dataclass
class Scored:
    """A candidate's points and what earned them; `reasons` puts them into words."""

    score: float
    relevance: float
    within_radius: bool
    distance_km: float | None
    occupation: Want | None = None
    in_title: Want | None = None
    in_text: Want | None = None
    shared_skills: int = 0

    def reasons(self, profile: Profile, candidate: Candidate, *, home_town: str, own: bool):
        """The why, as short phrases: the occupation, the distance, the skills."""
        reasons = []
        if self.in_title and (not self.occupation or self.in_title.weight > self.occupation.weight):
            reasons.append(_occupation_reason(self.in_title, "", own=own))
        elif self.occupation:
            reasons.append(_occupation_reason(self.occupation, candidate.occupation_title, own=own))
        elif self.in_text:
            reasons.append(
                _("The ad mentions %(occupation)s")
                % {"occupation": _lower_first(self.in_text.title)}
            )
        if self.distance_km is not None:
            reasons.append(_distance_reason(self.distance_km, profile.radius, home_town, own=own))
        if self.shared_skills:
            count = {"count": self.shared_skills}
            if own:
                reasons.append(_("%(count)s of your skills") % count)
            else:
                reasons.append(_("%(count)s of the skills asked for") % count)
        return reasons


#: A penalty: either {occupation id: factor} or a function of the candidate giving the factor.
#: A factor of 1 leaves the score, 0.5 halves it, 0 drops the opening.
Penalties = Mapping[int, float] | Callable[[Candidate], float] | None


def _lower_first(title: str) -> str:
    if len(title) > 1 and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _occupation_reason(want: Want, title: str, *, own: bool) -> str:
    occupation = _lower_first(title or want.title)
    if want.source == "sought":
        if own:
            return _("You are looking for work as %(occupation)s") % {"occupation": occupation}
        return _("Looking for work as %(occupation)s") % {"occupation": occupation}
    if want.source == "related":
        return _("%(occupation)s is related to %(via)s") % {
            "occupation": title or want.title,
            "via": _lower_first(want.via),
        }
    if own:
        return _("Your Plan %(letter)s: %(occupation)s") % {
            "letter": want.source,
            "occupation": occupation,
        }
    return _("Plan %(letter)s: %(occupation)s") % {"letter": want.source, "occupation": occupation}


def _distance_reason(km: float, radius: int, home_town: str, *, own: bool) -> str:
    shown = max(1, round(km))
    if km > radius:
        return _("%(km)s km away, beyond the %(radius)s km travel radius") % {
            "km": shown,
            "radius": radius,
        }
    if km < 1:
        return _("Less than 1 km from home")
    if home_town:
        return _("%(km)s km from %(town)s") % {"km": shown, "town": home_town}
    return _("%(km)s km from home") % {"km": shown}


def _score(
    profile: Profile,
    candidate: Candidate,
    *,
    today: date,
    skill_sets: Mapping[int, frozenset[int]] | None,
) -> Scored | None:
    """Scores one opening for one profile; None when nothing of the profile fits it. With
    `skill_sets` None the skills are left out (a first, cheaper pass; they add at most
    W_SKILLS)."""
    want = profile.wants.get(candidate.occupation_id) if candidate.occupation_id else None

    # Full text: the strongest of the citizen's titles the opening says, in its title or text.
    title_best, text_best = None, None
    for key, phrase_want in profile.phrases.items():
        if search.phrase_starts_words_in(candidate.title, key):
            if title_best is None or phrase_want.weight > title_best.weight:
                title_best = phrase_want
        elif (
            candidate.words is not None
            and search.phrase_in(candidate.words, key)
            and (text_best is None or phrase_want.weight > text_best.weight)
        ):
            text_best = phrase_want
    if candidate.words is None and candidate.text_hit and title_best is None:
        # Found by the database's full-text search, but not in the title.
        text_best = max(profile.phrases.values(), key=lambda w: w.weight, default=None)

    # The opening's occupation and its title are one piece of evidence: an imported ad titled
    # "Sygeplejersker" without an occupation weighs as much as one registered as Sygeplejerske.
    relevance = W_OCCUPATION * max(
        want.weight if want else 0, title_best.weight if title_best else 0
    )
    if relevance:
        text_best = None
    elif text_best is not None:
        relevance = W_TEXT * text_best.weight

    shared = 0
    if skill_sets is not None:
        wanted = candidate.skills or skill_sets.get(candidate.occupation_id or 0, frozenset())
        shared = len(profile.skills & wanted) if wanted else 0
        if shared:
            relevance += W_SKILLS * shared / len(wanted)
    if relevance <= 0:
        return None

    score = relevance
    km = candidate.distance_km
    within = True
    if km is not None:
        within = km <= profile.radius
        score += W_NEAR * (1 - km / profile.radius)
    age = (today - candidate.date_posted).days
    score += W_FRESH * max(0.0, 1 - max(age, 0) / FRESH_DAYS)
    return Scored(score, relevance, within, km, want, title_best, text_best, shared)


def _penalty(penalties: Penalties, candidate: Candidate) -> float:
    if penalties is None:
        return 1.0
    if callable(penalties):
        return float(penalties(candidate))
    return float(penalties.get(candidate.occupation_id or 0, 1.0))


def _occupation_skills(occupation_ids: Iterable[int | None]) -> dict[int, frozenset[int]]:
    """The essential skills of each occupation, in one query."""
    ids = {i for i in occupation_ids if i}
    found: dict[int, set[int]] = defaultdict(set)
    if ids:
        for occupation_id, skill_id in OccupationSkill.objects.filter(
            occupation_id__in=ids, essential=True
        ).values_list("occupation_id", "skill_id"):
            found[occupation_id].add(skill_id)
    return {k: frozenset(v) for k, v in found.items()}


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
        """Best first; among equals the more relevant, then the newer, then the first made."""
        return (
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
    rows = list(candidates.order_by().values_list(*_CANDIDATE_FIELDS, "_text_hit"))
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
        )
        factor = _penalty(penalties, candidate)
        if factor <= 0:
            continue
        scored = _score(profile, candidate, today=today, skill_sets=None)
        if scored is None:  # found by skills alone: no points yet
            km = candidate.distance_km
            within = km is None or km <= profile.radius
            scored = Scored(0.0, 0.0, within, km)
        first.append(_Entry(scored.score * factor, scored, candidate, factor))
    if any(entry.scored.within_radius for entry in first):
        first = [entry for entry in first if entry.scored.within_radius]
    if len(first) > limit:
        threshold = sorted((entry.score for entry in first), reverse=True)[limit - 1]
        first = [entry for entry in first if entry.score + W_SKILLS * entry.factor >= threshold]

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
    scored.sort(key=lambda e: (-e[0], e[1]))
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
