"""Large imports of job openings run by a worker, not in the request: a 95,000-row file would
hold a web worker and one transaction for minutes. `opening_import_start` keeps the upload on
an `OpeningImport` and queues it after the commit; the worker (`opening_import_run`) parses,
saves a chunk per transaction and records its progress as it goes, for the page that waits on
it; the upload is dropped once read. An import whose worker died, or whose queue was down,
is picked up again by a periodic task, and given up after an hour."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from centres.models import JobCentre
from labour.imports import ImportReport, openings_read, openings_save
from labour.models import ImportStatus, OpeningImport

logger = logging.getLogger(__name__)

#: A queued or running import older than this is taken to be lost.
ABANDONED_AFTER = timedelta(hours=1)
#: A queued import not started after this is picked up by the periodic task.
PICK_UP_AFTER = timedelta(minutes=2)
#: How many problems an import keeps to show (all are counted).
PROBLEMS_KEPT = 500


def runs_in_background(raw: bytes) -> bool:
    """Whether an upload is large enough to be imported by a worker."""
    return len(raw) > settings.LABOUR_IMPORT_BACKGROUND_BYTES


def opening_import_start(
    *, job_centre: JobCentre, user: User, raw: bytes, kind: str, all_or_nothing: bool
) -> OpeningImport:
    run = OpeningImport.objects.create(
        job_centre=job_centre,
        requested_by=user,
        kind=kind,
        all_or_nothing=all_or_nothing,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        raw=raw,
        size=len(raw),
    )
    transaction.on_commit(partial(_enqueue, run.pk), robust=True)
    return run


def _enqueue(import_id: int) -> None:
    from labour.tasks import run_opening_import  # tasks imports this module

    run_opening_import(import_id)


def _record(run: OpeningImport, report: ImportReport, **extra) -> None:
    run.total = report.total
    run.processed = report.processed
    run.created, run.updated, run.unchanged = report.created, report.updated, report.unchanged
    run.problem_count = len(report.problems)
    run.problems = [
        {"number": p.number, "reason": p.reason} for p in report.problems[:PROBLEMS_KEPT]
    ]
    for name, value in extra.items():
        setattr(run, name, value)
    run.save()


def opening_import_run(*, import_id: int) -> OpeningImport | None:
    """Runs a queued import (once: a second call for the same import does nothing)."""
    with transaction.atomic():
        run = (
            OpeningImport.objects.select_for_update(of=("self",))
            .filter(pk=import_id, status=ImportStatus.QUEUED)
            .select_related("job_centre", "requested_by")
            .first()
        )
        if run is None:
            return None
        run.status, run.started_at = ImportStatus.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    try:
        with translation.override(run.language):
            report, postings = openings_read(
                raw=bytes(run.raw), kind=run.kind, all_or_nothing=run.all_or_nothing
            )
            _record(run, report, raw=b"")
            if postings:
                openings_save(
                    job_centre=run.job_centre,
                    user=run.requested_by,
                    postings=postings,
                    report=report,
                    progress=partial(_record, run),
                )
        status = ImportStatus.DONE if report.saved else ImportStatus.STOPPED
        _record(run, report, status=status, finished_at=timezone.now())
    except Exception:
        logger.exception("Opening import %s failed", run.pk)
        OpeningImport.objects.filter(pk=run.pk).update(
            status=ImportStatus.FAILED, finished_at=timezone.now(), raw=b""
        )
    run.refresh_from_db()
    return run


def opening_imports_pick_up(now=None) -> int:
    """Runs imports whose queue lost them and gives up on those lost for an hour; returns
    how many it ran."""
    now = now or timezone.now()
    OpeningImport.objects.filter(
        status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING),
        requested_at__lt=now - ABANDONED_AFTER,
    ).update(status=ImportStatus.FAILED, finished_at=now, raw=b"")
    waiting = OpeningImport.objects.filter(
        status=ImportStatus.QUEUED, requested_at__lt=now - PICK_UP_AFTER
    ).values_list("pk", flat=True)
    return sum(opening_import_run(import_id=pk) is not None for pk in list(waiting))
