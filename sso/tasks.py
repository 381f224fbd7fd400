from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from sso.services import saml_requests_prune


@db_periodic_task(crontab(minute="7", hour="*"))
def prune_consumed_saml_requests() -> int:
    """Hourly: forget used request ids once their answers have long expired (a day)."""
    return saml_requests_prune()
