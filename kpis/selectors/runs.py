"""Computations on demand: the latest run, one run, and its progress."""

from typing import TYPE_CHECKING

from django.http import Http404

from accounts.models import User
from centres.models import JobCentre
from kpis.models import RunStatus, SnapshotRun

if TYPE_CHECKING:  # both are written beside this module and imported where used
    pass


# --- Computations on demand ----------------------------------------------------------------


def latest_run(*, job_centre: JobCentre) -> SnapshotRun | None:
    return SnapshotRun.objects.filter(job_centre=job_centre).first()


def run_get(*, user: User, pk: int) -> SnapshotRun:
    """A computation of the user's own job centre, or 404."""
    run = SnapshotRun.objects.filter(pk=pk, job_centre_id=user.job_centre_id).first()
    if run is None or user.job_centre_id is None:
        raise Http404
    return run


def run_percent(run: SnapshotRun) -> int:
    if run.status == RunStatus.DONE:
        return 100
    if not run.steps_total:
        return 0
    return min(100, run.steps_done * 100 // run.steps_total)


def run_active(run: SnapshotRun | None) -> bool:
    return run is not None and run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
