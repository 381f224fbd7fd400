"""How complete a CV is. The rules are data: each is a check, a weight (the weights add up to
100) and the hint the citizen sees while the check fails. A CV is complete at 100 %.

The checks read only prefetched relations (`.all()`), so scoring a CV from
`cv.selectors.cv_detail` costs no further queries."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cv.models import CV


@dataclass(frozen=True)
class Rule:
    check: Callable[[CV], bool]
    weight: int
    hint: str | Promise


RULES: list[Rule] = [
    Rule(
        lambda cv: bool(cv.sought_occupations.all()),
        30,
        _("Add at least one occupation under “I am looking for work as”."),
    ),
    Rule(lambda cv: bool(cv.work_experiences.all()), 20, _("Add your work experience.")),
    Rule(lambda cv: bool(cv.educations.all()), 15, _("Add your education.")),
    Rule(
        lambda cv: bool(cv.skills.all()) or bool(cv.other_skills.strip()),
        10,
        _("Choose your skills."),
    ),
    Rule(lambda cv: bool(cv.languages.all()), 10, _("Add the languages you speak.")),
    Rule(
        lambda cv: bool(cv.profile_text.strip()),
        15,
        _("Write a few lines about yourself."),
    ),
]


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]

    @property
    def complete(self) -> bool:
        return self.percent >= 100


def cv_completeness(cv: CV | None, rules: list[Rule] = RULES) -> Completeness:
    """The share of the rules' weight that `cv` meets, and the hints of the rules it does not.
    No CV at all is 0 % with every hint."""
    total = sum(rule.weight for rule in rules)
    met = 0
    missing = []
    for rule in rules:
        if cv is not None and rule.check(cv):
            met += rule.weight
        else:
            missing.append(str(rule.hint))
    return Completeness(percent=round(100 * met / total) if total else 100, missing=missing)
