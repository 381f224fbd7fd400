"""The longest period of a company-oriented course, as data: a job centre's `CourseRule` rows,
else the defaults below. The most specific row wins: the kind for the citizen's target group,
then the kind for everyone.

The defaults follow the rules of 2026 (lov om en aktiv beskæftigelsesindsats): virksomhedspraktik
up to 4 weeks for job-ready citizens and 13 weeks for activity-ready ones; løntilskud up to 6
months (26 weeks); ordinary hours have no longest period. The law changes: a job centre sets
its own rows rather than anyone changing this file."""

from citizens.models import Citizen, TargetGroup
from courses.models import CourseRule, Kind

#: (kind, target group) → longest period in weeks; "" is every group; None is no limit.
DEFAULTS: dict[tuple[str, str], int | None] = {
    (Kind.INTERNSHIP.value, ""): 4,
    (Kind.INTERNSHIP.value, TargetGroup.ACTIVITY_READY.value): 13,
    (Kind.WAGE_SUBSIDY.value, ""): 26,
    (Kind.ORDINARY_HOURS.value, ""): None,
}


def _most_specific(rules: dict[tuple[str, str], int | None], kind: str, group: str):
    for key in ((kind, group), (kind, "")):
        if key in rules:
            return True, rules[key]
    return False, None


def max_weeks(*, citizen: Citizen, kind: str) -> int | None:
    """The longest period in weeks for `kind` and the citizen, or None when there is none."""
    centre_rules = {
        (row.kind, row.target_group): row.max_weeks
        for row in CourseRule.objects.filter(job_centre_id=citizen.job_centre_id, kind=kind)
    }
    found, weeks = _most_specific(centre_rules, kind, citizen.target_group)
    if found:
        return weeks
    return _most_specific(DEFAULTS, kind, citizen.target_group)[1]
