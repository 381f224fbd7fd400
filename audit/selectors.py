from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.utils.translation import gettext as _

from accounts.models import Role
from audit.models import LookupLog, Purpose, Subject


@dataclass(frozen=True)
class LookupLine:
    when: datetime
    who: str
    role: str
    job_centre: str
    subject: str
    purpose: str
    place: str = ""


def lookups_for_citizen(*, citizen: Model, page: int | str = 1, per_page: int = 25) -> Page:
    """The citizen's own view of who looked at their data. Staff names are left out where
    the job centre has chosen to show only roles."""
    qs = LookupLog.objects.filter(citizen_id=citizen.pk).select_related("actor", "job_centre")
    paged = Paginator(qs, per_page).get_page(page)
    paged.object_list = [_line(entry) for entry in paged.object_list]  # type: ignore[misc]
    return paged


def _line(entry: LookupLog) -> LookupLine:
    centre = entry.job_centre
    return LookupLine(
        when=entry.created_at,
        who=_("A staff member") if centre.hide_staff_names_in_lookup_log else entry.actor.name,
        role=str(Role(entry.actor_role).label),
        job_centre=centre.name,
        subject=str(Subject(entry.subject).label),
        purpose=str(Purpose(entry.purpose).label),
        place=entry.place or "",
    )
