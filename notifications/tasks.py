from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from notifications.services import deliver_due


@db_task()
def deliver_notifications() -> int:
    """Enqueued by notify() after its transaction commits, so a message that is due goes out
    within seconds instead of waiting for the periodic run."""
    return deliver_due()


@db_periodic_task(crontab(minute="*/5"))
def deliver_notifications_periodically() -> int:
    """Every five minutes: messages scheduled for later (after quiet hours, `not_before`) and
    retries of failed sends."""
    return deliver_due()
