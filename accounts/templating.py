"""The policy in templates: `{% if can(user, "citizen.create") %}`, `user|can("...")` and
`can_on(user, "citizen.edit", citizen)` (config/jinja2.py makes them globals)."""

from accounts import policy


def can(user, action: str) -> bool:
    return policy.can(user, action)


def can_on(user, action: str, obj) -> bool:
    return policy.can(user, action, obj)
