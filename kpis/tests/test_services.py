"""Snapshot runs: one under way per job centre, progress as they go, done or failed."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import JobCentreFactory
from kpis import compute, services
from kpis.models import RunStatus, Snapshot, SnapshotRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return JobCentreFactory(name="Jobcenter Kørsel")


@pytest.fixture
def manager(centre):
    return StaffFactory(job_centre=centre, role=Role.MANAGER)


def test_a_request_queues_a_run_that_the_worker_executes_after_commit(
    centre, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.snapshot_run_request(job_centre=centre, user=manager)
    assert run.status == RunStatus.QUEUED and run.requested_by == manager
    assert len(callbacks) == 1 and not Snapshot.objects.exists()
    callbacks[0]()  # huey runs tasks at once in the tests
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.steps_done == run.steps_total == 2 * len(compute.STEPS) + 1
    assert run.started_at <= run.finished_at and run.error == ""
    assert Snapshot.objects.filter(job_centre=centre).exists()


def test_asking_again_while_a_run_is_under_way_returns_it(
    centre, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.snapshot_run_request(job_centre=centre, user=manager)
        again = services.snapshot_run_request(job_centre=centre, user=manager)
        SnapshotRun.objects.filter(pk=first.pk).update(status=RunStatus.RUNNING)
        running = services.snapshot_run_request(job_centre=centre, user=manager)
    assert first == again == running and len(callbacks) == 1
    assert SnapshotRun.objects.count() == 1
    other = services.snapshot_run_request(job_centre=JobCentreFactory(), user=None)
    assert other != first


def test_a_finished_run_does_not_keep_a_new_one_from_starting(
    centre, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.snapshot_run_request(job_centre=centre, user=manager)
    first.refresh_from_db()
    assert first.status == RunStatus.DONE
    second = services.snapshot_run_request(job_centre=centre, user=manager)
    assert second != first


def test_a_lost_run_is_marked_failed_after_an_hour(
    centre, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        lost = services.snapshot_run_request(job_centre=centre, user=manager)
    SnapshotRun.objects.filter(pk=lost.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=61)
    )
    with django_capture_on_commit_callbacks(execute=False):
        fresh = services.snapshot_run_request(job_centre=centre, user=manager)
    lost.refresh_from_db()
    assert fresh != lost and fresh.status == RunStatus.QUEUED
    assert lost.status == RunStatus.FAILED and "Abandoned" in lost.error


def test_progress_is_visible_while_the_run_computes(centre, monkeypatch):
    run = SnapshotRun.objects.create(job_centre=centre)
    seen = []

    def computing(*, job_centre, today, progress):
        progress(0, 15)
        progress(4, 15)
        seen.append(SnapshotRun.objects.values_list("status", "steps_done", "steps_total").get())
        return 0

    monkeypatch.setattr(services, "compute_centre", computing)
    done = services.snapshot_run_execute(run_id=run.pk)
    assert seen == [(RunStatus.RUNNING, 4, 15)]
    assert done.status == RunStatus.DONE


def test_a_failing_computation_ends_the_run_failed_with_a_short_error(centre, monkeypatch):
    run = SnapshotRun.objects.create(job_centre=centre)

    def failing(**kwargs):
        raise ZeroDivisionError("x" * 500)

    monkeypatch.setattr(services, "compute_centre", failing)
    with transaction.atomic():  # the caller's transaction stays usable
        done = services.snapshot_run_execute(run_id=run.pk)
        assert SnapshotRun.objects.count() == 1
    assert done.status == RunStatus.FAILED and done.finished_at is not None
    assert done.error.startswith("ZeroDivisionError: xxx") and len(done.error) == 300


def test_a_run_that_is_not_queued_is_left_alone(centre, monkeypatch):
    run = SnapshotRun.objects.create(job_centre=centre, status=RunStatus.DONE)
    monkeypatch.setattr(services, "compute_centre", lambda **kw: pytest.fail("computed"))
    assert services.snapshot_run_execute(run_id=run.pk).status == RunStatus.DONE
    assert services.snapshot_run_execute(run_id=run.pk + 1000) is None


def test_the_nightly_computation_runs_every_centre_but_one_already_running(centre):
    busy = JobCentreFactory(name="Jobcenter Optaget")
    SnapshotRun.objects.create(job_centre=busy, status=RunStatus.RUNNING, started_at=timezone.now())
    waiting = SnapshotRun.objects.create(job_centre=JobCentreFactory(name="Jobcenter Venter"))
    runs = services.snapshot_compute_all(today=timezone.localdate())
    assert {run.job_centre.name for run in runs} == {"Jobcenter Kørsel", "Jobcenter Venter"}
    assert all(run.status == RunStatus.DONE for run in runs)
    assert waiting in runs  # the queued run was executed, not a second one made
    assert not Snapshot.objects.filter(job_centre=busy).exists()
    assert Snapshot.objects.filter(job_centre=centre).exists()
