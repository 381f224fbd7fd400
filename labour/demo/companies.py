"""Demo companies and the shared job board: about 60 companies around Jobcenter Demo (Brøndby
and the neighbouring towns of Vestegnen and Copenhagen) with contacts, knowledge notes and some
cooperation agreements, a handful around Jobcenter Nord (Frederikshavn), and 500 open openings
for Jobcenter Demo across common occupations, among them nurses' openings near and far (some
in Nordjylland). 30 of them come from labour/data/jobposting_sample.jsonld through the real
import, the rest are written with bulk_create (it must be fast). A few openings have expired.
Creation times are spread over five weeks, so "new since last Tuesday" has a realistic count.

Needs the centres' staff (centres.demo) and the occupation list; runs before the seeders that
use companies and openings (courses, suggestions, matching)."""

import json
import random
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TextIO

from django.utils import timezone
from stdnum.dk import cvr as stdnum_cvr

from accounts.models import User
from centres.models import JobCentre
from labour.imports import JSONLD
from labour.imports import runs as import_runs
from labour.models import (
    Company,
    ContactPerson,
    CooperationAgreement,
    EmploymentType,
    ImportStatus,
    Industry,
    JobOpening,
)
from labour.search import document_for
from occupations.models import Occupation, OccupationSkill

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "jobposting_sample.jsonld"
OPEN_OPENINGS = 500
EXPIRED_OPENINGS = 14
HISTORY_DAYS = 35

#: (postcode, town) around Jobcenter Demo, the nearest first.
DEMO_PLACES = [
    ("2605", "Brøndby"),
    ("2660", "Brøndby Strand"),
    ("2600", "Glostrup"),
    ("2650", "Hvidovre"),
    ("2625", "Vallensbæk"),
    ("2620", "Albertslund"),
    ("2635", "Ishøj"),
    ("2610", "Rødovre"),
    ("2630", "Taastrup"),
    ("2640", "Hedehusene"),
    ("2500", "Valby"),
    ("2450", "København SV"),
    ("1620", "København V"),
    ("2300", "København S"),
    ("2750", "Ballerup"),
    ("2670", "Greve"),
    ("4000", "Roskilde"),
]
NORD_PLACES = [
    ("9900", "Frederikshavn"),
    ("9990", "Skagen"),
    ("9300", "Sæby"),
    ("9800", "Hjørring"),
    ("9000", "Aalborg"),
]

#: Kinds of company: DB07 code, name patterns, occupations they hire, knowledge notes.
KINDS = {
    "warehouse": (
        "521000",
        ["{town} Lager & Logistik ApS", "Nordic Pallet {town} A/S", "Vestegnens Distribution"],
        ["Lagerarbejder", "Truckfører", "Pakkeriarbejder", "Lagerekspedient"],
        "Plukning, pakning og varemodtagelse i skiftehold; scannere og truck.",
        "Kort og kontant. Man siger til, hvis noget går galt.",
        "Mange nationaliteter, fælles morgenmad om fredagen, tydelige holdledere.",
        "Sikkerhedssko, mødestabilitet; truckcertifikat er et plus.",
        "Uge 40-51: op til 20 ekstra til julesæsonen.",
    ),
    "transport": (
        "494100",
        ["{town} Fragt ApS", "Vestegnens Vognmandsforretning", "Brøndby Kurér & Distribution"],
        ["Chauffør (lastbil)", "Varebilschauffør", "Disponent (transport)", "Bud"],
        "Distribution til butikker på Sjælland, tidlige morgener.",
        "Uformel, meget telefon og radio.",
        "Små teams pr. rute; chaufførerne kender hinanden godt.",
        "Kørekort C/CE for lastbil; B for varebil; ren straffeattest.",
        "Flere ruter i november og december.",
    ),
    "care": (
        "873000",
        ["Plejecenter {town}", "Omsorgshuset {town}", "Ældrecenter Vestervang"],
        ["Social- og sundhedsassistent", "Social- og sundhedshjælper", "Sygeplejerske"],
        "Personlig pleje, medicin, dokumentation; dag-, aften- og nattevagter.",
        "Varm og rolig; beboerne først.",
        "Fast kerne af erfarne kolleger, der gerne tager elever og praktikanter.",
        "SOSU-uddannelse; danskkundskaber til dokumentation.",
        "Sommerferieafløsning maj-august.",
    ),
    "hospital": (
        "861000",
        ["{town} Hospital", "Privathospitalet {town}"],
        ["Sygeplejerske", "Portør", "Lægesekretær", "Rengøringsassistent"],
        "Akutmodtagelse, sengeafsnit og ambulatorier.",
        "Professionel, travl, hurtige overleveringer.",
        "Stor arbejdsplads med mange faggrupper.",
        "Autorisation for sundhedsfaglige stillinger.",
        "Sommerferie og vinterens influenzasæson.",
    ),
    "retail": (
        "471110",
        ["Super{town}", "Købmand {town}", "Discount {town}"],
        ["Butiksassistent", "Kassemedarbejder", "Butikschef"],
        "Kasse, varepåfyldning, kundeservice; weekender.",
        "Smilende og effektiv; kunderne først.",
        "Unge kolleger og faste ældre; god oplæring.",
        "Fleksibilitet til aften og weekend.",
        "Jul og påske: ekstra hænder.",
    ),
    "cleaning": (
        "812100",
        ["{town} Rengøring ApS", "Vestegnens Servicepartner", "Rent & Pænt {town}"],
        ["Rengøringsassistent", "Vinduespudser", "Ejendomsservicetekniker"],
        "Kontorrengøring tidlig morgen og aften; hospitaler og skoler.",
        "Praktisk og venlig.",
        "Små hold på faste adresser.",
        "Kørekort B er en fordel; mødestabilitet.",
        "Sommer: hovedrengøring af skoler.",
    ),
    "kitchen": (
        "562900",
        ["Kantinen i {town}", "{town} Madhus", "Frokostkøkkenet Vest"],
        ["Kok", "Køkkenmedhjælper", "Kantinemedarbejder", "Ernæringsassistent"],
        "Frokostproduktion til virksomheder og institutioner.",
        "Travl formiddag, roligere eftermiddag.",
        "Lille køkken, alle hjælper hinanden.",
        "Hygiejnebevis; gerne erfaring fra storkøkken.",
        "Færre kuverter i juli.",
    ),
    "construction": (
        "412000",
        ["{town} Byg A/S", "Vestegnens Entreprise", "Murer & Tømrer {town} ApS"],
        ["Tømrer", "Murer", "Bygningsarbejder", "Anlægsarbejder", "Elektriker", "Maler"],
        "Renovering af etageboliger og nybyggeri.",
        "Direkte; sikkerhed tages alvorligt.",
        "Sjak med fast formand; lærlinge velkomne.",
        "Svende- eller erfaringsbevis; sikkerhedskursus.",
        "Travlt marts-oktober.",
    ),
    "industry": (
        "256200",
        ["{town} Industri A/S", "Nordic Metal {town}", "Vestegnens Maskinfabrik"],
        ["Produktionsmedarbejder", "Smed", "Industrioperatør", "CNC-operatør", "Montør (industri)"],
        "Produktion i tre skift; CNC og svejsning.",
        "Rolig og saglig; fokus på kvalitet.",
        "Lang anciennitet; stolte af produktet.",
        "Teknisk flair; erfaring med maskiner.",
        "Jævnt over året.",
    ),
    "childcare": (
        "889100",
        ["Børnehuset {town}", "Vuggestuen Solsikken", "Naturbørnehaven {town}"],
        ["Pædagog", "Pædagogmedhjælper", "Dagplejer"],
        "Vuggestue og børnehave, 0-6 år.",
        "Nærværende og legende.",
        "Tæt samarbejde med forældre; udeliv hver dag.",
        "Pædagogisk erfaring; straffe- og børneattest.",
        "Flere børn i foråret.",
    ),
    "office": (
        "692000",
        ["{town} Revision", "Vestegnens Bogføring ApS", "KontorService {town}"],
        ["Bogholder", "Kontorassistent", "Receptionist", "Kundeservicemedarbejder"],
        "Bogføring, løn og kundeservice for små virksomheder.",
        "Venlig og præcis.",
        "Lille kontor, fleksible arbejdstider.",
        "Excel og e-conomic eller Dinero.",
        "Travlt op til årsafslutning og moms.",
    ),
    "hotel": (
        "551010",
        ["Hotel {town}", "{town} Konferencecenter"],
        ["Hotelreceptionist", "Tjener", "Rengøringsassistent", "Kok"],
        "Reception, housekeeping og restaurant.",
        "Serviceminded; gæsten i centrum.",
        "Internationalt hold; engelsk hver dag.",
        "Engelsk; weekendarbejde.",
        "Sommer og konferencesæson i efteråret.",
    ),
}
#: How many companies of each kind around Jobcenter Demo (60 in all).
DEMO_COMPANIES = {
    "warehouse": 9,
    "transport": 6,
    "care": 6,
    "hospital": 3,
    "retail": 7,
    "cleaning": 6,
    "kitchen": 5,
    "construction": 6,
    "industry": 5,
    "childcare": 3,
    "office": 2,
    "hotel": 2,
}
NORD_COMPANIES = ["industry", "care", "hospital", "retail", "hotel", "transport"]

PLURALS = {
    "Sygeplejerske": "Sygeplejersker",
    "Lagerarbejder": "Lagerarbejdere",
    "Butiksassistent": "Butiksassistenter",
    "Social- og sundhedsassistent": "Social- og sundhedsassistenter",
    "Social- og sundhedshjælper": "Social- og sundhedshjælpere",
    "Rengøringsassistent": "Rengøringsassistenter",
    "Produktionsmedarbejder": "Produktionsmedarbejdere",
    "Pakkeriarbejder": "Pakkeriarbejdere",
    "Kassemedarbejder": "Kassemedarbejdere",
    "Pædagogmedhjælper": "Pædagogmedhjælpere",
    "Tømrer": "Tømrere",
    "Chauffør (lastbil)": "Lastbilchauffører",
}
TITLE_ENDINGS = [
    "",
    " til dagholdet",
    " til aftenhold",
    " til nattehold",
    ", fast stilling",
    ", vikariat",
    " på deltid",
    " - gerne med erfaring",
    " til travl afdeling",
]
NURSE_PLACES_FAR = [
    ("Region Nordjylland", "9000", "Aalborg", "Aalborg Universitetshospital"),
    ("Region Nordjylland", "9900", "Frederikshavn", "Sygehus Vendsyssel, Frederikshavn"),
    ("Region Nordjylland", "9800", "Hjørring", "Regionshospital Nordjylland, Hjørring"),
    ("Frederikshavn Kommune", "9990", "Skagen", "hjemmesygeplejen i Skagen"),
    ("Region Sjælland", "4000", "Roskilde", "Sjællands Universitetshospital, Roskilde"),
]
NURSE_PLACES_NEAR = [
    ("Hvidovre Hospital", "2650", "Hvidovre", "akutmodtagelsen"),
    ("Glostrup Hospital", "2600", "Glostrup", "neurologisk afdeling"),
    ("Brøndby Kommune", "2605", "Brøndby", "hjemmesygeplejen"),
    ("Rigshospitalet", "2100", "København Ø", "intensiv afdeling"),
    ("Bispebjerg Hospital", "2400", "København NV", "medicinsk afdeling"),
]
FIRST_NAMES = [
    "Anne", "Mette", "Lone", "Susanne", "Camilla", "Louise", "Jens", "Lars", "Morten",
    "Henrik", "Søren", "Thomas", "Fatima", "Ahmed", "Katarzyna", "Ole", "Bente", "Dorthe",
    "Mikkel", "Rikke",
]  # fmt: skip
LAST_NAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Yilmaz", "Kowalska",
]  # fmt: skip
CONTACT_TITLES = ["Driftsleder", "HR-partner", "Afdelingsleder", "Indehaver", "Holdleder"]
AGREEMENTS = [
    ("Tager 4 i virksomhedspraktik om året", "Praktik med mentor; 4-13 uger."),
    ("Partnerskab om løntilskud", "Op til 2 i løntilskud ad gangen."),
    ("Rekrutteringsaftale", "Jobcentret sender kandidater først, før stillingen slås op."),
    ("Virksomhedscenter", "Tager flere borgere ad gangen med fast kontaktperson."),
]


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
