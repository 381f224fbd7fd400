from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from booking import deadlines, reminders
from common.schedule import local_crontab


@db_periodic_task(crontab(minute="*/10"))
def send_booking_reminders() -> int:
    """Every 10 minutes: queue the day-before reminders (each is made once; the notifications
    service sends it between 09 and 22)."""
    return reminders.queue_booking_reminders()


@db_periodic_task(local_crontab(hour="7", minute="0"))
def daily_deadlines() -> tuple[int, int, int]:
    """Each morning: flag missed deadlines for the consultant, give the deadlines the rules
    ask for, and remind citizens of coming ones."""
    return deadlines.flag_missed(), deadlines.apply_rules(), deadlines.remind()
