"""Computes the leaders' figures (`kpis.definitions.KPIS`) of one job centre into `Snapshot`
rows: per week and month (`kpis.periods`), for the job centre, each of its teams and each
consultant (job consultants, and team leaders who hold conversations), as each KPI's levels
allow.

The query count does not grow with the data. Each source is read with GROUP BY queries per
period kind: the period is a CASE over the periods' bounds on the row's local date, the
scope a group column.
Where every row belongs to exactly one consultant (a citizen's records by their responsible
consultant, a logbook entry by its writer, an answer by its team) one query grouped by
consultant and team is summed up to the team and the job centre, distinct citizens included:
a citizen is under one consultant only. Bookings and courses are not like that (a citizen can
meet several consultants), so they are counted once per level with COUNT(DISTINCT). The one
exception is the Joblog population (citizens registered by the period's end, and whether they
had an entry in the 14 and 30 days up to it): a point in time per period, one query per
period. So: 17 queries per period kind plus one per period, two to find the scopes, and
the replacing writes: one DELETE per period kind and one INSERT per 1,000 rows (on SQLite
per 76, its limit of 999 parameters a statement). The rows grow with the teams and
consultants, not with the citizens or bookings.

Everything is read first (outside any transaction, so the progress a run reports is visible)
and then written in one transaction: the job centre's snapshots of those periods are deleted
and created anew, so a recompute gives the same rows.

`measures` reads the sources into counts per scope and period, `snapshots` turns them into
the KPIs' figures and writes them; the names are re-exported here."""

from kpis.compute.measures import STEPS, TAKEN, Measures
from kpis.compute.snapshots import (
    BATCH_SIZE,
    FORMULAS,
    Figure,
    Progress,
    compute_centre,
    consultants_in_scope,
)

__all__ = [
    "BATCH_SIZE",
    "FORMULAS",
    "STEPS",
    "TAKEN",
    "Figure",
    "Measures",
    "Progress",
    "compute_centre",
    "consultants_in_scope",
]
