"""Loads the postcodes with approximate centroids and RAR areas from places/data/postcodes.csv
(code;name;area;lat;lon), read at migrate time. The reverse deletes exactly those rows."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "postcodes.csv"


def _rows() -> list[dict[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def load(apps, schema_editor):
    Postcode = apps.get_model("places", "Postcode")
    Postcode.objects.bulk_create(
        [
            Postcode(
                code=row["code"].strip(),
                name=row["name"].strip(),
                area=row["area"].strip(),
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
            )
            for row in _rows()
        ],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    apps.get_model("places", "Postcode").objects.filter(
        code__in=[row["code"].strip() for row in _rows()]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
