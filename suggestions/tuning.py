"""How a citizen's "not relevant" answers tune the coming weeks' suggestions.

- "Ikke min branche": openings of that occupation and that company's industry weigh less.
- "Kræver uddannelse jeg ikke har": openings of that occupation weigh less.
- "Arbejdstiden passer ikke": openings of that employment type weigh less.
- "For langt væk": the effective radius shrinks to less than the nearest opening marked too far.
- "Andet": nothing (a person reads it).

All of it goes to matching's `penalties` hook, which multiplies each candidate's score."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import override

from citizens.models import Citizen
from labour.matching import Candidate, rank_openings_for
from labour.models import Company, JobOpening
from suggestions.models import JobSuggestion, Reason, Status

#: A score is multiplied by this once for each way the opening resembles one marked not relevant.
DOWN_WEIGHT = 0.5


@dataclass(frozen=True)
class Tuning:
    occupation_ids: frozenset[int] = field(default_factory=frozenset)
    #: Companies in an industry the citizen said is not theirs.
    company_ids: frozenset[int] = field(default_factory=frozenset)
    employment_types: frozenset[str] = field(default_factory=frozenset)
    #: Openings this far from home or farther are left out (None: matching's own radius).
    too_far_km: int | None = None

    def penalty(self, candidate: Candidate) -> float:
        """matching's penalty hook: the share of its score a candidate keeps (0 drops it)."""
        km = candidate.distance_km
        if self.too_far_km is not None and km is not None and round(km) >= self.too_far_km:
            return 0.0
        factor = 1.0
        if candidate.occupation_id is not None and candidate.occupation_id in self.occupation_ids:
            factor *= DOWN_WEIGHT
        if candidate.company_id is not None and candidate.company_id in self.company_ids:
            factor *= DOWN_WEIGHT
        if candidate.employment_type in self.employment_types:
            factor *= DOWN_WEIGHT
        return factor


def tuning_for(citizen: Citizen) -> Tuning:
    """The tuning from all the citizen's "not relevant" answers, in two queries."""
    occupations: set[int] = set()
    industries: set[int] = set()
    types: set[str] = set()
    too_far: list[int] = []
    answers = JobSuggestion.objects.filter(
        citizen=citizen, status=Status.NOT_RELEVANT
    ).select_related("opening__company")
    for answer in answers:
        opening, reason = answer.opening, answer.reason
        if reason in (Reason.NOT_MY_INDUSTRY, Reason.EDUCATION) and opening.occupation_id:
            occupations.add(opening.occupation_id)
        company = opening.company
        if reason == Reason.NOT_MY_INDUSTRY and company is not None and company.industry_id:
            industries.add(company.industry_id)
        if reason == Reason.HOURS:
            types.add(opening.employment_type)
        if reason == Reason.TOO_FAR and answer.distance_km is not None:
            too_far.append(answer.distance_km)
    companies = (
        Company.objects.filter(job_centre_id=citizen.job_centre_id, industry_id__in=industries)
        if industries
        else Company.objects.none()
    )
    return Tuning(
        occupation_ids=frozenset(occupations),
        company_ids=frozenset(companies.values_list("pk", flat=True)),
        employment_types=frozenset(types),
        too_far_km=min(too_far) if too_far else None,
    )


@dataclass
class Pick:
    opening: JobOpening
    why: str
    distance_km: int | None


def ranked(
    *, citizen: Citizen, today: date, limit: int, exclude_ids, tuned_by: Tuning
) -> list[Pick]:
    """The best `limit` openings for the citizen after the tuning. The "why" is written in
    Danish, the language the suggestions are kept in."""
    with override("da"):
        matches = rank_openings_for(
            citizen,
            today=today,
            limit=limit,
            exclude_ids=tuple(exclude_ids),
            penalties=tuned_by.penalty,
        )
    return [
        Pick(
            match.opening,
            match.why,
            None if match.distance_km is None else round(match.distance_km),
        )
        for match in matches
    ]
