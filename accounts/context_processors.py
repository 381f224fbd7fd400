from accounts.navigation import menu_for, section_for


def navigation(request) -> dict:
    return {"nav_items": menu_for(request), "section_items": section_for(request)}
