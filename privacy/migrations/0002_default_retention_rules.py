"""The default retention rules (no job centre: they apply where a centre has none of its own).

Closed cases 5 years after the last activity, then anonymised; the lookup log 5 years (Danish
practice for logs of access to personal data); conversation notes 5 years after the
conversation; Joblog entries 3 years, then anonymised; notifications 1 year."""

from django.db import migrations

DEFAULTS = [
    ("closed_cases", 5, 0, "anonymise"),
    ("lookup_log", 5, 0, "delete"),
    ("conversation_notes", 5, 0, "delete"),
    ("joblog_entries", 3, 0, "anonymise"),
    ("notifications", 1, 0, "delete"),
]


def forwards(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for data_type, years, months, action in DEFAULTS:
        RetentionRule.objects.get_or_create(
            job_centre=None,
            data_type=data_type,
            defaults={"years": years, "months": months, "action": action},
        )


def backwards(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    RetentionRule.objects.filter(job_centre=None, data_type__in=[d[0] for d in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
