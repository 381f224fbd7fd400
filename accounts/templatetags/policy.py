from django import template

from accounts import policy

register = template.Library()


@register.filter
def can(user, action: str) -> bool:
    """{% if user|can:"citizen.create" %}"""
    return policy.can(user, action)


@register.simple_tag
def can_on(user, action: str, obj) -> bool:
    """{% can_on user "citizen.edit" citizen as allowed %}"""
    return policy.can(user, action, obj)
