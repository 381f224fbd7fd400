"""No citizen holds two active conversations at once: on PostgreSQL an exclusion constraint over
the citizen's [start, end) guarantees it, like the consultant's and room's in 0002. The booking
service checks it first (under the citizen's lock) and says so in Danish; the constraint is the
last guard. SQLite has no such constraint; there the service's check inside the serialized
IMMEDIATE transaction is the guard.

Bookings that already overlap (made before the check existed) stop the migration with a list
of them: which one to cancel is the job centre's call, not a migration's."""

from django.db import migrations

ACTIVE = "status IN ('booked', 'held', 'no_show')"

OVERLAPS = """
    SELECT a.public_id, b.public_id FROM booking_booking a JOIN booking_booking b
    ON a.citizen_id = b.citizen_id AND a.id < b.id
    AND tstzrange(a.start, a."end", '[)') && tstzrange(b.start, b."end", '[)')
    WHERE a.status IN ('booked', 'held', 'no_show') AND b.status IN ('booked', 'held', 'no_show')
"""
FORWARD = f"""ALTER TABLE booking_booking ADD CONSTRAINT booking_citizen_no_overlap
    EXCLUDE USING gist (citizen_id WITH =, tstzrange(start, "end", '[)') WITH &&)
    WHERE ({ACTIVE})"""
BACKWARD = "ALTER TABLE booking_booking DROP CONSTRAINT booking_citizen_no_overlap"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(OVERLAPS)
        pairs = cursor.fetchall()
    if pairs:
        listed = "\n".join(f"  {a} and {b}" for a, b in pairs[:50])
        raise RuntimeError(
            f"{len(pairs)} pairs of active bookings of one citizen overlap (public ids below). "
            f"Cancel one of each pair, then migrate again:\n{listed}"
        )
    schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("booking", "0006_one_open_deadline_per_citizen")]

    operations = [migrations.RunPython(forward, backward)]
