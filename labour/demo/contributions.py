"""What colleagues added for "Nyt fra kolleger" (a job consultant's tip from a citizen, a
knowledge note, a team leader's wheel need), then the trend page's counts for every centre.
Runs after the companies and wheel demos; deterministic, and a second run adds nothing."""

import random
from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from centres.models import JobCentre
from labour import trends
from labour.models import Company, ContributionStatus, JobOpening, KnowledgeNote, WheelEvent
from labour.search import document_for
from labour.wheel import weeks_in_year

TIP = "Chauffør til varekørsel, hørt fra en borger"


def seed(rng: random.Random, stdout: TextIO) -> None:
    today = timezone.localdate()
    demo = JobCentre.objects.get(name="Jobcenter Demo")
    consultant = User.objects.filter(username="konsulent").first()
    company = Company.objects.filter(job_centre=demo).order_by("name").first()
    if consultant is None or company is None:
        stdout.write("  labour contributions: no consultant or company, nothing added\n")
        return
    proposed = ContributionStatus.PROPOSED
    if not JobOpening.objects.filter(job_centre=demo, title=TIP).exists():
        opening = JobOpening(
            job_centre=demo,
            title=TIP,
            company=company,
            postcode=company.postcode,
            town=company.town,
            date_posted=today,
            valid_through=today + timedelta(days=21),
            description="En borger fortalte, at virksomheden mangler en chauffør med B-kørekort.",
            status=proposed,
            added_by=consultant,
            source="tip",
        )
        opening.search_document = document_for(opening)
        opening.save()
        KnowledgeNote.objects.create(
            company=company,
            added_by=consultant,
            status=proposed,
            market_potential="Har fået en ny kunde og vil ansætte flere i foråret.",
            tone="Uformel og venlig. Man hilser på alle om morgenen.",
            demand="Folk, der kan køre bil og tage fat.",
        )
        leader = User.objects.filter(job_centre=demo, role="team_leader").order_by("pk").first()
        # Two weeks ahead, also from the last weeks of a year (ISO week 53 included).
        coming = (today + timedelta(weeks=2)).isocalendar()
        WheelEvent.objects.create(
            job_centre=demo,
            company=company,
            title="Ekstra hænder til lageroptælling",
            year=coming.year,
            week_from=coming.week,
            week_to=min(coming.week + 1, weeks_in_year(coming.year)),
            positions=4,
            added_by=leader or consultant,
            status=proposed,
        )
    rows = trends.trends_compute_all(today=today)
    stdout.write(f"  labour contributions: 3 from colleagues; {rows} trend counts\n")
