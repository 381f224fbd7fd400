import pytest

from cv.completeness import RULES, Rule, cv_completeness
from cv.selectors import cv_detail
from cv.tests.factories import CVFactory, LanguageFactory, SoughtOccupationFactory, complete_cv

pytestmark = pytest.mark.django_db


def test_the_weights_add_up_to_one_hundred():
    assert sum(rule.weight for rule in RULES) == 100


def test_no_cv_is_zero_with_every_hint():
    score = cv_completeness(None)
    assert score.percent == 0
    assert len(score.missing) == len(RULES)
    assert not score.complete


def test_each_section_adds_its_weight(citizen):
    cv = CVFactory(citizen=citizen)
    assert cv_completeness(cv_detail(citizen=citizen)).percent == 0
    SoughtOccupationFactory(cv=cv)
    score = cv_completeness(cv_detail(citizen=citizen))
    assert score.percent == 30
    assert str(RULES[0].hint) not in score.missing
    LanguageFactory(cv=cv)
    assert cv_completeness(cv_detail(citizen=citizen)).percent == 40


def test_other_skills_in_own_words_count_as_skills(citizen):
    CVFactory(citizen=citizen, other_skills="Kan betjene en gaffeltruck")
    assert cv_completeness(cv_detail(citizen=citizen)).percent == 10


def test_a_complete_cv_is_one_hundred_percent(citizen):
    complete_cv(citizen)
    score = cv_completeness(cv_detail(citizen=citizen))
    assert (score.percent, score.missing, score.complete) == (100, [], True)


def test_rules_are_data():
    rules = [Rule(lambda cv: True, 1, "a"), Rule(lambda cv: False, 3, "b")]
    score = cv_completeness(CVFactory.build(), rules)
    assert (score.percent, score.missing) == (25, ["b"])
