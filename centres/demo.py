"""Demo job centres, teams and staff. See demo/management/commands/seed_demo.py."""

from datetime import time

from django.contrib.auth.hashers import make_password

from accounts.models import Role, User
from centres.models import HelpHours, HelpPlace, JobCentre, Team

DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo password

JOB_CONSULTANT_NAMES = [
    "Karina Lund Sørensen",
    "Mads Holm",
    "Pernille Østergaard",
    "Jesper Mikkelsen",
    "Hanne Bech Nielsen",
    "Rasmus Vestergaard",
    "Louise Kjær",
    "Michael Damgaard",
    "Sanne Thomsen",
    "Nikolaj Brandt",
    "Tina Poulsen",
    "Henrik Skov Jacobsen",
    "Maria Frederiksen",
    "Ali Demir",
]


def seed(rng, stdout) -> None:
    password = make_password(DEMO_PASSWORD)
    demo = JobCentre.objects.create(
        name="Jobcenter Demo",
        municipality="Demo Kommune",
        address="Rådhusvej 1",
        postcode="2605",
        town="Brøndby",
        phone="43 26 60 00",
        email="jobcenter@demo-kommune.example",
        opening_hours="Mandag-onsdag 9-15, torsdag 9-17, fredag 9-12",
    )
    nord = JobCentre.objects.create(
        name="Jobcenter Nord",
        municipality="Nord Kommune",
        address="Havnegade 12",
        postcode="9900",
        town="Frederikshavn",
        phone="98 45 50 00",
        email="jobcenter@nord-kommune.example",
        opening_hours="Mandag-torsdag 8.30-14.30, fredag 8.30-12",
        hide_staff_names_in_lookup_log=True,
    )
    dagpenge = Team.objects.create(
        job_centre=demo,
        name="Jobparate dagpenge",
        description="Dagpengemodtagere, der er jobparate",
    )
    kontant = Team.objects.create(
        job_centre=demo,
        name="Jobparate kontanthjælp",
        description="Kontanthjælpsmodtagere, der er jobparate",
    )
    business = Team.objects.create(
        job_centre=demo, name="Virksomhedsservice", description="Virksomhedskonsulenter"
    )
    team_nord = Team.objects.create(job_centre=nord, name="Jobteam Nord")

    def staff(username, name, role, centre, team=None):
        return User(
            username=username,
            name=name,
            role=role,
            job_centre=centre,
            team=team,
            email=f"{username}@jobcenter.example",
            password=password,
        )

    people = [
        staff("konsulent", "Karina Lund Sørensen", Role.JOB_CONSULTANT, demo, dagpenge),
        staff("virksomhed", "Bo Steffensen", Role.BUSINESS_CONSULTANT, demo, business),
        staff("virksomhed2", "Amalie Krogh", Role.BUSINESS_CONSULTANT, demo, business),
        staff("teamleder", "Susanne Winther", Role.TEAM_LEADER, demo, dagpenge),
        staff("leder", "Peter Lykke Andersen", Role.MANAGER, demo),
        staff("admin", "Lene Administrator Holm", Role.ADMINISTRATOR, demo),
        staff("konsulent-nord", "Jens Nordby", Role.JOB_CONSULTANT, nord, team_nord),
        staff("konsulent-nord2", "Camilla Skagen", Role.JOB_CONSULTANT, nord, team_nord),
    ]
    for number, name in enumerate(JOB_CONSULTANT_NAMES[1:], start=2):
        team = dagpenge if number <= 7 else kontant
        people.append(staff(f"konsulent{number:02d}", name, Role.JOB_CONSULTANT, demo, team))
    User.objects.bulk_create(people)
    _help_places(demo, nord)
    stdout.write(f"  job centres: 2, staff: {len(people)}")


def _help_places(demo: JobCentre, nord: JobCentre) -> None:
    """Where citizens get help with the self-service (medbetjening), with opening hours."""
    places = {
        (demo, "Brøndby Bibliotek", HelpPlace.Kind.LIBRARY, "Brøndby Nord Vej 2"): [
            (1, time(10), time(12)),
            (3, time(13), time(15)),
        ],
        (demo, "Jobcentrets reception", HelpPlace.Kind.RECEPTION, "Rådhusvej 1"): [
            (day, time(9), time(15)) for day in range(4)
        ],
        (demo, "Borgerservice Brøndby", HelpPlace.Kind.CITIZEN_SERVICE, "Park Allé 160"): [
            (0, time(10), time(14)),
            (2, time(10), time(14)),
        ],
        (nord, "Frederikshavn Bibliotek", HelpPlace.Kind.LIBRARY, "Parallelvej 18"): [
            (2, time(10), time(12)),
        ],
    }
    for (centre, name, kind, address), hours in places.items():
        place = HelpPlace.objects.create(job_centre=centre, name=name, kind=kind, address=address)
        HelpHours.objects.bulk_create(
            HelpHours(place=place, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in hours
        )
