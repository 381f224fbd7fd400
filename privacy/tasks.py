from huey.contrib.djhuey import db_periodic_task

from common.schedule import local_crontab
from privacy.services import retention_apply


@db_periodic_task(local_crontab(hour="3", minute="15"))
def apply_retention_rules() -> dict:
    """Nightly at 03.15 (after the figures at 02.30): delete or anonymise what is past its
    retention rule. Returns the counts per data type."""
    return retention_apply().counts
