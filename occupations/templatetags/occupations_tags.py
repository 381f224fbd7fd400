"""Template tags for occupations: the labour-market balance badge and the transfer box.

`{% balance_badge occupation balances %}` shows the occupation's job prospects in an area
(Arbejdsmarkedsbalancen) as a small DKFDS badge whose text says it, so colour is never alone.
`occupation` is an Occupation, its id, or its title. The second argument is best the map a
view got from `occupations.selectors.balance_for`; a plain area (a places Area value, e.g. from
`{% citizen_area citizen as area %}`) also works: then the whole area's balance is read once
per request and shared by every badge on the page, never one query per occupation."""

from typing import cast

from django import template

from occupations import selectors
from occupations.models import LabourBalance, Prospect
from occupations.selectors import BalanceMap

register = template.Library()

BADGE_CLASS: dict[str, str] = {
    Prospect.SHORTAGE: "badge badge-success",
    Prospect.GOOD: "badge badge-info",
    Prospect.LESS_GOOD: "badge",
}

_CACHE_ATTR = "_occupations_balances"


def _page_cache(context: template.Context) -> dict[str, BalanceMap]:
    """One cache per request (per render without a request): area -> its whole balance."""
    request = context.get("request")
    if request is None:
        return cast(dict[str, BalanceMap], context.render_context.setdefault(_CACHE_ATTR, {}))  # type: ignore[arg-type]
    if not hasattr(request, _CACHE_ATTR):
        setattr(request, _CACHE_ATTR, {})
    return getattr(request, _CACHE_ATTR)


def _area_map(context: template.Context, area: str) -> BalanceMap:
    cache = _page_cache(context)
    if area not in cache:
        cache[area] = selectors.balance_for_area(area)
    return cache[area]


def _lookup(balances: dict, occupation) -> LabourBalance | None:
    if isinstance(occupation, str):
        return balances.for_title(occupation) if isinstance(balances, BalanceMap) else None
    occupation_id = occupation if isinstance(occupation, int) else getattr(occupation, "pk", None)
    return balances.get(occupation_id) if occupation_id is not None else None


@register.inclusion_tag("occupations/_balance_badge.html", takes_context=True)
def balance_badge(context, occupation, balances_or_area):
    balance = None
    if occupation and balances_or_area:
        balances = (
            balances_or_area
            if isinstance(balances_or_area, dict)
            else _area_map(context, str(balances_or_area))
        )
        balance = _lookup(balances, occupation)
    return prospect_badge(balance)


@register.inclusion_tag("occupations/_balance_badge.html")
def prospect_badge(balance: LabourBalance | None):
    """The badge of a LabourBalance already at hand (a row of the balance list)."""
    return {
        "balance": balance,
        "badge_class": BADGE_CLASS.get(balance.prospect, "badge") if balance else "",
    }


@register.simple_tag
def citizen_area(*citizens) -> str:
    """`{% citizen_area citizen as area %}`: the RAR area whose balance applies to the citizen
    (their job centre's postcode, else their home postcode), or "" if unknown. Given several
    (`{% citizen_area citizen plan.citizen as area %}`), the first that is set counts."""
    citizen = next((c for c in citizens if c), None)
    return (selectors.area_for_citizen(citizen) or "") if citizen is not None else ""


@register.inclusion_tag("occupations/_transfer_box.html")
def transfer_box(cv, own: bool = True, limit: int = 5):
    """`{% transfer_box cv %}`: "Your skills can also be used as …" for a CV: the occupations
    sought and worked in, and the skills, give a few proposals (a fixed handful of queries;
    the CV's sections are prefetched by cv.selectors.cv_detail)."""
    if cv is None:
        return {"proposals": []}
    occupations = [item.occupation for item in cv.sought_occupations.all()]
    occupations += [item.occupation for item in cv.work_experiences.all() if item.occupation_id]
    skills = [item.skill_id for item in cv.skills.all()]
    proposals = selectors.transfer_occupations(
        occupations=occupations,
        skills=skills,
        limit=limit,
        area=selectors.area_for_citizen(cv.citizen),
    )
    return {"proposals": proposals, "own": own}
