"""Loads a hand-written starter set of related occupations (pairs of titles from the starter
list) from occupations/data/related_occupations.csv. The relation is symmetrical, so each pair
is stored both ways. The reverse deletes exactly those pairs."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "related_occupations.csv"


def _pairs() -> list[tuple[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as f:
        return [
            (row["occupation"].strip(), row["related"].strip())
            for row in csv.DictReader(f, delimiter=";")
        ]


def _id_pairs(apps) -> set[tuple[int, int]]:
    Occupation = apps.get_model("occupations", "Occupation")
    pairs = _pairs()
    ids = dict(
        Occupation.objects.filter(title__in={t for pair in pairs for t in pair}).values_list(
            "title", "id"
        )
    )
    # An occupation an administrator has removed is skipped, not an error.
    found = {(ids[a], ids[b]) for a, b in pairs if a in ids and b in ids and a != b}
    return found | {(b, a) for a, b in found}


def load(apps, schema_editor):
    Through = apps.get_model("occupations", "Occupation").related.through
    Through.objects.bulk_create(
        [Through(from_occupation_id=a, to_occupation_id=b) for a, b in _id_pairs(apps)],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    Through = apps.get_model("occupations", "Occupation").related.through
    pairs = _id_pairs(apps)
    links = Through.objects.filter(from_occupation_id__in={a for a, _ in pairs}).values_list(
        "pk", "from_occupation_id", "to_occupation_id"
    )
    Through.objects.filter(pk__in=[pk for pk, a, b in links if (a, b) in pairs]).delete()


class Migration(migrations.Migration):
    dependencies = [("occupations", "0005_related_esco_balance")]

    operations = [migrations.RunPython(load, unload)]
