from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from evaluations import services


@db_periodic_task(crontab(minute="*/10"))
def ask_for_evaluations() -> int:
    """Every 10 minutes: ask once about each conversation marked held in the last two days
    (the notifications service sends it between 09 and 22)."""
    return services.remind_to_evaluate()
