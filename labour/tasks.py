from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from common.schedule import local_crontab
from labour import digest, trends
from labour.imports import runs as import_runs


@db_periodic_task(local_crontab(day_of_week="2", hour="7", minute="0"))
def send_weekly_digests() -> int:
    """Tuesdays at 07:00 Copenhagen time: the tirsdagsmail to each subscriber, once per week
    (the notifications service holds it until 09:00)."""
    return digest.send_digests()


@db_task()
def run_opening_import(import_id: int) -> None:
    """Enqueued by opening_import_start after its transaction commits."""
    import_runs.opening_import_run(import_id=import_id)


@db_periodic_task(crontab(minute="*/5"))
def pick_up_opening_imports() -> int:
    """Every five minutes: imports the queue lost (or lost for an hour: given up)."""
    return import_runs.opening_imports_pick_up()


@db_periodic_task(local_crontab(hour="2", minute="40"))
def compute_trends() -> int:
    """Nightly at 02:40 Copenhagen time: every centre's counts for the trend page."""
    return trends.trends_compute_all()
