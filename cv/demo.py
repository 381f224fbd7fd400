"""Demo CVs for "borger" and borger001 to borger100: a handful of working lives (warehouse, care,
retail, transport, building, office, kitchen, cleaning, IT, industry), filled in to varied
degrees so the completeness indicator and the reminder have something to show. "borger" is
fairly complete but has not added languages. Written with bulk_create: fast, and it notifies
no one."""

import random
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from django.db import models
from django.db.models import Q
from django.utils import timezone

from citizens.models import Citizen
from cv.models import (
    CV,
    Course,
    CvSkill,
    Education,
    Language,
    LanguageLevel,
    SoughtOccupation,
    WorkExperience,
)
from occupations.models import Occupation, Skill


@dataclass(frozen=True)
class Track:
    occupations: tuple[str, ...]
    jobs: tuple[tuple[str, str], ...]  # (job title, employer)
    education: tuple[str, str]  # (title, institution)
    courses: tuple[str, ...]
    skills: tuple[str, ...]
    licences: tuple[str, ...]
    profile: str


TRACKS = [
    Track(
        ("Lagerarbejder", "Truckfører", "Pakkeriarbejder"),
        (("Lagermedarbejder", "Dagrofa Logistik"), ("Pakker", "PostNord Terminal")),
        ("Lager- og terminaluddannelsen", "Tradium"),
        ("Truckcertifikat B", "Førstehjælp"),
        ("Truckcertifikat", "Varemodtagelse", "Lagerstyring", "Teamarbejde"),
        ("B",),
        "Jeg er mødestabil og vant til at arbejde i højt tempo på lager, også i skiftehold.",
    ),
    Track(
        ("Social- og sundhedshjælper", "Social- og sundhedsassistent"),
        (("Social- og sundhedshjælper", "Randers Kommune, Hjemmeplejen"),),
        ("Social- og sundhedshjælper", "SOSU Østjylland"),
        ("Førstehjælp", "Forflytningskursus"),
        ("Personlig pleje", "Forflytning", "Demensomsorg", "Dokumentation", "Hygiejne"),
        ("B",),
        "Jeg holder af at hjælpe ældre med at klare hverdagen og er rolig i travle situationer.",
    ),
    Track(
        ("Butiksassistent", "Kassemedarbejder"),
        (("Salgsassistent", "Bilka"), ("Kasseassistent", "Netto")),
        ("Detailhandelsuddannelsen", "Business College Syd"),
        ("Hygiejnebevis",),
        ("Kundeservice", "Salg", "Kassesystemer", "Varemodtagelse"),
        (),
        "Jeg er udadvendt, god til kunder og vant til at have ansvar for en afdeling.",
    ),
    Track(
        ("Chauffør (lastbil)", "Varebilschauffør"),
        (("Lastbilchauffør", "DSV Road"), ("Budchauffør", "GLS Danmark")),
        ("Vejgodstransport", "AMU Nordjylland"),
        ("EU-efteruddannelse for chauffører", "ADR-bevis"),
        ("Chaufføruddannelse (EU-efteruddannelse)", "ADR-bevis (farligt gods)", "Planlægning"),
        ("B", "C", "CE"),
        "Erfaren chauffør med rene papirer, vant til både distribution og langtur.",
    ),
    Track(
        ("Tømrer", "Bygningsarbejder"),
        (("Tømrersvend", "Hansen & Søn Byg ApS"), ("Håndlanger", "MT Højgaard")),
        ("Tømrer (svendebrev)", "Aarhus Tech"),
        ("Stilladskursus", "Førstehjælp"),
        ("Tegningslæsning", "Teamarbejde", "Maskinbetjening"),
        ("B", "BE"),
        "Tømrer med erfaring fra både nybyggeri og renovering. Jeg arbejder selvstændigt.",
    ),
    Track(
        ("Kontorassistent", "Receptionist", "Bogholder"),
        (("Kontorassistent", "Danske Fragtmænd"), ("Receptionist", "Scandic Hotels")),
        ("Kontoruddannelsen", "Niels Brock"),
        ("Excel for øvede",),
        ("Microsoft Office", "Excel", "Bogføring", "Telefonbetjening", "Kundeservice"),
        ("B",),
        "Struktureret og serviceminded kontormedarbejder, god til tal og til mennesker.",
    ),
    Track(
        ("Kok", "Køkkenmedhjælper", "Kantinemedarbejder"),
        (("Kok", "Restaurant Havnen"), ("Køkkenassistent", "ISS Kantiner")),
        ("Gastronom", "Hotel- og Restaurantskolen"),
        ("Hygiejnebevis (fødevarer)",),
        ("Madlavning", "Hygiejnebevis (fødevarer)", "Hygiejne", "Planlægning"),
        (),
        "Jeg elsker at lave god mad fra bunden og trives i et travlt køkken.",
    ),
    Track(
        ("Rengøringsassistent", "Ejendomsservicetekniker"),
        (("Rengøringsassistent", "ISS Facility Services"), ("Pedelmedhjælper", "Boligforeningen")),
        ("Serviceassistent", "AMU Syd"),
        ("Rengøringsteknik", "Førstehjælp"),
        ("Rengøring", "Hygiejne", "Planlægning"),
        ("B",),
        "Grundig og stabil, vant til at arbejde selvstændigt tidligt om morgenen.",
    ),
    Track(
        ("Softwareudvikler", "IT-supporter"),
        (("Udvikler", "Netcompany"), ("IT-supporter", "Region Midtjylland")),
        ("Datamatiker", "Erhvervsakademi Aarhus"),
        ("Scrum Master",),
        ("Python", "JavaScript", "SQL", "IT-support", "Engelsk"),
        ("B",),
        "Udvikler med flair for brugervenlige løsninger og god til at forklare teknik enkelt.",
    ),
    Track(
        ("Industrioperatør", "Produktionsmedarbejder", "Smed"),
        (("Operatør", "Grundfos"), ("Produktionsmedarbejder", "Danish Crown")),
        ("Industrioperatør", "AMU Vest"),
        ("Svejsecertifikat", "Truckcertifikat B"),
        ("Maskinbetjening", "Kvalitetskontrol", "Svejsning", "Truckcertifikat"),
        ("B",),
        "Jeg har arbejdet i produktion i mange år og er vant til kvalitetskrav og skiftehold.",
    ),
]

LANGUAGES = [("Dansk", LanguageLevel.NATIVE), ("Engelsk", LanguageLevel.GOOD)]
OTHER_LANGUAGES = [
    ("Arabisk", LanguageLevel.NATIVE),
    ("Polsk", LanguageLevel.NATIVE),
    ("Tysk", LanguageLevel.BASIC),
    ("Tyrkisk", LanguageLevel.FLUENT),
]
#: Sections in the order a citizen tends to fill them in; "level" = how many are filled.
SECTIONS = ("occupations", "experience", "education", "skills", "profile", "languages", "courses")


def _month(today: date, months_back: int) -> date:
    total = today.year * 12 + today.month - 1 - months_back
    return date(total // 12, total % 12 + 1, 1)


class Builder:
    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.occupations = {o.title: o for o in Occupation.objects.all()}
        self.skills = {s.name: s for s in Skill.objects.all()}
        self.items: dict[type[models.Model], list] = {
            m: [] for m in (SoughtOccupation, WorkExperience, Education, Course, CvSkill, Language)
        }

    def fill(self, cv: CV, track: Track, sections: set[str]) -> None:
        rng, today = self.rng, self.today
        if "occupations" in sections:
            for n, title in enumerate(track.occupations[: rng.randint(1, len(track.occupations))]):
                self.items[SoughtOccupation].append(
                    SoughtOccupation(
                        cv=cv,
                        occupation=self.occupations[title],
                        years_experience=max(0, rng.randint(0, 12) - 3 * n),
                        has_education=n == 0 and rng.random() < 0.6,
                    )
                )
        if "experience" in sections:
            back = rng.randint(1, 8)
            for job_title, employer in track.jobs:
                length = rng.randint(8, 60)
                self.items[WorkExperience].append(
                    WorkExperience(
                        cv=cv,
                        job_title=job_title,
                        employer=employer,
                        occupation=self.occupations.get(track.occupations[0]),
                        started_on=_month(today, back + length),
                        ended_on=_month(today, back),
                        description=rng.choice(["", track.profile]),
                    )
                )
                back += length + rng.randint(0, 10)
        if "education" in sections:
            start = _month(today, rng.randint(72, 300))
            self.items[Education].append(
                Education(
                    cv=cv,
                    title=track.education[0],
                    institution=track.education[1],
                    started_on=start,
                    ended_on=date(start.year + 2, start.month, 1),
                    completed=rng.random() < 0.85,
                )
            )
        if "courses" in sections:
            for name in track.courses:
                taken = _month(today, rng.randint(3, 60)).replace(day=rng.randint(1, 28))
                expires = None
                if "certifikat" in name.lower() or "ADR" in name or "EU-" in name:
                    expires = taken.replace(year=taken.year + 5)
                self.items[Course].append(
                    Course(cv=cv, name=name, issuer="AMU", completed_on=taken, expires_on=expires)
                )
        if "skills" in sections:
            for name in track.skills:
                if name in self.skills:
                    self.items[CvSkill].append(CvSkill(cv=cv, skill=self.skills[name]))
        if "languages" in sections:
            languages = list(LANGUAGES)
            if rng.random() < 0.25:
                languages.append(rng.choice(OTHER_LANGUAGES))
            for name, level in languages:
                self.items[Language].append(Language(cv=cv, name=name, level=level))

    def save(self) -> int:
        for model, rows in self.items.items():
            model._default_manager.bulk_create(rows, batch_size=500)
        return sum(len(rows) for rows in self.items.values())


def seed(rng: random.Random, stdout: TextIO) -> None:
    today = timezone.localdate()
    citizens = list(
        Citizen.objects.filter(
            Q(user__username="borger") | Q(user__username__regex=r"^borger\d{3}$")
        ).order_by("user__username")
    )
    builder = Builder(rng, today)
    plans: list[tuple[CV, Track, set[str]]] = []
    for citizen in citizens:
        if citizen.user.username == "borger":
            track = TRACKS[0]
            sections = set(SECTIONS) - {"languages"}
        else:
            if rng.random() < 0.15:
                continue  # has not opened the CV yet
            track = rng.choice(TRACKS)
            sections = set(SECTIONS[: rng.randint(1, len(SECTIONS))])
        cv = CV(
            citizen=citizen,
            profile_text=track.profile if "profile" in sections else "",
            driving_licences=list(track.licences) if "profile" in sections else [],
            visible_to_employers="profile" in sections and rng.random() < 0.7,
        )
        plans.append((cv, track, sections))
    CV.objects.bulk_create([cv for cv, _, _ in plans])
    for cv, track, sections in plans:
        builder.fill(cv, track, sections)
    items = builder.save()
    stdout.write(f"  CVs: {len(plans)}, CV entries: {items}")
