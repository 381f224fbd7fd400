"""Demo cooperation in "Jobcenter Demo": the Tuesday meeting at 9.00 for the whole centre, last
Tuesday's minutes with a done and an open follow-up, two open "Jeg har borgere, der søger …"
requests and one answered, and konsulent paired with virksomhed. Safe to run twice: a centre
with a standing meeting is left alone."""

from datetime import time, timedelta

from django.utils import timezone

from accounts.models import User
from centres.models import JobCentre
from occupations.models import Occupation
from teamwork import services
from teamwork.models import StandingMeeting

REQUESTS = [
    ("Lagerarbejder", 4, "Brøndby", "Morgen- og aftenhold; to har truckcertifikat."),
    ("Social- og sundhedshjælper", 2, "Hvidovre", "Vil gerne i praktik før en fast stilling."),
]


def seed(rng, stdout) -> None:
    centre = JobCentre.objects.filter(name="Jobcenter Demo").first()
    if centre is None or StandingMeeting.objects.filter(job_centre=centre).exists():
        return
    staff = {
        u.username: u
        for u in User.objects.filter(
            job_centre=centre, username__in=["konsulent", "konsulent02", "virksomhed", "teamleder"]
        )
    }
    if len(staff) < 4:
        stdout.write("  teamwork: skipped (the demo staff are missing)")
        return
    standing = StandingMeeting.objects.create(
        job_centre=centre, weekday=1, starts_at=time(9, 0), place="Mødelokale 2, 1. sal"
    )
    today = timezone.localdate()
    last_tuesday = today - timedelta(days=(today.weekday() - 1) % 7 or 7)
    meeting = services.minutes_save(
        standing=standing,
        user=staff["virksomhed"],
        held_on=last_tuesday,
        minutes=(
            "Julesæsonen: lagrene i Brøndby og Ishøj mangler folk til og med uge 51.\n"
            "Vestegnens Distribution vil gerne have to chauffører i praktik i januar."
        ),
    )
    done = services.follow_up_add(
        meeting=meeting,
        text="Send tre kandidater til Nordic Pallet",
        owner=staff["konsulent"],
        due_on=last_tuesday + timedelta(days=3),
    )
    services.follow_up_done(follow_up=done)
    services.follow_up_add(
        meeting=meeting,
        text="Spørg Vestegnens Distribution om C-kørekort er et krav",
        owner=staff["virksomhed"],
        due_on=today + timedelta(days=2),
    )
    occupations = {
        o.title: o for o in Occupation.objects.filter(title__in=[r[0] for r in REQUESTS])
    }
    for title, count, area, note in REQUESTS:
        if title in occupations:
            services.request_create(
                user=staff["konsulent"],
                data={
                    "occupation": occupations[title],
                    "citizens": count,
                    "area": area,
                    "note": note,
                },
            )
    if "Lagerarbejder" in occupations:
        answered = services.request_create(
            user=staff["konsulent02"],
            data={"occupation": occupations["Lagerarbejder"], "citizens": 1, "area": "Glostrup"},
        )
        services.request_close(
            request=answered,
            user=staff["virksomhed"],
            answer="Dagrofa Logistik i Glostrup søger; jeg har sendt kontakten.",
        )
    services.pair_start(
        user=staff["teamleder"],
        job_consultant=staff["konsulent"],
        business_consultant=staff["virksomhed"],
    )
    stdout.write("  teamwork: a standing meeting, minutes, 3 requests, 1 partner pair")
