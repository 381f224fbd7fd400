"""Targets (måltal): services that set them, selectors that read them, and their progress.

A target is set by the manager for one KPI, for the whole job centre or one team, over a period
of at most three years. For a KPI where lower is better (the no-show rate, missed deadlines) the
target is a ceiling: it is reached when the figure is at or below it.

Progress is read from the stored MONTH snapshots (never from the raw data): every month whose
period overlaps the target's period counts, and it counts whole, so a target from 15 March
includes all of March. Shares and averages are combined by summing numerators and denominators
(`kpis.definitions.combined`); a count (feedback given, courses started...) is a target per
month, compared with the average per month over the months that have been computed.

`display` says how a figure and a target read, `services` set them, `selectors` read them
and their progress; the names are re-exported here."""

from kpis.targets.display import format_value, scope_label, target_shown, unit_hint
from kpis.targets.selectors import (
    TargetProgress,
    figures_computed_at,
    progress,
    target_get,
    target_value,
    target_values,
    targets_in_force,
    targets_of_centre,
    targets_progress,
    targets_visible_to,
)
from kpis.targets.services import MAX_YEARS, target_create, target_delete, target_update

__all__ = [
    "MAX_YEARS",
    "TargetProgress",
    "figures_computed_at",
    "format_value",
    "progress",
    "scope_label",
    "target_create",
    "target_delete",
    "target_get",
    "target_shown",
    "target_update",
    "target_value",
    "target_values",
    "targets_in_force",
    "targets_of_centre",
    "targets_progress",
    "targets_visible_to",
    "unit_hint",
]
