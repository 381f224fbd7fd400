"""One open booking deadline per citizen, guarded by the database (see 0005)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0005_deadline_replaces"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="bookingdeadline",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")),
                fields=("citizen",),
                name="one_open_deadline_per_citizen",
            ),
        ),
    ]
