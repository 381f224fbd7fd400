from accounts.models import User
from audit.models import LookupLog, Purpose, Subject
from citizens.models import Citizen


def lookup_record(*, actor: User, citizen: Citizen, subject: Subject, purpose: Purpose) -> None:
    """Writes one append-only line: `actor` opened `subject` of `citizen` for `purpose`."""
    if actor.job_centre_id is None:
        raise ValueError("Only a job centre's staff look up citizens.")
    LookupLog.objects.create(
        actor=actor,
        actor_role=actor.role,
        job_centre_id=actor.job_centre_id,
        citizen=citizen,
        subject=subject,
        purpose=purpose,
    )
