"""Demo data for the occupation taxonomy: the labour-market balance of every occupation on the
starter list in Hovedstaden (Jobcenter Demo, 2605 Brøndby) and Nordjylland (Jobcenter Nord,
9900), from the hand-written sample occupations/data/balance_sample.csv, imported through the
import service as a business consultant would. A second run changes nothing."""

import random
from pathlib import Path
from typing import TextIO

from occupations.services import balance_import

SAMPLE = Path(__file__).resolve().parent / "data" / "balance_sample.csv"
PERIOD = "2026-2"


def seed(rng: random.Random, stdout: TextIO) -> None:
    result = balance_import(data=SAMPLE.read_bytes(), period=PERIOD, all_or_nothing=True)
    if not result.saved:
        raise RuntimeError(f"The balance sample has bad rows: {result.errors[:3]}")
    stdout.write(
        f"Labour-market balance {PERIOD}: {result.created} created, {result.updated} updated, "
        f"{result.unchanged} unchanged.\n"
    )
