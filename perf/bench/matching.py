"""Matching one citizen against a job centre's open openings (`rank_openings_for`) and one
opening against its citizens (`rank_citizens_for`) must read a bounded number of queries
(MAX_QUERIES) with 50,000 openings and 1,100 citizens as with a few hundred, and stay quick.

Two job centres are built with bulk_create: a small one and a large one (by default 500
openings and 110 citizens; 50,000 openings and 1,100 citizens). The openings spread over the
starter list's occupations (one in five without an occupation, found by full text only), with
inflected titles ("Lagerarbejdere", "Sygeplejersker til ..."), descriptions, skills for half of
them, postcodes all over Denmark (most on Zealand), and one in ten expired. The citizens live
around Brøndby, seek one to three occupations, have skills, a driving licence or not, and most
have a Plan A, B and C.

Each centre also gets the same probes: citizens with the same CV and plan (a nurse in Brøndby
with a car; a warehouse worker with Plan A/B/C, skills and no car; a cook in Skagen, who only
finds openings beyond the radius) and openings with the same content. Each probe is ranked
`repeats` times after a warm-up; every run is counted with CaptureQueriesContext and timed."""

import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache, partial

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from accounts.models import Role, User
from centres.models import JobCentre
from citizens.identifiers import cpr_hash
from citizens.models import BenefitType, Citizen, TargetGroup
from cv.models import CV, CvSkill, SoughtOccupation
from labour.matching import rank_citizens_for, rank_openings_for
from labour.models import JobOpening
from labour.search import stems
from occupations.models import Occupation, Skill
from perf.bench import Result, benchmark
from perf.bench.pages import measure
from places import selectors as places
from places.models import Postcode
from plans.models import JobTrack, Plan

#: (openings, citizens) of the small and the large job centre.
SIZES = ((500, 110), (50_000, 1_100))
REPEATS = 15
LIMIT_OPENINGS = 20
LIMIT_CITIZENS = 30
#: What the benchmark guards: a ranking reads at most this many queries, whatever the size.
MAX_QUERIES = 15

TITLE_FORMS = [
    "{title}",
    "{plural}",
    "{plural} søges",
    "{title} til fast stilling",
    "{plural} til travl afdeling",
    "Erfaren {lower}",
    "{title}, deltid",
    "Vi søger {plural_lower}",
]
DESCRIPTIONS = [
    "Vi søger {plural_lower} til vores team. Du er mødestabil og har godt humør.",
    "Som {lower} hos os får du gode kolleger og ordnede forhold. Kørekort er en fordel.",
    "Stillingen er på fuld tid. Du har erfaring som {lower} eller lyst til at lære.",
    "Vi har travlt og mangler {plural_lower} i dag-, aften- og weekendvagter.",
    "Bliv en del af en virksomhed i vækst. Tiltrædelse snarest.",
]
EMPLOYERS = ["Dagrofa", "Region Hovedstaden", "Brøndby Kommune", "Coop", "ISS", "PostNord"]
HOME_POSTCODES = ["2605", "2605", "2660", "2600", "2610", "2620", "2625", "2635", "2650", "2630"]


def _plural(title: str) -> str:
    """A Danish-looking plural of the title's last word (good enough for a stemmer to meet)."""
    if title.endswith("e"):
        return title + "r"
    if title.endswith("er"):
        return title + "e"
    return title + "er"


@cache
def _stemmed(text: str) -> str:
    return " ".join(stems(text))


@cache
def _wording(title: str, title_form: int, description: int) -> tuple[str, str]:
    plural = _plural(title)
    words = {
        "title": title,
        "plural": plural,
        "lower": title[:1].lower() + title[1:],
        "plural_lower": plural[:1].lower() + plural[1:],
    }
    return TITLE_FORMS[title_form].format(**words), DESCRIPTIONS[description].format(**words)


class World:
    """The shared data (occupations, skills, postcodes) and the centres built on it."""

    def __init__(self, today: date):
        self.today = today
        self.password = make_password(None)
        self.occupations = list(Occupation.objects.order_by("pk"))
        self.by_title = {o.title: o for o in self.occupations}
        self.skills = list(Skill.objects.order_by("pk"))
        codes = list(Postcode.objects.values_list("code", flat=True))
        zealand = [c for c in codes if c < "5000"]
        self.opening_postcodes = zealand * 3 + codes  # most on Zealand, some all over
        self.count = 0
        self.serial = 0

    # --- a centre -------------------------------------------------------------------------

    def centre(self, openings: int, citizens: int) -> JobCentre:
        self.count += 1
        rng = random.Random(openings)
        centre = JobCentre.objects.create(
            name=f"Jobcenter Match-bench {openings}",
            municipality=f"Match-bench {openings} Kommune",
            address="Benchvej 4",
            postcode="2605",
            town="Brøndby",
        )
        self._openings(centre, openings, rng)
        self._citizens(centre, citizens, rng)
        return centre

    def _openings(self, centre: JobCentre, count: int, rng: random.Random) -> None:
        made = []
        for _ in range(count):
            occupation = rng.choice(self.occupations)
            title, description = _wording(
                occupation.title, rng.randrange(len(TITLE_FORMS)), rng.randrange(len(DESCRIPTIONS))
            )
            known = rng.random() >= 0.2
            posted = self.today - timedelta(days=rng.randrange(60))
            made.append(
                JobOpening(
                    job_centre=centre,
                    title=title,
                    description=description,
                    employer_name=rng.choice(EMPLOYERS),
                    occupation=occupation if known else None,
                    postcode=rng.choice(self.opening_postcodes),
                    date_posted=posted,
                    valid_through=(
                        self.today - timedelta(days=1 + rng.randrange(30))
                        if rng.random() < 0.1
                        else self.today + timedelta(days=rng.randrange(1, 90))
                    ),
                    search_document=" ".join(
                        part
                        for part in (
                            _stemmed(title),
                            _stemmed(occupation.title) if known else "",
                            _stemmed(description),
                        )
                        if part
                    ),
                )
            )
        JobOpening.objects.bulk_create(made, batch_size=2000)
        ids = list(JobOpening.objects.filter(job_centre=centre).values_list("pk", flat=True))
        through = JobOpening.skills.through
        through.objects.bulk_create(
            (
                through(jobopening_id=pk, skill_id=skill.pk)
                for pk in ids
                if rng.random() < 0.5
                for skill in rng.sample(self.skills, rng.randint(1, 3))
            ),
            batch_size=5000,
        )

    def _citizen_rows(
        self, centre: JobCentre, count: int, rng: random.Random, prefix: str
    ) -> list[Citizen]:
        users = User.objects.bulk_create(
            (
                User(
                    username=f"{prefix}-{n:05d}",
                    name=f"Borger {n}",
                    role=Role.CITIZEN,
                    job_centre=centre,
                    password=self.password,
                )
                for n in range(count)
            ),
            batch_size=1000,
        )
        citizens = []
        for user in users:
            n = self.serial = self.serial + 1  # unique over every citizen the bench makes
            cpr = f"{(n % 28) + 1:02d}{(n // 28) % 12 + 1:02d}{50 + n // 336:02d}{n % 10000:04d}"
            citizens.append(
                Citizen(
                    user=user,
                    job_centre=centre,
                    cpr=cpr,
                    cpr_hash=cpr_hash(cpr),
                    benefit_type=BenefitType.DAGPENGE,
                    target_group=TargetGroup.JOB_READY,
                    registered_on=self.today - timedelta(days=rng.randrange(400)),
                    postcode=rng.choice(HOME_POSTCODES),
                    travel_radius_km=rng.choice([None] * 9 + [15]),
                )
            )
        return Citizen.objects.bulk_create(citizens, batch_size=1000)

    def _citizens(self, centre: JobCentre, count: int, rng: random.Random) -> None:
        citizens = self._citizen_rows(centre, count, rng, f"mb{self.count}")
        cvs = CV.objects.bulk_create(
            CV(citizen=c, driving_licences=["B"] if rng.random() < 0.6 else []) for c in citizens
        )
        SoughtOccupation.objects.bulk_create(
            SoughtOccupation(cv=cv, occupation=o)
            for cv in cvs
            for o in rng.sample(self.occupations, rng.randint(1, 3))
        )
        CvSkill.objects.bulk_create(
            CvSkill(cv=cv, skill=s)
            for cv in cvs
            for s in rng.sample(self.skills, rng.randint(0, 5))
        )
        planned = [c for c in citizens if rng.random() < 0.7]
        plans = Plan.objects.bulk_create(Plan(citizen=c) for c in planned)
        tracks = JobTrack.objects.bulk_create(
            JobTrack(plan=p, letter=letter, set_at=self.today) for p in plans for letter in "ABC"
        )
        through = JobTrack.occupations.through
        through.objects.bulk_create(
            through(jobtrack_id=t.pk, occupation_id=o.pk)
            for t in tracks
            for o in rng.sample(self.occupations, rng.randint(1, 2))
        )

    # --- the probes, the same in every centre ---------------------------------------------

    def probe_citizens(self, centre: JobCentre) -> dict[str, Citizen]:
        nurse, warehouse, cook = self._citizen_rows(
            centre, 3, random.Random(0), f"probe{centre.pk}"
        )
        nurse.postcode, warehouse.postcode, cook.postcode = "2605", "2650", "9990"
        Citizen.objects.bulk_update([nurse, warehouse, cook], ["postcode"])
        self._probe_cv(nurse, ["Sygeplejerske"], ["B"], skills=2)
        self._probe_cv(warehouse, ["Lagerarbejder", "Truckfører"], [], skills=4)
        plan = Plan.objects.create(citizen=warehouse)
        for letter, titles in (
            ("A", ["Lagerarbejder"]),
            ("B", ["Pakkeriarbejder", "Produktionsmedarbejder"]),
            ("C", ["Rengøringsassistent"]),
        ):
            track = JobTrack.objects.create(plan=plan, letter=letter, set_at=self.today)
            track.occupations.set([self.by_title[t] for t in titles])
        self._probe_cv(cook, ["Kok"], [], skills=1)
        # Nothing at all near Skagen: for the cook the nearest beyond the radius come.
        JobOpening.objects.filter(
            job_centre=centre, postcode__in=sorted(places.postcodes_within("9990", 40))
        ).update(postcode="2605")
        return {
            "nurse, Brøndby, car": nurse,
            "warehouse, A/B/C plan, no car": warehouse,
            "cook near Skagen": cook,
        }

    def _probe_cv(self, citizen: Citizen, titles: list[str], licences: list[str], skills: int):
        cv = CV.objects.create(citizen=citizen, driving_licences=licences)
        for title in titles:
            SoughtOccupation.objects.create(cv=cv, occupation=self.by_title[title])
        CvSkill.objects.bulk_create(CvSkill(cv=cv, skill=s) for s in self.skills[:skills])

    def probe_openings(self, centre: JobCentre) -> dict[str, JobOpening]:
        made = {}
        for name, title, occupation, postcode in (
            ("Lagerarbejder, Brøndby", "Lagermedarbejdere til nattehold", "Lagerarbejder", "2605"),
            ("Sygeplejersker, no occupation", "Sygeplejersker til akutmodtagelsen", None, "2650"),
        ):
            known = self.by_title[occupation] if occupation else None
            opening = JobOpening.objects.create(
                job_centre=centre,
                title=title,
                description="Vi søger nye kolleger.",
                employer_name="Probe A/S",
                occupation=known,
                postcode=postcode,
                date_posted=self.today,
                valid_through=self.today + timedelta(days=30),
                search_document=" ".join(
                    _stemmed(t) for t in (title, occupation or "", "Vi søger nye kolleger.") if t
                ),
            )
            opening.skills.set(self.skills[:3])
            made[name] = opening
        return made


def _measure(call: Callable[[], list], repeats: int) -> dict:
    found = len(call())  # warm-up
    return {"found": found, **measure(call, repeats)}


@benchmark("matching")
def matching_benchmark(
    sizes: tuple[tuple[int, int], ...] = SIZES, repeats: int = REPEATS
) -> Result:
    today = timezone.localdate()
    world = World(today)
    rows = []
    build_s = {}
    for openings, citizens in sorted(sizes):
        began = time.perf_counter()
        centre = world.centre(openings, citizens)
        probes = world.probe_citizens(centre)
        jobs = world.probe_openings(centre)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would soon after such a load
        build_s[openings] = round(time.perf_counter() - began, 1)
        open_count = JobOpening.objects.filter(job_centre=centre, valid_through__gte=today).count()
        size = f"{openings:,} openings / {citizens:,} citizens"
        for name, citizen in probes.items():
            rows.append(
                {
                    "size": size,
                    "open_openings": open_count,
                    "ranking": "openings for a citizen",
                    "probe": name,
                    "case": f"{openings:,}: {name}",
                    **_measure(
                        partial(rank_openings_for, citizen, today=today, limit=LIMIT_OPENINGS),
                        repeats,
                    ),
                }
            )
        for name, opening in jobs.items():
            rows.append(
                {
                    "size": size,
                    "open_openings": open_count,
                    "ranking": "citizens for an opening",
                    "probe": name,
                    "case": f"{openings:,}: {name}",
                    **_measure(partial(rank_citizens_for, opening, limit=LIMIT_CITIZENS), repeats),
                }
            )
    sizes_seen = list(dict.fromkeys(row["size"] for row in rows))
    counts = [row["queries"] for row in rows]
    bounded = all(isinstance(q, int) and q <= MAX_QUERIES for q in counts)
    by_probe: dict[str, set] = {}
    for row in rows:
        by_probe.setdefault(row["probe"], set()).add(str(row["queries"]))
    constant = all(len(seen) == 1 for seen in by_probe.values())
    found_all = all(row["found"] > 0 for row in rows)
    largest = [row for row in rows if row["size"] == sizes_seen[-1]]
    worst = max(largest, key=lambda row: row["median_ms"])
    if bounded:
        queries = f"at most {max(counts)} queries per ranking at every size" + (
            ", the same for each probe at every size" if constant else ""
        )
    else:
        queries = f"queries beyond {MAX_QUERIES}: {counts}"
    return {
        "title": (
            "Matching: a citizen's openings (rank_openings_for) and an opening's citizens "
            f"(rank_citizens_for), {repeats} runs per probe"
        ),
        "ok": bounded and found_all,
        "summary": (
            f"{queries}; at {sizes_seen[-1]} the slowest probe ({worst['ranking']}: "
            f"{worst['probe']}) has a median of {worst['median_ms']} ms"
            + ("" if found_all else "; a probe found nothing")
        ),
        "queries_bounded": bounded,
        "queries_constant": constant,
        "build_seconds": build_s,
        "sizes": [list(size) for size in sorted(sizes)],
        "repeats": repeats,
        "rows": rows,
        "chart": {"x": "case", "y": "median_ms"},
    }
