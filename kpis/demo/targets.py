"""Demo targets and implementation plan for "Jobcenter Demo": this year's targets for the
figures the method names (self-booking, Joblog use, satisfaction, feedback, no-shows), one of
them for the team "Jobparate dagpenge", whose self-booking share over the year reaches it in the
demo bookings (about 90 %); and the plan of the method with six milestones, four of them reached.

Dates are relative to today, so the demo reads the same whichever day it is seeded. Created
directly, not through the services (no actor check is needed for seeding). Deterministic; the
rng is not needed."""

import datetime as dt
import random
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from centres.models import JobCentre, Team
from kpis.models import ImplementationPlan, Milestone, PlanStatus, Target

#: (KPI, team name or None for the whole centre, target).
TARGETS = [
    ("self_booking_share", None, 75),
    ("self_booking_share", "Jobparate dagpenge", 75),
    ("joblog_active_30", None, 80),
    ("satisfaction_average", None, 8),
    ("feedback_given", None, 4),  # per month
    ("no_show_rate", None, 6),  # a ceiling: at most 6 %
]

STEERING_GROUP = """Peter Lykke Andersen, jobcenterchef (formand)
Lene Administrator Holm, administration og systemer
Susanne Winther, teamleder, Jobparate dagpenge
Bo Steffensen, virksomhedsservice"""

PROJECT_GROUP = """Susanne Winther, teamleder (tovholder på aktionslæring)
Karina Lund Sørensen, jobkonsulent
Mads Holm, jobkonsulent
Sanne Thomsen, jobkonsulent
Amalie Krogh, virksomhedskonsulent"""

NOTES = """Ledelsens rolle: jobcenterchefen melder ud, at den jobrettede samtale er en skal-opgave \
i driften, og følger op på måltallene hver måned på ledermødet.
Kompetenceudvikling: kursus i samtaleteknikker for alle jobkonsulenter, derefter aktionslæring \
i læringsgrupper med observation og feedback hver måned.
Støtteredskaber: fælles samtaleguide, tjekliste til selvbooking og medbetjening, og \
tirsdagsmailen om arbejdsmarkedet fra virksomhedsservice."""

#: (title, days from today it is due, days after the due day it was reached, or None).
MILESTONES = [
    ("Kick-off for alle medarbejdere", -310, 0),
    ("Kursus i samtaleteknikker", -250, 2),
    ("Første læringsgruppemøde", -190, -1),
    ("Selvbooking for alle dagpengemodtagere", -130, 6),
    ("Faciliteret medbetjening på biblioteket", 10, None),
    ("Evaluering af implementeringen", 35, None),
]


def seed(rng: random.Random, stdout: TextIO) -> None:
    centre = JobCentre.objects.get(name="Jobcenter Demo")
    manager = User.objects.get(username="leder")
    teams = {team.name: team for team in Team.objects.filter(job_centre=centre)}
    today = timezone.localdate()
    year = today.year
    Target.objects.bulk_create(
        Target(
            job_centre=centre,
            team=teams[team] if team else None,
            kpi=kpi,
            value=Decimal(value),
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            created_by=manager,
        )
        for kpi, team, value in TARGETS
    )
    plan = ImplementationPlan.objects.create(
        job_centre=centre,
        project_leader=manager.name,
        steering_group=STEERING_GROUP,
        project_group=PROJECT_GROUP,
        status=PlanStatus.UNDER_WAY,
        notes=NOTES,
        updated_by=manager,
    )
    Milestone.objects.bulk_create(
        Milestone(
            plan=plan,
            title=title,
            due_on=today + dt.timedelta(days=due),
            done_on=None if done is None else today + dt.timedelta(days=due + done),
        )
        for title, due, done in MILESTONES
    )
    stdout.write(f"  targets: {len(TARGETS)}, implementation milestones: {len(MILESTONES)}")
