from django.utils import timezone
from huey.contrib.djhuey import db_periodic_task

from common.schedule import local_crontab
from cv import services


@db_periodic_task(local_crontab(hour="8", minute="0"))
def remind_incomplete_cvs() -> int:
    """Each morning: one reminder, ever, to citizens whose CV is still not complete two weeks
    after they registered (the notifications service sends it between 09 and 22)."""
    return services.remind_incomplete(timezone.localdate())
