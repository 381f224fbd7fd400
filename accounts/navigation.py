"""The main menu as data: each entry shows when the policy allows its action."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import policy

MENU = [
    # (label, url name, action that must be allowed, or None for every logged-in user)
    (_("Home"), "dashboard:home", None),
    (_("My details"), "citizens:own_profile", "own_profile.view"),
    (_("Who has seen my data"), "audit:own_lookups", "own_lookups.view"),
    (_("Citizens"), "citizens:list", "citizen.list"),
    (_("Settings"), "centres:settings", "centre.manage"),
]


def menu_for(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for label, url_name, action in MENU:
        if action is None or policy.can(user, action, getattr(user, "job_centre", None)):
            url = reverse(url_name)
            active = request.path == url if url == "/" else request.path.startswith(url)
            items.append({"label": label, "url": url, "active": active})
    return items
