from accounts.navigation import menu_for


def navigation(request) -> dict:
    return {"nav_items": menu_for(request)}
