"""A citizen holds at most one open booking deadline: a newer one replaces the open one.
Deadlines stacked before this are resolved here: per citizen the newest open one stays open
and each older one is marked replaced by the next. 0006 then has the database guard it (in
its own transaction: PostgreSQL creates no index on a table with pending deferred checks)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def replace_stacked_deadlines(apps, schema_editor):
    BookingDeadline = apps.get_model("booking", "BookingDeadline")
    stacked = (
        BookingDeadline.objects.filter(status="open")
        .values("citizen_id")
        .annotate(n=models.Count("pk"))
        .filter(n__gt=1)
        .values_list("citizen_id", flat=True)
    )
    for citizen_id in list(stacked):
        items = list(
            BookingDeadline.objects.filter(citizen_id=citizen_id, status="open").order_by(
                "created_at", "pk"
            )
        )
        for older, newer in zip(items, items[1:], strict=False):
            BookingDeadline.objects.filter(pk=older.pk).update(status="replaced")
            BookingDeadline.objects.filter(pk=newer.pk).update(replaces=older)


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0004_citizen_absence_names"),
        ("citizens", "0002_citizen_postcode_citizen_travel_radius_km"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="bookingdeadline",
            name="replaces",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="replaced_by",
                to="booking.bookingdeadline",
            ),
        ),
        migrations.AlterField(
            model_name="bookingdeadline",
            name="status",
            field=models.CharField(
                choices=[
                    ("open", "Open"),
                    ("fulfilled", "Booked"),
                    ("missed", "Missed"),
                    ("withdrawn", "Withdrawn"),
                    ("replaced", "Replaced"),
                ],
                default="open",
                max_length=10,
            ),
        ),
        migrations.RunPython(replace_stacked_deadlines, migrations.RunPython.noop),
    ]
