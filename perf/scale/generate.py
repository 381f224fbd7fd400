"""`build(scale)`: the national data set, step by step (see the package's docstring)."""

import time
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from centres.demo import DEMO_PASSWORD

from . import activity, booking, followup, labour, people
from .context import Context
from .plan import sizes
from .writers import writer_for

#: (name, function) in dependency order.
STEPS = [
    ("centres and teams", people.centres),
    ("staff", people.staff),
    ("citizens", people.citizens),
    ("booking offer", booking.offer),
    ("bookings", booking.bookings),
    ("conversations", followup.conversations),
    ("evaluations", followup.evaluations),
    ("plans", followup.plans),
    ("joblog", activity.joblog),
    ("cv", activity.cv),
    ("labour", labour.labour),
    ("lookups", activity.lookups),
]


def build(
    scale: float,
    *,
    seed: int = 1,
    progress: bool = True,
    today: date | None = None,
    fk_checks: bool = False,
) -> dict[str, Any]:
    """Generates the data set; returns the sizes asked for, the rows written per table and the
    seconds per step and per table."""
    started = time.perf_counter()
    writer = writer_for(progress=progress, fk_checks=fk_checks)
    ctx = Context(sizes(scale), writer, seed=seed, today=today or timezone.localdate())
    ctx.password = make_password(DEMO_PASSWORD)
    steps: dict[str, float] = {}
    try:
        for name, step in STEPS:
            began = time.perf_counter()
            step(ctx)
            steps[name] = time.perf_counter() - began
        writer.finish()
    finally:
        writer.close()
    return {
        "scale": scale,
        "seed": seed,
        "vendor": connection.vendor,
        "today": ctx.today.isoformat(),
        "planned": ctx.sizes.totals,
        "rows": dict(ctx.counts),
        "steps": steps,
        "tables": writer.timings,
        "seconds": time.perf_counter() - started,
    }
