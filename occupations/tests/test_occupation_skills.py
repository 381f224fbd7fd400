"""The starter mapping of what occupations ask for is loaded by migration 0004, names only
occupations and skills on the starter lists, and its reverse removes exactly its rows."""

import csv
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from occupations.models import Occupation, OccupationSkill, Skill

DATA = Path(__file__).resolve().parent.parent / "data"
starter = import_module("occupations.migrations.0004_starter_skills")

pytestmark = pytest.mark.django_db


def _csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _skills_of(title: str) -> dict[str, bool]:
    return dict(
        OccupationSkill.objects.filter(occupation__title=title).values_list(
            "skill__name", "essential"
        )
    )


def test_every_row_names_a_starter_occupation_and_skill_once():
    titles = {row["title"] for row in _csv("occupations.csv")}
    skills = {row["name"] for row in _csv("skills.csv")}
    rows = _csv("occupation_skills.csv")
    assert len(rows) >= 150
    assert {row["occupation"] for row in rows} <= titles
    assert {row["skill"] for row in rows} <= skills
    assert {row["essential"] for row in rows} == {"0", "1"}
    assert len({(row["occupation"], row["skill"]) for row in rows}) == len(rows)


def test_the_mapping_is_loaded():
    assert OccupationSkill.objects.count() == len(_csv("occupation_skills.csv"))
    warehouse = _skills_of("Lagerarbejder")
    assert warehouse["Truckcertifikat"] is True
    assert warehouse["Lagerstyring"] is False
    sosu = _skills_of("Social- og sundhedsassistent")
    assert sosu["Forflytning"] and sosu["Personlig pleje"] and sosu["Medicinhåndtering"]
    assert _skills_of("Sygeplejerske")["Medicinhåndtering"] is True


def test_the_reverse_deletes_the_rows_and_only_them():
    own = OccupationSkill.objects.create(
        occupation=Occupation.objects.get(title="Tolk"), skill=Skill.objects.get(name="Tysk")
    )
    starter.unload(apps, None)
    assert list(OccupationSkill.objects.all()) == [own]
    starter.load(apps, None)
    assert OccupationSkill.objects.count() == len(_csv("occupation_skills.csv")) + 1
