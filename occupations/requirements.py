"""What a job ad requires that a CV either shows or not: driving-licence categories and named
certificates. The catalogue is data (`REQUIREMENTS`); matching ranks an opening that requires
what the citizen's CV lacks below those the citizen qualifies for, and says what is missing.

An ad's requirement is read from its text, one clause at a time (clauses end at . ; ! ? or a
line break), so "truckcertifikat er et plus" or "kørekort B er en fordel" is no requirement.
"C/CE" asks for one of them, so the lesser (C); "C/E" is how ads write CE."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Requirement:
    key: str
    #: As it reads after "Kræver" ("kørekort C").
    label: str | Promise
    #: Driving-licence categories of the CV that meet it.
    licences: frozenset[str] = frozenset()
    #: A pattern in the ad (lower-cased) that asks for it; licences are read by `_LICENCE`.
    asked: str = ""
    #: A pattern in the CV's courses, skills and own words that shows it.
    shown: str = ""


def _licence(category: str, met_by: str) -> Requirement:
    return Requirement(
        f"licence:{category}",
        format_lazy(_("driving licence {category}"), category=category),
        frozenset(met_by.split()),
    )


REQUIREMENTS: tuple[Requirement, ...] = (
    _licence("B", "B BE C1 C1E C CE D1 D DE"),
    _licence("C1", "C1 C1E C CE"),
    _licence("C", "C CE"),
    _licence("CE", "CE"),
    _licence("D1", "D1 D DE"),
    _licence("D", "D DE"),
    Requirement(
        "cert:truck",
        _("a truck certificate"),
        asked=r"truck\s*-?\s*(?:certifikat|kørekort|bevis)",
        shown=r"truck\s*-?\s*(?:certifikat|kørekort|bevis|fører)",
    ),
    Requirement(
        "cert:crane",
        _("a crane certificate"),
        asked=r"kran\w*\s*-?\s*(?:certifikat|bevis)",
        shown=r"kran\w*\s*-?\s*(?:certifikat|bevis)",
    ),
    Requirement("cert:adr", _("an ADR certificate"), asked=r"\badr\b", shown=r"\badr\b"),
    Requirement(
        "cert:welding",
        _("a welding certificate"),
        asked=r"svejse\s*-?\s*certifikat",
        shown=r"svejse\s*-?\s*certifikat",
    ),
    Requirement(
        "cert:hygiene",
        _("a hygiene certificate"),
        asked=r"hygiejne\s*-?\s*(?:bevis|certifikat)",
        shown=r"hygiejne\s*-?\s*(?:bevis|certifikat|kursus)",
    ),
    Requirement(
        "cert:trucker",
        _("the driver qualification (chaufføruddannelse)"),
        asked=r"chaufføruddannelse|kvalifikationsbevis|\beu-efteruddannelse",
        shown=r"chaufføruddannelse|kvalifikationsbevis|efteruddannelse for chauffører",
    ),
)
BY_KEY = {r.key: r for r in REQUIREMENTS}

_CATEGORY = r"(?:c1e|c1|ce|c|d1e|d1|de|d|be|b)"
#: "kørekort C", "kørekort til C/CE", "C-kørekort", "kørekort kategori CE", "(C/E)".
_LICENCE = re.compile(
    rf"(?:(?:kørekort|førerbevis)\s*(?:til\s+)?(?:kategori\s+)?(?P<a>{_CATEGORY})"
    rf"(?:\s*/\s*(?P<b>{_CATEGORY}|e))?\b"
    rf"|\b(?P<c>{_CATEGORY})(?:\s*/\s*(?P<d>{_CATEGORY}|e))?\s*-\s*(?:kørekort|førerbevis)"
    rf"|\((?P<e>c1|c|d1|d)(?:\s*/\s*(?P<f>c1?e?|d1?e?|e))?\))"
)
#: A clause that calls something an advantage, not a requirement.
_OPTIONAL = re.compile(r"\b(?:plus|fordel|gerne|ønskeligt|ikke et krav|ikke krav)\b")
_CLAUSES = re.compile(r"[.;!?\n]+")
#: Within one licence family, the lesser of "X/Y" (what the ad accepts at the least).
_ORDER = ["B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE"]


def _category(first: str, second: str | None) -> str:
    first = first.upper()
    if not second:
        return first
    second = second.upper()
    if second == "E":  # "C/E" is CE
        return first + "E" if not first.endswith("E") else first
    return min(first, second, key=_ORDER.index)


@lru_cache(maxsize=16384)
def required_by(text: str) -> frozenset[str]:
    """The keys of what an ad's text requires (its title, description and skills)."""
    found: set[str] = set()
    for clause in _CLAUSES.split(text.lower()):
        if not clause.strip() or _OPTIONAL.search(clause):
            continue
        for hit in _LICENCE.finditer(clause):
            first, second = next(
                (hit.group(a), hit.group(b))
                for a, b in (("a", "b"), ("c", "d"), ("e", "f"))
                if hit.group(a)
            )
            key = f"licence:{_category(first, second)}"
            if key in BY_KEY:
                found.add(key)
        for requirement in REQUIREMENTS:
            if requirement.asked and re.search(requirement.asked, clause):
                found.add(requirement.key)
    # "C/E" in the title and "C/CE" in the text: CE is what is asked; C goes with it.
    implied = {
        key
        for key in found
        for other in found
        if other != key
        and other.startswith("licence:")
        and other.removeprefix("licence:") in BY_KEY[key].licences
    }
    return frozenset(found - implied)


def shown_by(licences: Iterable[str], texts: Iterable[str]) -> frozenset[str]:
    """The keys a CV meets: by its driving licences, and by its courses, certificates, skills
    and own words (`texts`)."""
    held = set(licences)
    words = "\n".join(t for t in texts if t).lower()
    return frozenset(
        r.key
        for r in REQUIREMENTS
        if (r.licences and held & r.licences) or (r.shown and re.search(r.shown, words))
    )


def labels(keys: Iterable[str]) -> list[str]:
    """The requirements' labels, in the catalogue's order."""
    wanted = set(keys)
    return [str(r.label) for r in REQUIREMENTS if r.key in wanted]
