"""Demo data for Min Plan: a plan with job plan A/B/C, agreements, homework (some done, some
due) and a little history for "borger" and borger001-borger100. "borger"'s Plan A period has
passed, so the gentle suggestion to widen shows, and she has open homework.

Written with bulk_create, not through the services: fast, and nobody is notified. Safe to run
twice: citizens who already have a plan are left alone."""

import random
from datetime import datetime, time, timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import Role, User
from citizens.models import Citizen
from joblog.models import Channel
from occupations.models import Occupation
from plans.models import Agreement, Homework, JobTrack, Plan, PlanChange

#: Used only when the occupation list is empty (the starter list comes as a data migration).
FALLBACK_OCCUPATIONS = [
    ("Lagerarbejder", "9333"),
    ("Lagerforvalter", "4321"),
    ("Chauffør", "8322"),
    ("Butiksassistent", "5223"),
    ("Kontorassistent", "4110"),
    ("Regnskabsassistent", "4311"),
    ("Social- og sundhedshjælper", "5322"),
    ("Pædagogmedhjælper", "5312"),
    ("Rengøringsassistent", "9112"),
    ("Kok", "5120"),
    ("Tjener", "5131"),
    ("Elektriker", "7411"),
    ("Tømrer", "7115"),
    ("IT-supporter", "3512"),
    ("Kundeservicemedarbejder", "4222"),
]

#: Plan A: the warehouse; B: driving; C: whatever is short of hands nearby.
BORGER_PLAN = [
    "Lagerarbejder",
    "Truckfører",
    "Chauffør (lastbil)",
    "Pakkeriarbejder",
    "Rengøringsassistent",
    "Butiksassistent",
]
GOALS = [
    "Fast job inden for {a}",
    "Job som {a} på fuld tid",
    "Komme i job som {a}, gerne tæt på hjemmet",
]
STRATEGIES = [
    "Jeg søger mindst to opslåede stillinger om ugen og ringer til virksomhederne først.",
    "Jeg bruger mit netværk og sender uopfordrede ansøgninger til virksomheder i området.",
    "Jeg holder øje med Jobnet hver dag og tager til jobmesser.",
]
GEOGRAPHY = [
    "Storkøbenhavn, max 1 times transport",
    "Vestegnen og Københavns Kommune",
    "Inden for 45 minutter med offentlig transport",
]
AGREEMENTS = [
    "Du søger også job som {b}, da der er mange ledige stillinger.",
    "Vi aftaler, at du opdaterer dit CV med dine seneste erfaringer.",
    "Du tager kontakt til to virksomheder om praktik inden næste samtale.",
    "Vi taler om Plan C ved næste samtale, hvis Plan A ikke har givet samtaler.",
]
HOMEWORK = [
    ("Opdatér dit CV", "Tilføj dine seneste job og kurser."),
    ("Ring til to virksomheder", "Spørg om de mangler folk, og hvad de lægger vægt på."),
    ("Søg tre job i Plan B", ""),
    ("Tilmeld dig jobmessen", "Jobmessen i Brøndby Hallen."),
    ("Skriv en uopfordret ansøgning", "Brug skabelonen fra samtalen."),
]


def _occupations() -> list[Occupation]:
    occupations = list(Occupation.objects.order_by("title")[:60])
    if len(occupations) >= 6:
        return occupations
    for title, code in FALLBACK_OCCUPATIONS:
        Occupation.objects.get_or_create(title=title, defaults={"disco_code": code})
    return list(Occupation.objects.order_by("title"))


def _author(citizen: Citizen, fallback: dict[int, User]) -> User:
    return citizen.responsible_consultant or fallback[citizen.job_centre_id]


def seed(rng: random.Random, stdout: TextIO) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    occupations = _occupations()
    names = ["borger", *(f"borger{n:03d}" for n in range(1, 101))]
    citizens = list(
        Citizen.objects.filter(user__username__in=names, plan__isnull=True)
        .select_related("user", "responsible_consultant")
        .order_by("user__username")
    )
    fallback = {
        c.job_centre_id: User.objects.filter(
            job_centre_id=c.job_centre_id, role=Role.JOB_CONSULTANT
        ).order_by("username")[0]
        for c in citizens
    }
    plans = Plan.objects.bulk_create(
        [
            Plan(
                citizen=c,
                required_searches=rng.choice([4, 6, 8]),
                required_period_days=28,
                geography=rng.choice(GEOGRAPHY),
                channels=rng.sample([ch.value for ch in Channel], 3),
                strategy=rng.choice(STRATEGIES),
                next_contact=today + timedelta(days=rng.randint(7, 40)),
                approved_at=now - timedelta(days=10)
                if c.user.username != "borger" and rng.random() < 0.5
                else None,
            )
            for c in citizens
        ]
    )
    tracks, track_occupations, agreements, homework, changes = [], [], [], [], []
    for citizen, plan in zip(citizens, plans, strict=True):
        is_borger = citizen.user.username == "borger"
        chosen = rng.sample(occupations, 6)
        if is_borger:  # her CV and Joblog point to the warehouse (cv/demo.py, joblog/demo/)
            by_title = {o.title: o for o in Occupation.objects.filter(title__in=BORGER_PLAN)}
            if len(by_title) == len(BORGER_PLAN):
                chosen = [by_title[t] for t in BORGER_PLAN]
        plan.job_goal = rng.choice(GOALS).format(a=chosen[0].title.lower())
        set_at = today - timedelta(days=120 if is_borger else rng.randint(20, 150))
        a_until = today - timedelta(days=14) if is_borger else set_at + timedelta(days=90)
        for i, letter in enumerate("ABC"):
            tracks.append(
                JobTrack(
                    plan=plan,
                    letter=letter,
                    description="",
                    set_at=set_at,
                    widen_from=a_until + timedelta(days=60 * i) if letter != "C" else None,
                )
            )
            track_occupations.append(chosen[2 * i : 2 * i + 2])
        author = _author(citizen, fallback)
        for text in rng.sample(AGREEMENTS, 2):
            agreements.append(
                Agreement(plan=plan, text=text.format(b=chosen[2].title.lower()), created_by=author)
            )
        items = rng.sample(HOMEWORK, 3)
        for i, (title, description) in enumerate(items):
            done = i == (2 if is_borger else 0)
            homework.append(
                Homework(
                    plan=plan,
                    title=title,
                    description=description,
                    due=today + timedelta(days=7 * (i + 1) - (14 if done else 0)),
                    done_at=now - timedelta(days=3) if done else None,
                    done_note="Det gik fint, jeg har sendt det." if done else "",
                    created_by=author,
                )
            )
        start = datetime.combine(set_at, time(10), tzinfo=timezone.get_current_timezone())
        changes += [
            (
                PlanChange(plan=plan, changed_by=citizen.user, summary="Plan A, B og C blev sat."),
                start,
            ),
            (
                PlanChange(plan=plan, changed_by=author, summary="Ny aftale."),
                start + timedelta(hours=1),
            ),
        ]
    Plan.objects.bulk_update(plans, ["job_goal"], batch_size=500)
    tracks = JobTrack.objects.bulk_create(tracks, batch_size=500)
    through = JobTrack.occupations.through
    through.objects.bulk_create(
        [
            through(jobtrack_id=t.pk, occupation_id=o.pk)
            for t, chosen in zip(tracks, track_occupations, strict=True)
            for o in chosen
        ],
        batch_size=1000,
    )
    required = Plan.required_occupations.through
    required.objects.bulk_create(
        [
            required(plan_id=t.plan_id, occupation_id=o.pk)
            for t, chosen in zip(tracks, track_occupations, strict=True)
            if t.letter == "A"
            for o in chosen
        ],
        batch_size=1000,
    )
    Agreement.objects.bulk_create(agreements, batch_size=500)
    Homework.objects.bulk_create(homework, batch_size=500)
    made = PlanChange.objects.bulk_create([c for c, _at in changes], batch_size=500)
    for change, (_c, at) in zip(made, changes, strict=True):
        change.changed_at = at
    PlanChange.objects.bulk_update(made, ["changed_at"], batch_size=500)
    stdout.write(f"Plans: {len(plans)} with job plan A/B/C, agreements and homework.")
