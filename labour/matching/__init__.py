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

from labour.matching.citizens import CitizenMatch, rank_citizens_for
from labour.matching.openings import Match, open_openings, rank_openings_for
from labour.matching.profiles import (
    CAR_LICENCES,
    FRESH_DAYS,
    RELATED_FACTOR,
    SOURCE_WEIGHT,
    W_FRESH,
    W_NEAR,
    W_OCCUPATION,
    W_SKILLS,
    W_TEXT,
    Profile,
    Want,
    default_radius_for,
    profiles_for,
    radius_for,
)
from labour.matching.scoring import Candidate, Penalties, Scored

__all__ = [
    "CAR_LICENCES",
    "FRESH_DAYS",
    "RELATED_FACTOR",
    "SOURCE_WEIGHT",
    "W_FRESH",
    "W_NEAR",
    "W_OCCUPATION",
    "W_SKILLS",
    "W_TEXT",
    "Candidate",
    "CitizenMatch",
    "Match",
    "Penalties",
    "Profile",
    "Scored",
    "Want",
    "default_radius_for",
    "open_openings",
    "profiles_for",
    "radius_for",
    "rank_citizens_for",
    "rank_openings_for",
]
