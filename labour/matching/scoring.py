"""Scoring one candidate opening for one profile, with the one-line reasons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from labour import search
from labour.matching.profiles import (
    FRESH_DAYS,
    W_FRESH,
    W_NEAR,
    W_OCCUPATION,
    W_SKILLS,
    W_TEXT,
    Profile,
    Want,
)
from occupations import requirements
from occupations.models import OccupationSkill

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
    #: What the ad requires (occupations.requirements keys).
    requires: frozenset[str] = frozenset()


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
    #: What the ad requires and the CV does not show: the opening ranks below every opening
    #: the citizen qualifies for.
    missing: frozenset[str] = frozenset()

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
        if self.missing:
            what = _names(requirements.labels(self.missing))
            if own:
                reasons.append(_("Requires %(what)s, which your CV does not show") % {"what": what})
            else:
                reasons.append(_("Requires %(what)s, which the CV does not show") % {"what": what})
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


def _names(names: list[str]) -> str:
    return str(get_text_list(names, _("and")))


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
    missing = candidate.requires - profile.qualifications
    return Scored(score, relevance, within, km, want, title_best, text_best, shared, missing)


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
