"""Demo Joblogs: a year of job search for the demo citizens "borger" and borger001-borger100,
with the variety a job centre sees: steady searchers, narrow ones (one occupation, one town),
broad ones (many occupations, towns and all three plans), some who stopped, some who never
started, and some who found a job. Plus the demo centres' yardsticks. See
demo/management/commands/seed_demo.py.

Written with bulk_create, not through the services: it must be fast and must not notify anyone."""

from joblog.demo.catalogue import (
    BORGER_OCCUPATIONS,
    EMPLOYERS,
    FALLBACK_OCCUPATIONS,
    HISTORY_DAYS,
    KINDS,
    NOTES,
    PLACES,
    RECRUITERS,
    TAKE_UP_DAYS,
    TITLE_SUFFIXES,
)
from joblog.demo.entries import Joblog, seed

__all__ = [
    "BORGER_OCCUPATIONS",
    "EMPLOYERS",
    "FALLBACK_OCCUPATIONS",
    "HISTORY_DAYS",
    "KINDS",
    "NOTES",
    "PLACES",
    "RECRUITERS",
    "TAKE_UP_DAYS",
    "TITLE_SUFFIXES",
    "Joblog",
    "seed",
]
