"""Template helpers for occupations: the labour-market balance badge and the transfer box.

`{{ balance_badge(occupation, balances) }}` shows the occupation's job prospects in an area
(Arbejdsmarkedsbalancen) as a small DKFDS badge whose text says it, so colour is never alone.
`occupation` is an Occupation, its id, or its title. The second argument is best the map a
view got from `occupations.selectors.balance_for`; a plain area (a places Area value, e.g. from
`{% set area = citizen_area(citizen) %}`) also works: then the whole area's balance is read once
per request and shared by every badge on the page, never one query per occupation."""

from django.template.loader import render_to_string
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from occupations import selectors
from occupations.models import LabourBalance, Prospect
from occupations.selectors import BalanceMap

BADGE_CLASS: dict[str, str] = {
    Prospect.SHORTAGE: "badge badge-success",
    Prospect.GOOD: "badge badge-info",
    Prospect.LESS_GOOD: "badge",
}

_CACHE_ATTR = "_occupations_balances"


def _render(template_name: str, context: dict) -> Markup:
    """An include's markup, safe to put in the page (its template escaped what it shows)."""
    return Markup(render_to_string(template_name, context))  # noqa: S704


def _page_cache(context: Context) -> dict[str, BalanceMap]:
    """One cache per request (none for a render without a request): area -> its balance."""
    request = context.get("request")
    if request is None:
        return {}
    if not hasattr(request, _CACHE_ATTR):
        setattr(request, _CACHE_ATTR, {})
    return getattr(request, _CACHE_ATTR)


def _area_map(context: Context, area: str) -> BalanceMap:
    cache = _page_cache(context)
    if area not in cache:
        cache[area] = selectors.balance_for_area(area)
    return cache[area]


def _lookup(balances: dict, occupation) -> LabourBalance | None:
    if isinstance(occupation, str):
        return balances.for_title(occupation) if isinstance(balances, BalanceMap) else None
    occupation_id = occupation if isinstance(occupation, int) else getattr(occupation, "pk", None)
    return balances.get(occupation_id) if occupation_id is not None else None


@pass_context
def balance_badge(context: Context, occupation, balances_or_area) -> Markup:
    balance = None
    if occupation and balances_or_area:
        balances = (
            balances_or_area
            if isinstance(balances_or_area, dict)
            else _area_map(context, str(balances_or_area))
        )
        balance = _lookup(balances, occupation)
    return prospect_badge(balance)


def prospect_badge(balance: LabourBalance | None) -> Markup:
    """The badge of a LabourBalance already at hand (a row of the balance list)."""
    return _render(
        "occupations/_balance_badge.html",
        {
            "balance": balance,
            "badge_class": BADGE_CLASS.get(balance.prospect, "badge") if balance else "",
        },
    )


def citizen_area(*citizens) -> str:
    """`{% set area = citizen_area(citizen) %}`: the RAR area whose balance applies to the
    citizen (their job centre's postcode, else their home postcode), or "" if unknown. Given
    several (`citizen_area(citizen, plan.citizen)`), the first that is set counts."""
    citizen = next((c for c in citizens if c), None)
    return (selectors.area_for_citizen(citizen) or "") if citizen is not None else ""


def transfer_box(cv, own: bool = True, limit: int = 5) -> Markup:
    """`{{ transfer_box(cv) }}`: "Your skills can also be used as …" for a CV: the occupations
    sought and worked in, and the skills, give a few proposals (a fixed handful of queries;
    the CV's sections are prefetched by cv.selectors.cv_detail)."""
    if cv is None:
        return _render("occupations/_transfer_box.html", {"proposals": []})
    occupations = [item.occupation for item in cv.sought_occupations.all()]
    occupations += [item.occupation for item in cv.work_experiences.all() if item.occupation_id]
    skills = [item.skill_id for item in cv.skills.all()]
    proposals = selectors.transfer_occupations(
        occupations=occupations,
        skills=skills,
        limit=limit,
        area=selectors.area_for_citizen(cv.citizen),
    )
    return _render("occupations/_transfer_box.html", {"proposals": proposals, "own": own})
