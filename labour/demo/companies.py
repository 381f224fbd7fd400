"""Demo companies and the shared job board: about 60 companies around Jobcenter Demo (Brøndby
and the neighbouring towns of Vestegnen and Copenhagen) with contacts, knowledge notes and some
cooperation agreements, a handful around Jobcenter Nord (Frederikshavn), and 500 open openings
for Jobcenter Demo across common occupations, among them nurses' openings near and far (some
in Nordjylland). 30 of them come from labour/data/jobposting_sample.jsonld through the real
import, the rest are written with bulk_create (it must be fast). A few openings have expired.
Creation times are spread over five weeks, so "new since last Tuesday" has a realistic count.

Needs the centres' staff (centres.demo) and the occupation list; runs before the seeders that
use companies and openings (courses, suggestions, matching)."""

import random
from datetime import timedelta
from typing import TextIO

from django.utils import timezone
from stdnum.dk import cvr as stdnum_cvr

from accounts.models import User
from centres.models import JobCentre
from labour.demo.catalogue import (
    AGREEMENTS,
    CONTACT_TITLES,
    DEMO_COMPANIES,
    DEMO_PLACES,
    EXPIRED_OPENINGS,
    FIRST_NAMES,
    KINDS,
    LAST_NAMES,
    NORD_COMPANIES,
    NORD_PLACES,
    OPEN_OPENINGS,
)
from labour.demo.openings import (
    _expired,
    _import_sample,
    _nurse_openings,
    _openings,
    _save,
    _spread_created_at,
)
from labour.models import (
    Company,
    ContactPerson,
    CooperationAgreement,
    Industry,
)
from occupations.models import Occupation


def _cvr(rng: random.Random, used: set[str]) -> str:
    while True:
        body = f"{rng.randrange(1_000_000, 9_999_999)}"
        for last in "0123456789":
            number = body + last
            if stdnum_cvr.is_valid(number) and number not in used:
                used.add(number)
                return number


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _phone(rng: random.Random) -> str:
    return f"+45{rng.randrange(20_000_000, 99_999_999)}"


def _companies(rng, centre, places, kinds, consultants, industries, used_cvrs) -> list[Company]:
    companies: list[Company] = []
    names: set[str] = set()
    for kind, count in kinds:
        code, patterns, _hires, tasks, tone, culture, requirements, seasonal = KINDS[kind]
        for n in range(count):
            postcode, town = places[(len(companies) + n) % len(places)]
            name = rng.choice(patterns).format(town=town)
            while name in names:
                name = f"{name} {len(names) % 7 + 2}"
            names.add(name)
            companies.append(
                Company(
                    job_centre=centre,
                    cvr=_cvr(rng, used_cvrs),
                    name=name,
                    industry=industries.get(code),
                    address=f"{rng.choice(['Industrivej', 'Park Allé', 'Hovedgaden', 'Roskildevej', 'Havnevej'])} {rng.randrange(1, 180)}",  # noqa: E501
                    postcode=postcode,
                    town=town,
                    is_company_centre=kind in ("warehouse", "care") and n == 0,
                    tasks=tasks,
                    tone=tone,
                    culture=culture if rng.random() < 0.8 else "",
                    requirements=requirements,
                    seasonal_needs=seasonal if rng.random() < 0.7 else "",
                    consultant=consultants[len(companies) % len(consultants)],
                )
            )
    created = Company.objects.bulk_create(companies)
    for company, kind in zip(created, [k for k, c in kinds for _ in range(c)], strict=True):
        company.kind = kind  # type: ignore[attr-defined]
    return created


def _contacts(rng, companies) -> dict[int, list[ContactPerson]]:
    contacts = []
    for company in companies:
        for n in range(rng.choice([1, 2, 2, 3])):
            name = _person(rng)
            contacts.append(
                ContactPerson(
                    company=company,
                    name=name,
                    title=rng.choice(CONTACT_TITLES),
                    phone=_phone(rng),
                    email=f"{name.split()[0].lower()}@{company.cvr}.example.dk",
                    is_primary=n == 0,
                )
            )
    by_company: dict[int, list[ContactPerson]] = {}
    for contact in ContactPerson.objects.bulk_create(contacts):
        by_company.setdefault(contact.company_id, []).append(contact)
    return by_company


def _agreements(rng, companies, today) -> int:
    agreements = []
    for company in companies:
        if company.is_company_centre:
            title, description = AGREEMENTS[3]
        elif rng.random() < 0.25:
            title, description = rng.choice(AGREEMENTS[:3])
        else:
            continue
        starts = today - timedelta(days=rng.randrange(60, 900))
        ends = None
        if rng.random() < 0.2:
            ends = today - timedelta(days=rng.randrange(1, 50))
        agreements.append(
            CooperationAgreement(
                company=company,
                title=title,
                description=description,
                starts_on=starts,
                ends_on=ends,
            )
        )
    CooperationAgreement.objects.bulk_create(agreements)
    return len(agreements)


def seed(rng: random.Random, stdout: TextIO) -> None:
    today = timezone.localdate()
    demo = JobCentre.objects.get(name="Jobcenter Demo")
    nord = JobCentre.objects.get(name="Jobcenter Nord")
    consultants = list(
        User.objects.filter(username__in=["virksomhed", "virksomhed2"]).order_by("username")
    )
    nord_staff = list(User.objects.filter(job_centre=nord).order_by("username")[:1])
    industries = {i.code: i for i in Industry.objects.all()}
    occupations = {o.title: o for o in Occupation.objects.all()}
    if not occupations:
        stdout.write("  labour: no occupations, so no openings\n")
        return
    used_cvrs: set[str] = set()

    companies = _companies(
        rng, demo, DEMO_PLACES, list(DEMO_COMPANIES.items()), consultants, industries, used_cvrs
    )
    nord_companies = _companies(
        rng,
        nord,
        NORD_PLACES,
        [(kind, 1) for kind in NORD_COMPANIES],
        nord_staff or [None],
        industries,
        used_cvrs,
    )
    contacts = _contacts(rng, companies + nord_companies)
    agreements = _agreements(rng, companies + nord_companies, today)

    imported = _import_sample(demo, consultants[0] if consultants else None, today)
    nurses = _nurse_openings(rng, demo, occupations, consultants or [None], today)
    rest = OPEN_OPENINGS - len(imported) - len(nurses)
    openings = _save(
        nurses
        + _openings(rng, demo, companies, contacts, occupations, consultants or [None], today, rest)
        + _expired(
            rng, demo, companies, occupations, consultants or [None], today, EXPIRED_OPENINGS
        )
        + _openings(
            rng, nord, nord_companies, contacts, occupations, nord_staff or [None], today, 25
        )
    )
    _spread_created_at(openings + imported, rng)
    stdout.write(
        f"  labour: {len(companies) + len(nord_companies)} companies, {agreements} agreements, "
        f"{len(openings) + len(imported)} openings ({len(imported)} imported)\n"
    )
