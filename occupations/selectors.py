from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from occupations.models import LabourBalance, Occupation, OccupationSkill, Prospect
from places.models import Area
from places.selectors import area_of


def occupation_search(query: str, limit: int = 20) -> QuerySet:
    """Occupations whose title or a synonym contains every word of the query."""
    qs = Occupation.objects.all()
    for word in query.lower().split()[:5]:
        qs = qs.filter(search_text__contains=word)
    return qs[:limit]


def occupation_by_title(title: str) -> Occupation | None:
    """The occupation with exactly this title or synonym (any case), else None."""
    wanted = title.strip().lower()
    if not wanted:
        return None
    for occupation in Occupation.objects.filter(search_text__contains=wanted):
        names = [occupation.title, *occupation.synonyms.splitlines()]
        if any(n.strip().lower() == wanted for n in names):
            return occupation
    return None


# --- Labour-market balance (Arbejdsmarkedsbalancen) -----------------------------------------


class BalanceMap(dict):
    """`{occupation_id: LabourBalance}` for one area, remembering the area. Templates pass it
    to `{% balance_badge occupation balances %}`, which then reads it without a query."""

    def __init__(self, balances=(), *, area: str | None = None):
        super().__init__(balances)
        self.area = area
        self._by_title: dict[str, LabourBalance] | None = None

    def for_title(self, title: str) -> LabourBalance | None:
        """The balance of the occupation with this title (any case), for pages that carry
        titles only (the preparation view)."""
        if self._by_title is None:
            self._by_title = {b.occupation.title.lower(): b for b in self.values()}
        return self._by_title.get(title.strip().lower())


def _occupation_ids(occupations: Iterable) -> set[int]:
    return {o if isinstance(o, int) else o.pk for o in occupations if o is not None}


def balance_for(occupations: Iterable, area: str | None) -> BalanceMap:
    """The balance of each of `occupations` (Occupation objects or ids) in `area` (a places
    Area), in one query; occupations without a row are absent. No area: an empty map."""
    if not area:
        return BalanceMap(area=None)
    ids = _occupation_ids(occupations)
    if not ids:
        return BalanceMap(area=area)
    rows = LabourBalance.objects.filter(area=area, occupation_id__in=ids).select_related(
        "occupation"
    )
    return BalanceMap(((b.occupation_id, b) for b in rows), area=area)


def balance_for_area(area: str | None) -> BalanceMap:
    """The whole balance of one area (one query): for a page that shows many occupations
    it does not know in advance."""
    if not area:
        return BalanceMap(area=None)
    rows = LabourBalance.objects.filter(area=area).select_related("occupation")
    return BalanceMap(((b.occupation_id, b) for b in rows), area=area)


def area_for_citizen(citizen) -> Area | None:
    """The RAR area whose balance applies to a citizen: their job centre's postcode, else their
    home postcode."""
    centre = getattr(citizen, "job_centre", None)
    return area_of(getattr(centre, "postcode", "")) or area_of(citizen.postcode)


def balance_list(*, area: str = "", prospect: str = "") -> QuerySet:
    qs = LabourBalance.objects.select_related("occupation").order_by("occupation__title", "area")
    if area:
        qs = qs.filter(area=area)
    if prospect:
        qs = qs.filter(prospect=prospect)
    return qs


# --- Transfer: occupations a citizen's competences can also be used in ----------------------

#: Weights of the transfer ranking: a hand-made relation counts most, then how much of an
#: occupation's essential skills the citizen already has, then the job prospects.
RELATED_WEIGHT = 1.0
PROSPECT_BONUS = {Prospect.SHORTAGE: 0.3, Prospect.GOOD: 0.15, Prospect.LESS_GOOD: 0.0}
#: An occupation is proposed on skills alone from this share of its essential skills on.
MIN_SKILL_SHARE = 0.5


@dataclass(frozen=True)
class Transfer:
    occupation: Occupation
    reason: str
    score: float
    balance: LabourBalance | None = None


def transfer_occupations(
    *, occupations: Iterable, skills: Iterable, limit: int = 5, area: str | None = None
) -> list[Transfer]:
    """Occupations the competences transfer to: the related occupations of those sought or
    held, and the occupations whose essential skills the citizen's skills cover best, each
    with a short reason. With an `area`, occupations in demand there rank higher. Those given
    in `occupations` are never proposed. A fixed handful of queries, whatever the sizes."""
    own = _occupation_ids(occupations)
    skill_ids = {s if isinstance(s, int) else s.pk for s in skills if s is not None}
    related: dict[int, str] = {}  # candidate id -> the title of one occupation it is related to
    if own:
        Through = Occupation.related.through
        for candidate, via in (
            Through.objects.filter(from_occupation_id__in=own)
            .exclude(to_occupation_id__in=own)
            .order_by("from_occupation__title")
            .values_list("to_occupation_id", "from_occupation__title")
        ):
            related.setdefault(candidate, via)
    coverage: dict[int, tuple[int, int]] = {}  # candidate id -> (have, essential total)
    if skill_ids:
        have = dict(
            OccupationSkill.objects.filter(essential=True, skill_id__in=skill_ids)
            .exclude(occupation_id__in=own)
            .values("occupation_id")
            .annotate(n=Count("id"))
            .values_list("occupation_id", "n")
        )
        totals = dict(
            OccupationSkill.objects.filter(essential=True, occupation_id__in=have)
            .values("occupation_id")
            .annotate(n=Count("id"))
            .values_list("occupation_id", "n")
        )
        coverage = {pk: (n, totals[pk]) for pk, n in have.items() if totals.get(pk)}
    candidates = set(related) | {
        pk for pk, (n, total) in coverage.items() if n / total >= MIN_SKILL_SHARE
    }
    if not candidates:
        return []
    balances = balance_for(candidates, area)
    proposals = []
    for occupation in Occupation.objects.filter(pk__in=candidates):
        reasons, score = [], 0.0
        if occupation.pk in related:
            reasons.append(_("Related to %(title)s") % {"title": related[occupation.pk]})
            score += RELATED_WEIGHT
        if occupation.pk in coverage:
            n, total = coverage[occupation.pk]
            reasons.append(
                ngettext(
                    "you have %(have)s of %(total)s essential skill",
                    "you have %(have)s of %(total)s essential skills",
                    total,
                )
                % {"have": n, "total": total}
            )
            score += n / total
        balance = balances.get(occupation.pk)
        if balance is not None:
            score += PROSPECT_BONUS[Prospect(balance.prospect)]
        reason = "; ".join(reasons)
        proposals.append(Transfer(occupation, reason[:1].upper() + reason[1:], score, balance))
    proposals.sort(key=lambda t: (-t.score, t.occupation.title))
    return proposals[:limit]
