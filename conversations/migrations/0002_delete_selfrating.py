"""The self-rating is now the consultant's logbook entry on the conversation
(learning.LogbookEntry, from_guide=True); learning 0002 copied the ratings over first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("learning", "0002_selfratings_into_logbook"),
    ]

    operations = [
        migrations.DeleteModel(name="SelfRating"),
    ]
