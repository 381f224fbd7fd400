"""The demo's figures: every demo job centre's KPI snapshots, computed from the rest of the
demo data (so this seeder runs last). See demo/management/commands/seed_demo.py."""

import random
from typing import TextIO

from kpis.models import RunStatus
from kpis.services import snapshot_compute_all


def seed(rng: random.Random, stdout: TextIO) -> None:
    runs = snapshot_compute_all()
    failed = [run for run in runs if run.status != RunStatus.DONE]
    if failed:
        raise RuntimeError(f"KPI snapshots failed: {failed[0].error}")
    stdout.write(f"  KPI snapshots: {len(runs)} job centres computed")
