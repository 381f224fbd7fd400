"""Demo citizens with realistic Danish names and varied support needs."""

import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from accounts.models import Role, User
from centres.demo import DEMO_PASSWORD
from centres.models import JobCentre
from citizens.identifiers import cpr_hash
from citizens.models import BenefitType, Citizen, ExemptionReason, TargetGroup

FIRST_NAMES = [
    "Anne",
    "Mette",
    "Kirsten",
    "Hanne",
    "Helle",
    "Susanne",
    "Lene",
    "Camilla",
    "Louise",
    "Sofie",
    "Ida",
    "Emma",
    "Julie",
    "Maja",
    "Freja",
    "Line",
    "Nanna",
    "Signe",
    "Tina",
    "Fatima",
    "Aisha",
    "Leyla",
    "Amina",
    "Agnieszka",
    "Ioana",
    "Sara",
    "Marianne",
    "Birgitte",
    "Peter",
    "Jens",
    "Lars",
    "Michael",
    "Henrik",
    "Thomas",
    "Søren",
    "Jesper",
    "Morten",
    "Martin",
    "Rasmus",
    "Mads",
    "Frederik",
    "Mikkel",
    "Emil",
    "Oliver",
    "Jonas",
    "Anders",
    "Niels",
    "Kasper",
    "Mohammad",
    "Ahmed",
    "Ali",
    "Hassan",
    "Omar",
    "Piotr",
    "Tomasz",
    "Andrei",
    "Bjørn",
    "Torben",
    "Claus",
    "Bo",
    "Kim",
    "Kenneth",
    "Brian",
    "Dennis",
]
MIDDLE_NAMES = [
    "Juhl",
    "Bach",
    "Skov",
    "Lund",
    "Holm",
    "Krogh",
    "Dahl",
    "Bech",
    "Høj",
    "Kjær",
    "Vinther",
    "Bak",
]
LAST_NAMES = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Jakobsen",
    "Mikkelsen",
    "Olesen",
    "Frederiksen",
    "Laursen",
    "Henriksen",
    "Lund",
    "Schmidt",
    "Eriksen",
    "Holm",
    "Kristiansen",
    "Clausen",
    "Simonsen",
    "Svendsen",
    "Andreasen",
    "Iversen",
    "Østergaard",
    "Yilmaz",
    "Hussein",
    "Ali",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Abdi",
    "Khan",
]
TODAY = date(2026, 11, 23)

#: Home postcodes (weighted) around each demo centre: Brøndby and its neighbours for Jobcenter
#: Demo (2605), Frederikshavn and the towns around it for Jobcenter Nord (9900).
HOME_POSTCODES = {
    "Jobcenter Demo": {
        "2605": 30,
        "2660": 12,
        "2600": 8,
        "2610": 6,
        "2620": 6,
        "2625": 5,
        "2635": 5,
        "2650": 8,
        "2665": 4,
        "2630": 4,
        "2640": 3,
        "2670": 3,
        "2500": 3,
        "2700": 2,
        "2720": 1,
    },
    "Jobcenter Nord": {
        "9900": 40,
        "9970": 8,
        "9981": 6,
        "9982": 6,
        "9990": 10,
        "9300": 10,
        "9850": 6,
        "9800": 8,
        "9330": 4,
        "9940": 2,
    },
}
#: About one citizen in ten has set a travel radius of their own; the rest get the standard.
OWN_RADII_KM = (10, 15, 25, 30, 50)


def _home(rng: random.Random, centre_name: str) -> dict:
    """A home postcode near the centre and, now and then, an own travel radius. Drawn from
    their own random stream, so the rest of the demo stays as it was."""
    codes = HOME_POSTCODES[centre_name]
    postcode = rng.choices(list(codes), weights=list(codes.values()))[0]
    radius = rng.choice(OWN_RADII_KM) if rng.random() < 0.1 else None
    return {"postcode": postcode, "travel_radius_km": radius}


def _name(rng) -> str:
    middle = f" {rng.choice(MIDDLE_NAMES)}" if rng.random() < 0.3 else ""
    return f"{rng.choice(FIRST_NAMES)}{middle} {rng.choice(LAST_NAMES)}"


def _cpr(rng, used: set[str]) -> str:
    while True:
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 42))
        cpr = f"{born:%d%m%y}{rng.randrange(0, 10000):04d}"
        if cpr not in used:
            used.add(cpr)
            return cpr


def _citizen(rng, *, benefit: str, activity_ready_share: float) -> dict:
    group = (
        TargetGroup.ACTIVITY_READY if rng.random() < activity_ready_share else TargetGroup.JOB_READY
    )
    harder = group == TargetGroup.ACTIVITY_READY
    profile = {
        "benefit_type": benefit,
        "target_group": group,
        "registered_on": TODAY - timedelta(days=int(rng.expovariate(1 / 140)) % 720 + 1),
        "needs_it_support": rng.random() < (0.25 if harder else 0.08),
        "needs_language_support": rng.random() < (0.2 if harder else 0.07),
        "needs_reading_support": rng.random() < (0.12 if harder else 0.03),
        "needs_interpreter": rng.random() < (0.06 if harder else 0.01),
        "mobile": f"+45{rng.choice('2345')}{rng.randrange(0, 10**7):07d}",
    }
    if profile["needs_interpreter"] or (profile["needs_it_support"] and rng.random() < 0.3):
        profile["self_booking_exempt"] = True
        profile["self_booking_exemption_reason"] = (
            ExemptionReason.INTERPRETER
            if profile["needs_interpreter"]
            else ExemptionReason.IT_SKILLS
        )
    return profile


def seed(rng, stdout) -> None:
    password = make_password(DEMO_PASSWORD)
    used: set[str] = set()
    demo = JobCentre.objects.get(name="Jobcenter Demo")
    nord = JobCentre.objects.get(name="Jobcenter Nord")
    consultants = {
        centre.id: list(
            User.objects.filter(job_centre=centre, role=Role.JOB_CONSULTANT).order_by("username")
        )
        for centre in (demo, nord)
    }
    plan = [("borger", demo, BenefitType.DAGPENGE), ("borger-nord", nord, BenefitType.DAGPENGE)]
    plan += [
        (f"borger{n:03d}", demo, BenefitType.DAGPENGE if n % 3 else BenefitType.KONTANTHJAELP)
        for n in range(1, 101)
    ]
    plan += [(f"demo-dp-{n:04d}", demo, BenefitType.DAGPENGE) for n in range(1, 800 - 66)]
    plan += [(f"demo-kh-{n:04d}", demo, BenefitType.KONTANTHJAELP) for n in range(1, 300 - 33)]
    plan += [(f"demo-andet-{n:02d}", demo, BenefitType.OTHER) for n in range(1, 16)]
    plan += [(f"nord-{n:03d}", nord, rng.choice(list(BenefitType))) for n in range(1, 40)]

    users, profiles = [], []
    homes = random.Random("citizens.demo.homes")
    for index, (username, centre, benefit) in enumerate(plan):
        name = "Birgitte Holm Jensen" if username == "borger" else _name(rng)
        users.append(
            User(
                username=username,
                name=name,
                role=Role.CITIZEN,
                job_centre=centre,
                email=f"{username}@borger.example",
                password=password,
            )
        )
        profile = _citizen(
            rng,
            benefit=benefit,
            activity_ready_share=0.45 if benefit == BenefitType.KONTANTHJAELP else 0.1,
        )
        profile.update(_home(homes, centre.name))
        if username in ("borger", "borger-nord"):
            # They live in the centre's own town and use the standard radius (borger's CV has a
            # driving licence B: 40 km).
            profile.update(
                self_booking_exempt=False,
                self_booking_exemption_reason="",
                target_group=TargetGroup.JOB_READY,
                postcode=centre.postcode or profile["postcode"],
                travel_radius_km=None,
            )
        pool = consultants[centre.id]
        # konsulent and konsulent-nord are first in their lists; about 1 in 12 has nobody yet.
        profile["responsible_consultant"] = (
            pool[0] if index < 2 else (None if rng.random() < 0.08 else pool[index % len(pool)])
        )
        profiles.append((centre, profile))
    User.objects.bulk_create(users, batch_size=500)
    citizens = []
    for user, (centre, profile) in zip(users, profiles, strict=True):
        cpr = _cpr(rng, used)
        citizens.append(
            Citizen(user=user, job_centre=centre, cpr=cpr, cpr_hash=cpr_hash(cpr), **profile)
        )
    Citizen.objects.bulk_create(citizens, batch_size=500)
    stdout.write(f"  citizens: {len(citizens)}")
