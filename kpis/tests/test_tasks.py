"""The huey tasks: a run asked for by a leader, and the nightly computation at 02:30
Copenhagen time; plus the management command that does the same by hand."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from centres.tests.factories import JobCentreFactory
from kpis import tasks
from kpis.models import PeriodKind, RunStatus, Snapshot, SnapshotRun

pytestmark = pytest.mark.django_db


def test_the_task_executes_a_queued_run():
    run = SnapshotRun.objects.create(job_centre=JobCentreFactory())
    tasks.execute_snapshot_run(run.pk)  # immediate in the tests
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert Snapshot.objects.filter(job_centre=run.job_centre).exists()


def test_the_nightly_task_computes_every_job_centre():
    first, second = JobCentreFactory(), JobCentreFactory()
    assert tasks.nightly_snapshots.call_local() == 2
    assert set(Snapshot.objects.values_list("job_centre", flat=True)) == {first.pk, second.pk}
    assert SnapshotRun.objects.filter(status=RunStatus.DONE, requested_by=None).count() == 2


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2026, 11, 24, 1, 30), True),  # winter: 02:30 CET
        (datetime(2026, 6, 2, 0, 30), True),  # summer: 02:30 CEST
        (datetime(2026, 6, 2, 0, 30, tzinfo=UTC), True),
        (datetime(2026, 11, 24, 2, 30), False),  # 03:30 in Copenhagen
        (datetime(2026, 11, 24, 1, 31), False),
    ],
)
def test_the_nightly_task_runs_at_half_past_two_copenhagen_time(utc, expected):
    assert tasks.nightly_snapshots.task_class().validate_datetime(utc) is expected


def test_the_command_computes_one_centre_for_the_weeks_and_months_asked():
    JobCentreFactory(name="Jobcenter Et")
    JobCentreFactory(name="Jobcenter To")
    out = StringIO()
    call_command(
        "compute_kpis", "--centre", "Jobcenter To", "--weeks", "2", "--months", "3", stdout=out
    )
    assert "Jobcenter To: " in out.getvalue() and "Jobcenter Et" not in out.getvalue()
    rows = Snapshot.objects.filter(job_centre__name="Jobcenter To")
    assert rows.filter(period_kind=PeriodKind.WEEK).values("period_start").distinct().count() == 2
    assert rows.filter(period_kind=PeriodKind.MONTH).values("period_start").distinct().count() == 3
    assert not Snapshot.objects.filter(job_centre__name="Jobcenter Et").exists()


def test_the_command_prints_a_line_per_centre_and_refuses_an_unknown_one():
    JobCentreFactory(name="Jobcenter Et")
    JobCentreFactory(name="Jobcenter To")
    out = StringIO()
    call_command("compute_kpis", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["Jobcenter Et", "Jobcenter To"]
    assert all("snapshots (13 weeks, 13 months" in line for line in lines)
    with pytest.raises(CommandError):
        call_command("compute_kpis", "--centre", "Jobcenter Intet", stdout=out)
    with pytest.raises(CommandError):
        call_command("compute_kpis", "--weeks", "0", stdout=out)
