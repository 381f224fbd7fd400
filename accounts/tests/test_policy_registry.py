"""The policy's registries: the apps above add their rules and scopes, never twice."""

import pytest

from accounts import policy


def test_an_unknown_scope_is_a_programming_error(consultant):
    with pytest.raises(ValueError, match="Unknown scope"):
        policy.visible_to(consultant, "everything")


def test_the_staff_scope_is_the_policys_own(consultant):
    assert consultant in policy.visible_to(consultant, "staff")


def test_a_rule_or_scope_is_registered_once(monkeypatch):
    monkeypatch.setattr(policy, "RULES", dict(policy.RULES))
    monkeypatch.setattr(policy, "SCOPES", dict(policy.SCOPES))

    def rule(user, obj):
        return False

    policy.register_rules({"test.rule": rule})
    policy.register_rules({"test.rule": rule})  # the same again: AppConfig.ready() run twice
    with pytest.raises(ValueError, match="already registered"):
        policy.register_rules({"test.rule": lambda user, obj: True})
    with pytest.raises(ValueError, match="already registered"):
        policy.register_scopes({"staff": lambda user: None})
