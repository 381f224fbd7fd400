"""The DB07 industries (Danmarks Statistik, Dansk Branchekode 2007) from labour/data/db07.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "db07.csv"


def load(apps, schema_editor):
    Industry = apps.get_model("labour", "Industry")
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    Industry.objects.bulk_create(
        [Industry(code=row["code"], name=row["name"]) for row in rows], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("labour", "0002_calendar_feed")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
