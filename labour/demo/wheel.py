"""Demo data for the annual wheel and the tirsdagsmail: about 40 seasonal needs over this year
and the next (Christmas warehouses, summer holiday cover in care, spring in the nurseries,
hotels and restaurants in the summer...), tied to "Jobcenter Demo"'s companies by industry,
and Tuesday-mail subscriptions for "virksomhed" and "konsulent" whose last mail went out last
Tuesday, so the digest page shows what is new since.

Runs after the companies demo (labour.demo.companies). Deterministic with `rng`; a second run
changes nothing."""

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from centres.models import JobCentre
from labour.digest import last_tuesday
from labour.models import Company, DigestSubscription, WheelEvent
from labour.wheel import weeks_in_year
from occupations.models import Occupation


@dataclass(frozen=True)
class Need:
    industries: tuple[str, ...]  # DB07 code prefixes of the companies that have this need
    title: str
    occupation: str
    positions: int
    week_from: int
    week_to: int
    description: str


NEEDS = [
    Need(
        ("521", "494", "522", "469"),
        "lagermedarbejdere til julesæsonen",
        "Lagerarbejder",
        20,
        40,
        51,
        "Ekstra hold til julesæsonen, dag- og aftenvagter. Truckcertifikat er en fordel, "
        "men ikke et krav: virksomheden oplærer.",
    ),
    Need(
        ("479", "532", "469"),
        "pakkere til julehandlen",
        "Pakkeriarbejder",
        15,
        44,
        51,
        "Pakning af webordrer. Kan passe til borgere, der ønsker faste opgaver og få "
        "kundekontakter.",
    ),
    Need(
        ("531", "532"),
        "postomdelere til julepost",
        "Postbud",
        10,
        47,
        52,
        "Kørekort B kræves. Cykelruter for dem uden bil.",
    ),
    Need(
        ("873", "881", "872"),
        "sommerferieafløsere i ældreplejen",
        "Social- og sundhedshjælper",
        12,
        26,
        32,
        "Afløsning i sommerferien, dag og aften. Ufaglærte med erfaring kan komme i betragtning "
        "efter et introforløb.",
    ),
    Need(
        ("861",),
        "sommerafløsere på sengeafsnit",
        "Sygeplejerske",
        6,
        26,
        32,
        "Sygeplejersker og studerende på sidste semester.",
    ),
    Need(
        ("889",),
        "sommerferiepasning i daginstitutioner",
        "Pædagogmedhjælper",
        8,
        27,
        31,
        "Sommerpasning i samlet institution, 30-37 timer om ugen.",
    ),
    Need(
        ("011", "013", "016"),
        "gartneriarbejdere til forårssæsonen",
        "Gartneriarbejder",
        10,
        10,
        20,
        "Udplantning og pakning i væksthus. Tidligt fremmøde; fysisk arbejde.",
    ),
    Need(
        ("813",),
        "anlægsgartnere til forår og sommer",
        "Gartner",
        6,
        12,
        24,
        "Pleje af grønne områder. Erfaring med plæneklipper og buskrydder er et plus.",
    ),
    Need(
        ("011", "014", "463"),
        "høsthjælpere",
        "Landbrugsmedhjælper",
        8,
        30,
        38,
        "Høst og sortering. Traktorkørekort er en fordel.",
    ),
    Need(
        ("551",),
        "rengøring og reception til hotelsommeren",
        "Rengøringsassistent",
        10,
        22,
        34,
        "Værelsesrengøring og morgenmad. Engelsk i receptionen.",
    ),
    Need(
        ("561", "562"),
        "tjenere og køkkenhjælp til sommersæsonen",
        "Tjener",
        12,
        22,
        33,
        "Terrassesæson; aften- og weekendvagter.",
    ),
    Need(
        ("932", "931"),
        "sæsonmedarbejdere i forlystelsesparken",
        "Kundeservicemedarbejder",
        25,
        14,
        38,
        "Billetsalg, forlystelser og kiosker. Mange unge, god introduktion.",
    ),
    Need(
        ("471",),
        "butiksassistenter til julehandlen",
        "Butiksassistent",
        10,
        45,
        52,
        "Kasse og varepåfyldning, især weekender i december.",
    ),
    Need(
        ("493",),
        "buschauffører til skolestart",
        "Buschauffør",
        5,
        30,
        34,
        "Erhvervskørekort D kræves; virksomheden kan hjælpe med uddannelsen.",
    ),
    Need(
        ("101", "102"),
        "produktionsmedarbejdere til juleproduktionen",
        "Produktionsmedarbejder",
        15,
        42,
        50,
        "Pakkeri og produktion på slagteriet. Hygiejnekursus gives på stedet.",
    ),
    Need(
        ("108", "107"),
        "produktionsmedarbejdere til påskeproduktion",
        "Produktionsmedarbejder",
        8,
        6,
        12,
        "Påskechokolade og -brød. Skiftehold.",
    ),
    Need(
        ("433", "412", "439", "411"),
        "bygningsarbejdere til sæsonstart",
        "Bygningsarbejder",
        8,
        10,
        16,
        "Opstart af sæsonens byggepladser. Sikkerhedskursus tages før start.",
    ),
    Need(
        ("812", "811"),
        "rengøring til skolernes sommerferie",
        "Rengøringsassistent",
        6,
        27,
        32,
        "Hovedrengøring af skoler og institutioner, mens de står tomme.",
    ),
    Need(
        ("822",),
        "kundeservice til årsopgørelsen",
        "Kundeservicemedarbejder",
        10,
        10,
        14,
        "Telefonbetjening i højsæsonen i marts. Mange spørgsmål om årsopgørelsen.",
    ),
    Need(
        ("782",),
        "vikarer til sommerperioden",
        "Lagerarbejder",
        10,
        27,
        32,
        "Vikariater hos lager- og produktionsvirksomheder i området.",
    ),
]

#: A share of the needs entered without a company (a need heard of before the company is known).
WITHOUT_COMPANY = 0.1
#: The demo's newest needs were entered since last Tuesday's digest, so the digest shows them.
NEW_SINCE_DIGEST = 4


def _company_for(need: Need, companies: list[Company], rng: random.Random) -> Company | None:
    fitting = [
        c
        for c in companies
        if c.industry is not None and c.industry.code.startswith(need.industries)
    ]
    if rng.random() < WITHOUT_COMPANY:
        return None
    return rng.choice(fitting) if fitting else None


def seed(rng: random.Random, stdout: TextIO) -> None:
    centre = JobCentre.objects.filter(name="Jobcenter Demo").first()
    if centre is None or WheelEvent.objects.filter(job_centre=centre).exists():
        return
    companies = list(
        Company.objects.filter(job_centre=centre).select_related("industry").order_by("pk")
    )
    occupations = {
        o.title: o for o in Occupation.objects.filter(title__in={n.occupation for n in NEEDS})
    }
    consultants = list(
        User.objects.filter(job_centre=centre, username__in=["virksomhed", "virksomhed2"]).order_by(
            "username"
        )
    )
    now = timezone.now()
    this_year = timezone.localdate(now).isocalendar().year
    events = []
    for year in (this_year, this_year + 1):
        last_week = weeks_in_year(year)
        for need in NEEDS:
            company = _company_for(need, companies, rng)
            positions = max(1, need.positions + rng.randint(-3, 3))
            title = f"{positions} {need.title}"
            events.append(
                WheelEvent(
                    job_centre=centre,
                    company=company,
                    title=title[:200],
                    description=need.description,
                    occupation=occupations.get(need.occupation),
                    positions=positions,
                    year=year,
                    week_from=need.week_from,
                    week_to=min(need.week_to, last_week),
                    added_by=rng.choice(consultants) if consultants else None,
                )
            )
    created = WheelEvent.objects.bulk_create(events)

    # When each was entered: this year's months ago, next year's over the autumn, and the
    # newest few since last Tuesday's digest.
    digest_sent = last_tuesday(now) + timedelta(hours=7)
    for event in created:
        if event.year == this_year:
            when = now - timedelta(days=rng.randint(120, 330), minutes=rng.randint(0, 600))
        else:
            when = now - timedelta(days=rng.randint(8, 90), minutes=rng.randint(0, 600))
        WheelEvent.objects.filter(pk=event.pk).update(created_at=when, updated_at=when)
    newest = rng.sample([e for e in created if e.year == this_year + 1], NEW_SINCE_DIGEST)
    span = max(60, int((now - digest_sent).total_seconds() // 60))
    for event in newest:
        when = digest_sent + timedelta(minutes=rng.randint(1, span - 1))
        WheelEvent.objects.filter(pk=event.pk).update(created_at=when, updated_at=when)

    subscribers = User.objects.filter(job_centre=centre, username__in=["virksomhed", "konsulent"])
    DigestSubscription.objects.bulk_create(
        [DigestSubscription(user=u, active=True, last_sent_at=digest_sent) for u in subscribers],
        ignore_conflicts=True,
    )
    stdout.write(
        f"Annual wheel: {len(created)} needs, {len(subscribers)} Tuesday-mail subscribers."
    )
