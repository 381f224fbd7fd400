"""The demo's job openings: the board's open openings, the nurses' near and far, a few expired
ones, and the sample file imported through the real import."""

import json
from datetime import datetime, time, timedelta

from django.utils import timezone

from labour.demo.catalogue import (
    HISTORY_DAYS,
    KINDS,
    NURSE_PLACES_FAR,
    NURSE_PLACES_NEAR,
    PLURALS,
    SAMPLE,
    TITLE_ENDINGS,
)
from labour.imports import JSONLD
from labour.imports import runs as import_runs
from labour.models import (
    EmploymentType,
    ImportStatus,
    JobOpening,
)
from labour.search import document_for
from occupations.models import Occupation, OccupationSkill


def _title(rng, occupation: Occupation, company_name: str) -> str:
    many = rng.random() < 0.4
    word = PLURALS.get(occupation.title, occupation.title) if many else occupation.title
    ending = rng.choice(TITLE_ENDINGS)
    if not ending and rng.random() < 0.5:
        ending = f" til {company_name}"
    return f"{word}{ending}"[:200]


def _nurse_openings(rng, centre, occupations, consultants, today) -> list[JobOpening]:
    nurse = occupations.get("Sygeplejerske")
    openings = []
    for far, places in ((False, NURSE_PLACES_NEAR), (True, NURSE_PLACES_FAR)):
        for employer, postcode, town, unit in places:
            openings.append(
                JobOpening(
                    job_centre=centre,
                    title=f"Sygeplejersker til {unit}",
                    description=(
                        f"{employer} søger sygeplejersker til {unit}. "
                        "Fuld tid eller deltid, dag/aften/nat efter aftale."
                    ),
                    employer_name=employer,
                    occupation=nurse,
                    occupational_category="2221",
                    employment_type=EmploymentType.FULL_TIME,
                    positions=rng.choice([1, 2, 3]),
                    postcode=postcode,
                    town=town,
                    date_posted=today - timedelta(days=rng.randrange(0, 20)),
                    valid_through=today + timedelta(days=rng.randrange(10, 40)),
                    base_salary="36.000\u201342.000 DKK pr. måned" if not far else "",
                    consultant=consultants[0],
                )
            )
    return openings


def _openings(rng, centre, companies, contacts, occupations, consultants, today, count):
    openings = []
    for n in range(count):
        company = rng.choice(companies)
        hires = [occupations[t] for t in KINDS[company.kind][2] if t in occupations]
        occupation = rng.choice(hires or list(occupations.values()))
        without_company = rng.random() < 0.12
        people = contacts.get(company.pk, [])
        openings.append(
            JobOpening(
                job_centre=centre,
                title=_title(rng, occupation, company.name),
                description=(
                    f"{company.name} søger {occupation.title.lower()}. {company.tasks} "
                    f"{company.requirements}"
                ),
                company=None if without_company else company,
                employer_name=company.name if without_company else "",
                occupation=occupation,
                occupational_category=occupation.disco_code,
                employment_type=rng.choice(
                    [EmploymentType.FULL_TIME] * 5
                    + [EmploymentType.PART_TIME] * 3
                    + [EmploymentType.TEMPORARY, EmploymentType.SEASONAL]
                ),
                positions=rng.choice([1, 1, 1, 1, 2, 2, 3, 5]),
                postcode=company.postcode,
                town=company.town,
                date_posted=today - timedelta(days=rng.randrange(0, HISTORY_DAYS)),
                valid_through=(
                    None if rng.random() < 0.08 else today + timedelta(days=rng.randrange(0, 50))
                ),
                contact=(rng.choice(people) if people and not without_company and n % 3 else None),
                consultant=consultants[n % len(consultants)],
            )
        )
    return openings


def _expired(rng, centre, companies, occupations, consultants, today, count):
    openings = _openings(rng, centre, companies, {}, occupations, consultants, today, count)
    for opening in openings:
        opening.valid_through = today - timedelta(days=rng.randrange(1, 30))
        opening.date_posted = opening.valid_through - timedelta(days=rng.randrange(14, 40))
    return openings


def _save(openings: list[JobOpening]) -> list[JobOpening]:
    for opening in openings:
        opening.search_document = document_for(opening)
    saved = JobOpening.objects.bulk_create(openings)
    # The skills the occupation asks for, as an opening imported with them would have.
    essential: dict[int, list[int]] = {}
    for link in OccupationSkill.objects.filter(essential=True).values("occupation_id", "skill_id"):
        essential.setdefault(link["occupation_id"], []).append(link["skill_id"])
    through = JobOpening.skills.through
    through.objects.bulk_create(
        [
            through(jobopening_id=o.pk, skill_id=skill)
            for o in saved
            if o.occupation_id
            for skill in essential.get(o.occupation_id, [])[:3]
        ]
    )
    return saved


def _spread_created_at(openings: list[JobOpening], rng) -> None:
    """created_at is set by the database on insert; move each back to the day it was posted,
    at a working hour (never into the future)."""
    now = timezone.now()
    by_moment: dict[datetime, list[int]] = {}
    for opening in openings:
        posted = datetime.combine(
            opening.date_posted, time(rng.randrange(7, 17), rng.randrange(60))
        )
        moment = min(timezone.make_aware(posted), now)
        by_moment.setdefault(moment, []).append(opening.pk)
    for moment, pks in by_moment.items():
        JobOpening.objects.filter(pk__in=pks).update(created_at=moment)


def _import_sample(centre, consultant, today) -> list[JobOpening]:
    """The sample JobPostings through the real import, their dates moved to the present."""
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for n, node in enumerate(document["@graph"]):
        node["datePosted"] = (today - timedelta(days=n % 12)).isoformat()
        node["validThrough"] = (today + timedelta(days=7 + (n * 5) % 40)).isoformat()
    # As a large upload is imported: an OpeningImport the worker runs (here at once), so the
    # import page has one to show.
    run = import_runs.opening_import_start(
        job_centre=centre,
        user=consultant,
        raw=json.dumps(document, ensure_ascii=False).encode("utf-8"),
        kind=JSONLD,
        all_or_nothing=False,
    )
    done = import_runs.opening_import_run(import_id=run.pk)
    if done is None or done.problems or done.status != ImportStatus.DONE:
        raise RuntimeError(f"The JobPosting sample has problems: {run.pk}")
    return list(JobOpening.objects.filter(job_centre=centre, source="jsonld"))
