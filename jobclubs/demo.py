"""Demo job clubs: four coming clubs in "Jobcenter Demo" (warehouse, kitchen, cleaning, lorry
driving; one by video) and two in "Jobcenter Nord", made through the services. "borger" has a
seat in the warehouse club; the cleaning club is full, so its page shows the 409 and the next
cleaning club. Safe to run twice: a centre with job clubs is left alone."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from booking.models import MeetingMode
from centres.models import JobCentre
from citizens.models import Citizen
from jobclubs import services
from jobclubs.access import CLUB_ROLES
from jobclubs.models import JobClub
from jobclubs.services import ClubDetails, ClubFull
from labour.models import Industry
from occupations.models import Occupation

#: (title, DB07 code, occupation, days ahead, hour, minutes, seats, by video, seats booked)
DEMO_CLUBS = [
    ("Jobklub: lager og logistik", "521000", "Lagerarbejder", 3, 10, 120, 12, False, 6),
    ("Jobklub: køkken og restaurant", "561010", "Kok", 5, 13, 90, 10, True, 3),
    ("Jobklub: rengøring", "812100", "Rengøringsassistent", 4, 9, 120, 8, False, 8),
    ("Jobklub: rengøring (næste hold)", "812100", "Rengøringsassistent", 11, 9, 120, 8, False, 2),
    ("Jobklub: chauffør og transport", "494100", "Chauffør (lastbil)", 8, 10, 120, 10, False, 4),
]
NORD_CLUBS = [
    ("Jobklub: lager og logistik", "521000", "Lagerarbejder", 6, 10, 120, 8, False, 3),
    ("Jobklub: køkken", "561010", "Kok", 9, 13, 90, 8, True, 1),
]
DESCRIPTION = (
    "Vi mødes i en lille gruppe med samme branche. Vi taler om jobopslag, ansøgninger og "
    "samtaler. En konsulent fra jobcentret leder mødet, og en virksomhed fortæller om sit behov."
)


def _working_day(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _seed_centre(centre: JobCentre, plan, now) -> int:
    if JobClub.objects.filter(job_centre=centre).exists():
        return 0
    hosts = list(
        User.objects.filter(job_centre=centre, role__in=CLUB_ROLES, is_active=True).order_by(
            "role", "username"
        )
    )
    rows = Citizen.objects.filter(job_centre=centre).select_related("user")
    borger = list(rows.filter(user__username="borger"))
    citizens = borger + list(rows.exclude(user__username="borger").order_by("pk")[:60])
    if not hosts or not citizens:
        return 0
    industries = {i.code: i for i in Industry.objects.filter(code__in={p[1] for p in plan})}
    occupations = {o.title: o for o in Occupation.objects.filter(title__in={p[2] for p in plan})}
    made = 0
    for i, (title, code, occupation, days, hour, minutes, seats, video, booked) in enumerate(plan):
        day = _working_day(timezone.localdate(now) + timedelta(days=days))
        details = ClubDetails(
            title=title,
            description=DESCRIPTION,
            industry=industries.get(code),
            occupation=occupations.get(occupation),
            start=datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone()),
            duration_minutes=minutes,
            mode=MeetingMode.VIDEO if video else MeetingMode.IN_PERSON,
            place="" if video else f"Mødelokale {i % 3 + 1}",
            video_link="https://video.example.dk/jobklub" if video else "",
            capacity=seats,
            host=hosts[i % len(hosts)],
        )
        club = services.jobclub_create(centre=centre, details=details, actor=details.host, now=now)
        made += 1
        # The first club gets borger; each other club the citizens after the last one's.
        start = 0 if i == 0 else 1 + i * 3
        for citizen in citizens[start : start + booked]:
            try:
                services.seat_book(club=club, citizen=citizen, actor=citizen.user, now=now)
            except (ClubFull, ValidationError):
                continue  # a clash with the citizen's own demo conversation: leave it
    return made


def seed(rng, stdout) -> None:
    now = timezone.now()
    made = 0
    for name, plan in (("Jobcenter Demo", DEMO_CLUBS), ("Jobcenter Nord", NORD_CLUBS)):
        centre = JobCentre.objects.filter(name=name).first()
        if centre is not None:
            made += _seed_centre(centre, plan, now)
    stdout.write(f"  job clubs: {made}\n")
