"""No consultant and no room holds two overlapping active bookings: on PostgreSQL an exclusion
constraint over [start, blocked_until) guarantees it. SQLite has no such constraint; there the
booking service re-checks inside a serialized IMMEDIATE transaction (see booking.services)."""

from django.db import migrations

ACTIVE = "status IN ('booked', 'held', 'no_show')"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE booking_booking ADD CONSTRAINT booking_consultant_no_overlap
        EXCLUDE USING gist (consultant_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&)
        WHERE ({ACTIVE})""",
    f"""ALTER TABLE booking_booking ADD CONSTRAINT booking_room_no_overlap
        EXCLUDE USING gist (room_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&)
        WHERE ({ACTIVE} AND room_id IS NOT NULL)""",
]
BACKWARD = [
    "ALTER TABLE booking_booking DROP CONSTRAINT booking_room_no_overlap",
    "ALTER TABLE booking_booking DROP CONSTRAINT booking_consultant_no_overlap",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
