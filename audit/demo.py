"""Demo: Birgitte's consultant has prepared today's conversation, so "Hvem har set mine
oplysninger" and "Mine data" show what a lookup looks like. The rows are dated when the demo
is made: the log is append-only, and its time is the database's, not ours to choose."""

from typing import TextIO

from accounts.models import User
from audit.models import LookupLog, Purpose, Subject
from audit.services import lookup_record

LOOKUPS = [
    (Subject.PREPARATION, Purpose.PREPARATION),
    (Subject.JOBLOG, Purpose.FOLLOW_UP),
    (Subject.CV, Purpose.PREPARATION),
    (Subject.PLAN, Purpose.PREPARATION),
]


def seed(rng, stdout: TextIO) -> None:
    citizen = getattr(User.objects.filter(username="borger").first(), "citizen", None)
    consultant = User.objects.filter(username="konsulent").first()
    if citizen is None or consultant is None or LookupLog.objects.filter(citizen=citizen).exists():
        return
    for subject, purpose in LOOKUPS:
        lookup_record(actor=consultant, citizen=citizen, subject=subject, purpose=purpose)
    stdout.write(f"  lookup log: {len(LOOKUPS)} lookups of borger's data by konsulent")
