"""The main menu as data: each entry shows when the policy allows its action. An entry may
have a section menu (its pages, shown under the main menu while one of them is open)."""

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
    (_("Job suggestions"), "suggestions:own", "suggestions.use"),
    (_("Job clubs"), "jobclubs:list", "jobclub.book"),
    (_("My details"), "citizens:own_profile", "own_profile.view"),
    (_("Who has seen my data"), "audit:own_lookups", "own_lookups.view"),
    (_("My data"), "privacy:own_data", "own_data.download"),
    (_("Co-service"), "coservice:own", "coservice.own"),
    (_("Citizens"), "citizens:list", "citizen.list"),
    (_("Co-service"), "coservice:start", "coservice.help"),
    (_("Corrections"), "privacy:corrections", "correction.resolve"),
    (_("My calendar"), "booking:calendar_day", "calendar.view"),
    (_("Labour market"), "labour:board", "labour.view"),
    (_("Company courses"), "courses:list", "course.manage"),
    (_("Action learning"), "learning:logbook", "learning.use"),
    (_("Cooperation"), "teamwork:overview", "teamwork.take_part"),
    (_("Figures"), "kpis:dashboard", "kpi.view"),
    (_("Citizens' evaluations"), "evaluations:overview", "evaluation.aggregate"),
    (_("Consents"), "privacy:consents", "consent.export"),
    (_("Booking settings"), "booking_config:overview", "booking.configure"),
    (_("Settings"), "centres:settings", "centre.manage"),
    (_("Our own conversation guide"), "conversations:own_guide", "guide_template.edit"),
    # Last, so a citizen finds it at the end of their own entries and staff after theirs.
    (_("Help"), "guidance:index", "guidance.read"),
]


#: Section menus: the main entry's URL name → its pages (label, URL name, action).
SECTIONS = {
    "labour:board": [
        (_("Job board"), "labour:board", "labour.view"),
        (_("Companies"), "labour:companies", "labour.view"),
        (_("Annual wheel"), "labour:wheel", "labour.view"),
        (_("Tuesday mail"), "labour:digest", "labour.view"),
        (_("Labour-market balance"), "occupations:balance", "labour.view"),
        (_("Job clubs"), "jobclubs:list", "jobclub.plan"),
    ],
    "learning:logbook": [
        (_("Logbook"), "learning:logbook", "learning.use"),
        (_("Shared in the learning group"), "learning:logbook_shared", "learning.use"),
        (_("Observation and feedback"), "learning:observations", "learning.use"),
        (_("Learning-group meetings"), "learning:meetings", "learning.use"),
        (_("Sparring"), "learning:sparring", "learning.use"),
        (_("Test your knowledge"), "learning:selfcheck", "learning.use"),
        (_("Techniques and feedback template"), "learning:techniques", "learning.lead"),
        (_("Our own conversation guide"), "conversations:own_guide", "learning.lead"),
        (_("Guests"), "learning:guests", "learning.lead"),
    ],
    "kpis:dashboard": [
        (_("Figures"), "kpis:dashboard", "kpi.view"),
        (_("Per team"), "kpis:teams", "kpi.view"),
        (_("Co-service per place"), "coservice:figures", "coservice.figures"),
        (_("Targets"), "kpis:targets", "kpi.view"),
        (_("Implementation plan"), "kpis:implementation", "kpi.view"),
        (_("How the figures are counted"), "kpis:definitions", "kpi.view"),
    ],
}


def _allowed(user, entries) -> list[dict]:
    centre = getattr(user, "job_centre", None)
    return [
        {"label": label, "url": reverse(url_name), "active": False}
        for label, url_name, action in entries
        if action is None or policy.can(user, action, centre)
    ]


def _mark_deepest_active(request, items: list[dict]) -> dict | None:
    """The deepest entry whose URL contains the current page is the active one."""
    matches = [
        i
        for i in items
        if request.path == i["url"] or (i["url"] != "/" and request.path.startswith(i["url"]))
    ]
    if not matches:
        return None
    deepest = max(matches, key=lambda i: len(str(i["url"])))
    deepest["active"] = True
    return deepest


def section_for(request) -> list[dict]:
    """The section menu of the page being shown, or [] outside any section."""
    # getattr: an error page for a request refused before authentication (a bad Host) has none.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    for entries in SECTIONS.values():
        items = _allowed(user, entries)
        if _mark_deepest_active(request, items):
            return items
    return []


def menu_for(request) -> list[dict]:
    # getattr: an error page for a request refused before authentication (a bad Host) has none.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for label, url_name, action in MENU:
        if action is None or policy.can(user, action, getattr(user, "job_centre", None)):
            items.append({"label": label, "url": reverse(url_name), "active": False})
    if not _mark_deepest_active(request, items):
        # A page of a section (e.g. the companies) makes the section's main entry active.
        for url_name, entries in SECTIONS.items():
            if _mark_deepest_active(request, _allowed(user, entries)):
                url = reverse(url_name)
                for item in items:
                    item["active"] = item["url"] == url
    return items
