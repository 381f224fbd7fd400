from huey.contrib.djhuey import db_periodic_task

from common.schedule import local_crontab
from labour import digest


@db_periodic_task(local_crontab(day_of_week="2", hour="7", minute="0"))
def send_weekly_digests() -> int:
    """Tuesdays at 07:00 Copenhagen time: the tirsdagsmail to each subscriber, once per week
    (the notifications service holds it until 09:00)."""
    return digest.send_digests()
