"""How much job search the job centre expects (the yardstick), as data: a job centre's
Yardstick rows, else the defaults below. The most specific row wins: citizen group and
benefit, then group, then benefit, then the row for everyone."""

from decimal import Decimal
from typing import NamedTuple

from citizens.models import BenefitType, Citizen, TargetGroup
from joblog.models import Yardstick


class Rule(NamedTuple):
    searches: Decimal
    period_days: int
    inactivity_days: int


#: (target group, benefit) → the yardstick when the job centre has set none; "" is any.
#: 1.5 searches a week over 4 weeks; about 6 a month for jobparate kontanthjælp recipients.
DEFAULTS: dict[tuple[str, str], Rule] = {
    ("", ""): Rule(Decimal(6), 28, 30),
    (TargetGroup.JOB_READY.value, BenefitType.KONTANTHJAELP.value): Rule(Decimal(6), 30, 30),
}


def _most_specific(rules: dict[tuple[str, str], Rule], group: str, benefit: str) -> Rule | None:
    for key in ((group, benefit), (group, ""), ("", benefit), ("", "")):
        if key in rules:
            return rules[key]
    return None


def centre_rules(job_centre_ids) -> dict[int, dict[tuple[str, str], Rule]]:
    """Every yardstick row of the job centres, in one query: centre id → (group, benefit) → rule."""
    found: dict[int, dict[tuple[str, str], Rule]] = {}
    for row in Yardstick.objects.filter(job_centre_id__in=job_centre_ids):
        found.setdefault(row.job_centre_id, {})[(row.target_group, row.benefit_type)] = Rule(
            row.searches, row.period_days, row.inactivity_days
        )
    return found


def rule_from(rules: dict[tuple[str, str], Rule], group: str, benefit: str) -> Rule:
    """The centre's most specific rule for the group and benefit, else the default."""
    chosen = _most_specific(rules, group, benefit) or _most_specific(DEFAULTS, group, benefit)
    assert chosen is not None  # DEFAULTS has the row for everyone
    return chosen


def yardstick_for(citizen: Citizen) -> Rule:
    """(searches, period_days, inactivity_days) for the citizen."""
    rules = centre_rules([citizen.job_centre_id]).get(citizen.job_centre_id, {})
    return rule_from(rules, citizen.target_group, citizen.benefit_type)
