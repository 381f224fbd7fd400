"""The main menu as data: each entry shows when the policy allows its action."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import policy

MENU = [
    # (label, url name, action that must be allowed, or None for every logged-in user)
    (_("Home"), "dashboard:home", None),
    (_("My conversations"), "booking:list", "booking.book_own"),
    (_("Joblog"), "joblog:list", "joblog.use"),
    (_("My CV"), "cv:own", "cv.use"),
    (_("My plan"), "plans:own", "plan.use"),
    (_("My details"), "citizens:own_profile", "own_profile.view"),
    (_("Who has seen my data"), "audit:own_lookups", "own_lookups.view"),
    (_("Citizens"), "citizens:list", "citizen.list"),
    (_("My calendar"), "booking:calendar_day", "calendar.view"),
    (_("Citizens' evaluations"), "evaluations:overview", "evaluation.aggregate"),
    (_("Booking settings"), "booking_config:overview", "booking.configure"),
    (_("Settings"), "centres:settings", "centre.manage"),
]


def menu_for(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for label, url_name, action in MENU:
        if action is None or policy.can(user, action, getattr(user, "job_centre", None)):
            items.append({"label": label, "url": reverse(url_name), "active": False})
    # The deepest menu entry that contains the current page is the active one.
    matches = [
        i
        for i in items
        if request.path == i["url"] or (i["url"] != "/" and request.path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(str(i["url"])))["active"] = True
    return items
