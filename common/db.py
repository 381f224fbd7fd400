from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock(obj: M, *related: str) -> M:
    """Reads the object's row afresh and locks it for the rest of the transaction; `related`
    are read along with it (as they are now) without locking their rows."""
    rows = type(obj)._default_manager.select_for_update(of=("self",) if related else ())
    obj.refresh_from_db(from_queryset=rows.select_related(*related) if related else rows)
    return obj
