from django.db.models import Model

from accounts.models import User
from audit.models import LookupLog, Purpose, Subject


def lookup_record(
    *, actor: User, citizen: Model, subject: Subject, purpose: Purpose, place: str | None = None
) -> None:
    """Writes one append-only line: `actor` opened `subject` of `citizen` for `purpose`.
    (`citizen` is a `citizens.Citizen`; audit sits below citizens and names it only by its
    foreign key, docs/ARCHITECTURE.md "Layers".)"""
    if actor.job_centre_id is None:
        raise ValueError("Only a job centre's staff look up citizens.")
    LookupLog.objects.create(
        actor=actor,
        actor_role=actor.role,
        job_centre_id=actor.job_centre_id,
        citizen_id=citizen.pk,
        subject=subject,
        purpose=purpose,
        place=place,
    )
