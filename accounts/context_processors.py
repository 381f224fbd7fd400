from accounts.navigation import menu_for, section_for
from accounts.two_factor import requires_second_factor, session_is_verified


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if requires_second_factor(user) and not session_is_verified(request):
        # Before the second factor the pages are out of reach: no menu that leads to them.
        return {"nav_items": [], "section_items": [], "second_factor_pending": True}
    return {"nav_items": menu_for(request), "section_items": section_for(request)}
