"""Loads the starter occupation list (DISCO-08 codes) and the common skills from
occupations/data/. The reverse deletes exactly those rows."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _occupations() -> list[tuple[str, str, list[str]]]:
    return [
        (
            row["title"].strip(),
            row["disco_code"].strip(),
            [s.strip() for s in (row["synonyms"] or "").split("|") if s.strip()],
        )
        for row in _rows("occupations.csv")
    ]


def _skills() -> list[str]:
    return [row["name"].strip() for row in _rows("skills.csv")]


def load(apps, schema_editor):
    Occupation = apps.get_model("occupations", "Occupation")
    Skill = apps.get_model("occupations", "Skill")
    # Historical models lack Occupation.save(), so search_text is built here the same way.
    Occupation.objects.bulk_create(
        [
            Occupation(
                title=title,
                disco_code=code,
                synonyms="\n".join(synonyms),
                search_text=" ".join([title, *synonyms]).lower(),
            )
            for title, code, synonyms in _occupations()
        ],
        ignore_conflicts=True,
    )
    Skill.objects.bulk_create([Skill(name=name) for name in _skills()], ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("occupations", "Occupation").objects.filter(
        title__in=[title for title, _, _ in _occupations()]
    ).delete()
    apps.get_model("occupations", "Skill").objects.filter(name__in=_skills()).delete()


class Migration(migrations.Migration):
    dependencies = [("occupations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
