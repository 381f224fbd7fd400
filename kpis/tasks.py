from huey.contrib.djhuey import db_periodic_task, db_task

from common.schedule import local_crontab
from kpis import services


@db_task()
def execute_snapshot_run(run_id: int) -> None:
    """Enqueued by snapshot_run_request after its transaction commits."""
    services.snapshot_run_execute(run_id=run_id)


@db_periodic_task(local_crontab(hour="2", minute="30"))
def nightly_snapshots() -> int:
    """At 02:30 Copenhagen time: every job centre's snapshots of the last 13 weeks and months
    (and any run a leader asked for that the queue lost). Returns the number of runs done."""
    runs = services.snapshot_compute_all()
    return sum(run.status == "done" for run in runs)
