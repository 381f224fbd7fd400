"""Demo data for self-booking: what each demo job centre offers (topics, rooms, closing days,
rule, working hours, absence), a year of conversations for the demo citizens, coming bookings
and a few booking deadlines. See demo/management/commands/seed_demo.py.

Written with bulk_create, not through the services: it must be fast and must not notify anyone.
It plans every conversation on the consultants' working-hours grid and keeps the consultants'
and rooms' busy times in memory, so no two active bookings overlap and the PostgreSQL exclusion
constraint accepts them all."""

from booking.demo.centres import Centre
from booking.demo.history import History
from booking.demo.offer import (
    ABSENCES,
    BUFFER,
    CENTRE_CANCEL_REASONS,
    CLOSING_DAYS,
    COMING_DAYS,
    FACILITATED_SHARE,
    GRID,
    HISTORY_CITIZENS,
    HISTORY_DAYS,
    HOURS,
    LUNCH,
    MAX_DAYS_LATER,
    OWN_CONSULTANT_SHARE,
    ROOMS,
    SUMMONED_A_YEAR_AGO,
    SUMMONED_KONTANTHJAELP,
    SUMMONED_SHARE,
    TEXTS,
    TOPICS,
    TopicSpec,
)
from booking.demo.seed import seed

__all__ = [
    "ABSENCES",
    "BUFFER",
    "CENTRE_CANCEL_REASONS",
    "CLOSING_DAYS",
    "COMING_DAYS",
    "FACILITATED_SHARE",
    "GRID",
    "HISTORY_CITIZENS",
    "HISTORY_DAYS",
    "HOURS",
    "LUNCH",
    "MAX_DAYS_LATER",
    "OWN_CONSULTANT_SHARE",
    "ROOMS",
    "SUMMONED_A_YEAR_AGO",
    "SUMMONED_KONTANTHJAELP",
    "SUMMONED_SHARE",
    "TEXTS",
    "TOPICS",
    "Centre",
    "History",
    "TopicSpec",
    "seed",
]
