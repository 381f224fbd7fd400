from huey.contrib.djhuey import db_periodic_task

from common.schedule import local_crontab
from suggestions import services


@db_periodic_task(local_crontab(day_of_week="1", hour="6", minute="0"))
def weekly_suggestions() -> int:
    """Monday morning: the week's job suggestions for job-ready citizens with a CV."""
    return services.make_weekly()


@db_periodic_task(local_crontab(hour="7", minute="15"))
def daily_suggestion_checks() -> tuple[int, int]:
    """Each morning: flag missed checks to the consultant (once), and remind citizens whose
    deadline is near (once per week of suggestions; sent between 09 and 22)."""
    return services.flag_missed(), services.remind()
