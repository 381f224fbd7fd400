"""Companies (with contacts) and the shared job board: openings of the last two years, of
which the newest are still open (`valid_through` today or later). Titles and the companies'
knowledge notes come from the demo's company kinds; `search_document` is stemmed as the
services do it, once per distinct title and occupation."""

from functools import lru_cache

from stdnum.dk import cvr as stdnum_cvr

from labour.demo.catalogue import CONTACT_TITLES, KINDS, PLURALS, TITLE_ENDINGS
from labour.demo.catalogue import FIRST_NAMES as CONTACT_FIRST
from labour.demo.catalogue import LAST_NAMES as CONTACT_LAST
from labour.models import Industry
from labour.search import stems

from .booking import allocate
from .context import HISTORY_DAYS, Context
from .plan import split

STREETS = ["Industrivej", "Park Allé", "Hovedgaden", "Roskildevej", "Havnevej", "Erhvervsvej"]
EMPLOYMENT = ["FULL_TIME"] * 7 + ["PART_TIME"] * 2 + ["TEMPORARY", "SEASONAL"]
#: Open openings were posted within this many days; closed ones ran 2-6 weeks.
OPEN_DAYS = 42


def _cvr(number: int) -> str:
    """A CVR number with a valid check digit (python-stdnum's modulus 11), from `number` on."""
    while True:
        body = f"{number:07d}"
        for digit in "0123456789":
            if stdnum_cvr.checksum(body + digit) == 0:
                return body + digit
        number += 1


@lru_cache(maxsize=65536)
def _document(title: str, occupation: str, description: str) -> str:
    return " ".join(stems(" ".join((title, occupation, description))))


def labour(ctx: Context) -> None:
    industries = dict(Industry.objects.values_list("code", "pk"))
    kinds = list(KINDS)
    weights = [size.weight for size in ctx.sizes.centres]
    per_centre = split(ctx.sizes.totals["companies"], weights)
    company_base = ctx.ids("labour_company")
    companies: list[tuple[int, int, str, int]] = []  # (id, centre index, kind, first contact)
    rows = []
    contact_rows = []
    contact_id = ctx.ids("labour_contactperson")
    next_id = company_base
    cvr_number = 3_000_000
    for info, count in zip(ctx.centres, per_centre, strict=True):
        rng = ctx.rng("companies", info.number)
        consultants = info.business or info.job_consultants
        for n in range(max(1, count)):
            kind = kinds[n % len(kinds)]
            code, patterns, _, tasks, tone, culture, requirements, seasonal = KINDS[kind]
            postcode, town = info.homes[n % len(info.homes)]
            name = rng.choice(patterns).format(town=town)
            name = f"{name} ({n // len(kinds) + 1})" if n >= len(kinds) else name
            cvr = _cvr(cvr_number)
            cvr_number = int(cvr[:7]) + 1
            at = ctx.moment(rng.randint(0, HISTORY_DAYS - 1), 10 * 60)
            rows.append(
                (
                    next_id,
                    info.id,
                    ctx.uuid_from(rng),
                    cvr,
                    name[:200],
                    industries.get(code),
                    f"{rng.choice(STREETS)} {rng.randrange(1, 180)}",
                    postcode,
                    town,
                    kind in ("warehouse", "care") and n < len(kinds),
                    tasks,
                    tone,
                    culture if rng.random() < 0.8 else "",
                    requirements,
                    seasonal if rng.random() < 0.7 else "",
                    consultants[n % len(consultants)],
                    at,
                    at,
                )
            )
            companies.append((next_id, info.index, kind, contact_id))
            for c in range(1 + (rng.random() < 0.4)):
                person = f"{rng.choice(CONTACT_FIRST)} {rng.choice(CONTACT_LAST)}"
                contact_rows.append(
                    (
                        contact_id,
                        person,
                        rng.choice(CONTACT_TITLES),
                        f"+45{rng.randint(20_000_000, 99_999_999)}",
                        f"{person.split()[0].lower()}{contact_id}@firma.example",
                        c == 0,
                        next_id,
                    )
                )
                contact_id += 1
            next_id += 1
    ctx.write(
        "labour_company",
        [
            "id",
            "job_centre_id",
            "public_id",
            "cvr",
            "name",
            "industry_id",
            "address",
            "postcode",
            "town",
            "is_company_centre",
            "tasks",
            "tone",
            "culture",
            "requirements",
            "seasonal_needs",
            "consultant_id",
            "created_at",
            "updated_at",
        ],
        iter(rows),
        len(rows),
    )
    ctx.write(
        "labour_contactperson",
        ["id", "name", "title", "phone", "email", "is_primary", "company_id"],
        iter(contact_rows),
        len(contact_rows),
    )
    by_centre: dict[int, list[tuple[int, int, str, int]]] = {}
    for company in companies:
        by_centre.setdefault(company[1], []).append(company)
    total = ctx.sizes.totals["openings"]
    open_total = ctx.sizes.totals["open_openings"]
    openings = allocate(total, weights)
    open_counts = allocate(open_total, weights)
    ctx.opening_base = ctx.ids("labour_jobopening")
    open_ids: list[int] = []
    ctx.write(
        "labour_jobopening",
        [
            "id",
            "public_id",
            "identifier",
            "source",
            "title",
            "description",
            "employer_name",
            "occupational_category",
            "skills_text",
            "employment_type",
            "positions",
            "street",
            "postcode",
            "town",
            "date_posted",
            "valid_through",
            "base_salary",
            "url",
            "search_document",
            "created_at",
            "updated_at",
            "company_id",
            "consultant_id",
            "contact_id",
            "job_centre_id",
            "occupation_id",
        ],
        _openings(ctx, by_centre, openings, open_counts, open_ids),
        total,
    )
    link = ctx.ids("labour_jobopening_skills")
    ctx.write(
        "labour_jobopening_skills",
        ["id", "jobopening_id", "skill_id"],
        _opening_skills(ctx, open_ids, link),
    )


def _openings(ctx, by_centre, openings, open_counts, open_ids):
    next_id = ctx.opening_base
    title_to_id = {title: pk for pk, title in ctx.occupations}
    today = HISTORY_DAYS
    for info, count, open_count in zip(ctx.centres, openings, open_counts, strict=True):
        rng = ctx.rng("openings", info.number)
        companies = by_centre[info.index]
        consultants = info.business or info.job_consultants
        for n in range(count):
            company_id, _, kind, contact = rng.choice(companies)
            code, _, hires, tasks, *_ = KINDS[kind]
            title_word = rng.choice(hires)
            occupation = title_to_id.get(title_word) or rng.choice(ctx.occupation_ids)
            occupation_title = ctx.occupation_title[occupation]
            word = PLURALS.get(title_word, title_word) if rng.random() < 0.4 else title_word
            title = f"{word}{rng.choice(TITLE_ENDINGS)}"[:200]
            is_open = n < open_count
            if is_open:
                posted = today - rng.randint(0, OPEN_DAYS)
                through = today + rng.randint(0, 30)
            else:
                posted = rng.randint(0, today - 3)
                through = min(today - 1, posted + rng.randint(14, 42))
            imported = rng.random() < 0.5
            at = ctx.moment(posted, 9 * 60)
            postcode, town = info.homes[int(rng.random() * rng.random() * len(info.homes))]
            if is_open:
                open_ids.append((next_id, occupation))
            yield (
                next_id,
                ctx.uuid_from(rng),
                f"scale-{info.number}-{n}" if imported else "",
                "jsonld" if imported else "manual",
                title,
                tasks,
                "",
                code if imported else "",
                "",
                rng.choice(EMPLOYMENT),
                1 + (rng.random() < 0.2) * rng.randint(1, 5),
                f"{rng.choice(STREETS)} {rng.randrange(1, 180)}",
                postcode,
                town,
                ctx.day(posted),
                ctx.day(through),
                "Efter overenskomst",
                f"https://job.example/opslag/{next_id}",
                _document(title, occupation_title, tasks),
                at,
                at,
                company_id,
                consultants[n % len(consultants)],
                contact,
                info.id,
                occupation,
            )
            next_id += 1


def _opening_skills(ctx: Context, open_ids, link: int):
    for opening, occupation in open_ids:
        for skill in ctx.skills_of.get(occupation, [])[:3]:
            yield (link, opening, skill)
            link += 1
