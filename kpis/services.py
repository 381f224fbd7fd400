"""Runs of the snapshot computation: asked for by a leader (queued, executed by a huey worker)
or nightly for every job centre. A job centre has at most one queued or running run at a time;
asking again while one is under way returns it, so a double click computes once. A run records
its progress (`steps_done` of `steps_total`) as it goes, for the page that waits on it."""

import logging
from contextlib import nullcontext
from datetime import date, timedelta
from functools import partial

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from centres.models import JobCentre
from kpis.compute import compute_centre
from kpis.models import RunStatus, SnapshotRun

logger = logging.getLogger(__name__)

#: A queued or running run older than this is taken to be lost (its worker died, or the queue
#: was down) and no longer keeps a new one from starting.
ABANDONED_AFTER = timedelta(hours=1)
OPEN = (RunStatus.QUEUED, RunStatus.RUNNING)


def _open_run(job_centre: JobCentre) -> SnapshotRun | None:
    """The centre's run under way, if any; lost ones are marked failed on the way."""
    now = timezone.now()
    found = None
    for run in SnapshotRun.objects.filter(job_centre=job_centre, status__in=OPEN).order_by(
        "-requested_at", "-pk"
    ):
        since = run.started_at or run.requested_at
        if found is None and now - since < ABANDONED_AFTER:
            found = run
            continue
        run.status = RunStatus.FAILED
        run.finished_at = now
        run.error = "Abandoned: it did not finish within an hour."
        run.save(update_fields=["status", "finished_at", "error"])
    return found


def _open_or_new(job_centre: JobCentre, user: User | None) -> tuple[SnapshotRun, bool]:
    """(the run under way or a new queued one, whether it is new). Locks the job centre's row
    so that two requests at once make one run (SQLite: the IMMEDIATE transaction does)."""
    JobCentre.objects.select_for_update().filter(pk=job_centre.pk).first()
    run = _open_run(job_centre)
    if run is not None:
        return run, False
    return SnapshotRun.objects.create(job_centre=job_centre, requested_by=user), True


def snapshot_run_request(*, job_centre: JobCentre, user: User | None) -> SnapshotRun:
    """Queues a recomputation of the job centre's snapshots, or returns the one under way.
    The worker is asked after the transaction commits; if the queue is down the run waits for
    the nightly task, which executes queued runs. (Who may ask: `kpi.recompute`, in the view.)"""
    with transaction.atomic():
        run, created = _open_or_new(job_centre, user)
        if created:
            transaction.on_commit(partial(_enqueue, run.pk), robust=True)
    return run


def _enqueue(run_id: int) -> None:
    from kpis.tasks import execute_snapshot_run  # tasks imports this module

    execute_snapshot_run(run_id)


def _short(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 300 else text[:299] + "…"


def snapshot_run_execute(*, run_id: int, today: date | None = None) -> SnapshotRun | None:
    """Executes a queued run: computes the centre's snapshots, recording progress, and ends
    done or failed (with a short error; the traceback goes to the log). A run that is not
    queued (already taken by another worker, or finished) is returned untouched."""
    with transaction.atomic():
        run = SnapshotRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != RunStatus.QUEUED:
            return run
        run.status = RunStatus.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])

    def progress(done: int, total: int) -> None:
        SnapshotRun.objects.filter(pk=run.pk).update(steps_done=done, steps_total=total)

    # Inside a caller's transaction a failure must not spoil it: compute in a savepoint.
    guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with guard:
            compute_centre(
                job_centre=run.job_centre,
                today=today or timezone.localdate(),
                progress=progress,
            )
    except Exception as error:
        logger.exception("KPI snapshot run %s for job centre %s failed", run.pk, run.job_centre_id)
        SnapshotRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), error=_short(error)
        )
    else:
        SnapshotRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE, finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


def snapshot_compute_all(*, today: date | None = None) -> list[SnapshotRun]:
    """The nightly computation: a run per job centre, executed here one after the other. A
    centre whose run is already running is left to it; a queued one is executed now."""
    runs = []
    for job_centre in JobCentre.objects.order_by("name"):
        with transaction.atomic():
            run, _ = _open_or_new(job_centre, None)
        if run.status == RunStatus.QUEUED:
            executed = snapshot_run_execute(run_id=run.pk, today=today)
            if executed is not None:
                runs.append(executed)
    return runs
