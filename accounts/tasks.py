from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from accounts.services import login_records_prune, sessions_prune_expired


@db_periodic_task(crontab(minute="*/15"))
def prune_expired_sessions() -> int:
    """Every 15 minutes: delete sessions that have expired (logged-out users leave none)."""
    return sessions_prune_expired()


@db_periodic_task(crontab(hour="3", minute="40"))
def prune_login_records() -> int:
    """Nightly: forget logins and failed attempts older than LOGIN_RECORDS_DAYS."""
    return login_records_prune()
