from huey.contrib.djhuey import db_periodic_task

from common.schedule import local_crontab
from joblog import services


@db_periodic_task(local_crontab(hour="7", minute="15"))
def notify_inactive_joblogs() -> int:
    """Each morning: citizens with no Joblog activity for the yardstick's number of days, and
    their consultants, are told once per stretch of inactivity (the notifications service
    sends it between 09 and 22)."""
    return services.notify_inactive()
