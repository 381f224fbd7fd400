"""The job-suggestion rule that applies to a citizen, as data: the job centre's row for the
citizen's group, else its row for all groups, else DEFAULT_RULE."""

from collections.abc import Iterable
from typing import NamedTuple

from citizens.models import Citizen
from suggestions.models import DEFAULT_RULE, SuggestionRule


class Rule(NamedTuple):
    check_every_days: int
    suggestions_per_week: int
    remind_days_before: int
    resuggest_after_weeks: int = 2


def centre_rules(job_centre_ids: Iterable[int]) -> dict[int, dict[str, Rule]]:
    """Every rule row of the job centres in one query: centre id → target group → rule."""
    found: dict[int, dict[str, Rule]] = {}
    for row in SuggestionRule.objects.filter(job_centre_id__in=list(job_centre_ids)):
        found.setdefault(row.job_centre_id, {})[row.target_group] = Rule(
            **{name: getattr(row, name) for name in DEFAULT_RULE}
        )
    return found


def rule_from(rules: dict[str, Rule], target_group: str) -> Rule:
    return rules.get(target_group) or rules.get("") or Rule(**DEFAULT_RULE)


def rule_for(citizen: Citizen) -> Rule:
    rules = centre_rules([citizen.job_centre_id]).get(citizen.job_centre_id, {})
    return rule_from(rules, citizen.target_group)
