"""Loads a starter mapping of what the common occupations ask for (occupation;skill;essential)
from occupations/data/occupation_skills.csv, written by hand for the starter occupation list
and skills. The preparation view holds the CV against it. The reverse deletes exactly those
rows."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows() -> list[tuple[str, str, bool]]:
    with open(DATA / "occupation_skills.csv", encoding="utf-8", newline="") as f:
        return [
            (row["occupation"].strip(), row["skill"].strip(), row["essential"].strip() == "1")
            for row in csv.DictReader(f, delimiter=";")
        ]


def _ids(apps, rows):
    Occupation = apps.get_model("occupations", "Occupation")
    Skill = apps.get_model("occupations", "Skill")
    occupations = dict(
        Occupation.objects.filter(title__in={r[0] for r in rows}).values_list("title", "id")
    )
    skills = dict(Skill.objects.filter(name__in={r[1] for r in rows}).values_list("name", "id"))
    return occupations, skills


def load(apps, schema_editor):
    OccupationSkill = apps.get_model("occupations", "OccupationSkill")
    rows = _rows()
    occupations, skills = _ids(apps, rows)
    # An occupation or skill an administrator has removed is skipped, not an error.
    OccupationSkill.objects.bulk_create(
        [
            OccupationSkill(
                occupation_id=occupations[title], skill_id=skills[name], essential=essential
            )
            for title, name, essential in rows
            if title in occupations and name in skills
        ],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    OccupationSkill = apps.get_model("occupations", "OccupationSkill")
    rows = _rows()
    occupations, skills = _ids(apps, rows)
    pairs = {
        (occupations[title], skills[name])
        for title, name, _essential in rows
        if title in occupations and name in skills
    }
    links = OccupationSkill.objects.filter(
        occupation_id__in=occupations.values(), skill_id__in=skills.values()
    ).values_list("pk", "occupation_id", "skill_id")
    OccupationSkill.objects.filter(
        pk__in=[pk for pk, occupation, skill in links if (occupation, skill) in pairs]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("occupations", "0003_occupationskill")]

    operations = [migrations.RunPython(load, unload)]
