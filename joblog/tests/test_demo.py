"""The Joblog demo data (joblog/demo/, run after the other seeders) has the shape the demo
needs: a lively Joblog for "borger", and narrow, broad, stopped and empty ones."""

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from centres.models import JobCentre
from citizens.models import Citizen
from joblog import demo, selectors, services
from joblog.models import EntryStatus, JoblogEntry, Yardstick
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The whole demo with the Joblog, seeded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", stdout=out)
        if not JoblogEntry.objects.exists():  # until seed_demo lists joblog.demo
            demo.seed(random.Random("joblog.demo"), out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_borger_has_a_lively_year(seeded):
    borger = Citizen.objects.get(user__username="borger")
    today = timezone.localdate()
    entries = JoblogEntry.objects.filter(citizen=borger)
    assert entries.count() >= 100
    assert entries.filter(date__lte=today - timedelta(days=330)).exists()
    assert entries.filter(date=today).exists()
    assert entries.filter(status=EntryStatus.PLANNED, date__gt=today).exists()
    progress = selectors.progress(citizen=borger, today=today)
    assert progress.this_week >= 1 and progress.answered > 0 and progress.occupations >= 3
    assert all(n > 0 for _letter, _label, n in progress.plans)
    assert not entries.filter(date__gt=today).exclude(status=EntryStatus.PLANNED).exists()


def test_the_citizens_search_narrowly_broadly_or_not_at_all(seeded):
    today = timezone.localdate()
    stats = (
        Citizen.objects.filter(user__username__regex=r"^borger\d{3}$")
        .annotate(
            n=Count("joblog_entries"),
            occupations=Count("joblog_entries__occupation", distinct=True),
            last=Max("joblog_entries__date"),
        )
        .values("n", "occupations", "last")
    )
    assert len(stats) == 100
    assert sum(1 for s in stats if s["n"] == 0) >= 3
    assert sum(1 for s in stats if s["occupations"] == 1 and s["n"] > 10) >= 5
    assert sum(1 for s in stats if s["occupations"] >= 5) >= 5
    assert sum(1 for s in stats if s["last"] and s["last"] < today - timedelta(days=30)) >= 5
    assert JoblogEntry.objects.filter(status=EntryStatus.HIRED).exists()
    assert "joblog entries:" in seeded


def test_the_demo_centres_have_yardsticks_and_the_entries_are_valid(seeded):
    demo_centre = JobCentre.objects.get(name="Jobcenter Demo")
    assert Yardstick.objects.filter(job_centre=demo_centre, target_group="").exists()
    assert not JoblogEntry.objects.filter(employer="").exists()
    assert not JoblogEntry.objects.exclude(ad_url="").exclude(ad_url__startswith="https://")
    assert not JoblogEntry.objects.filter(date__gt=timezone.localdate() + timedelta(days=365))


def test_a_second_run_changes_nothing_and_inactivity_is_notified_once(seeded):
    before = JoblogEntry.objects.count()
    demo.seed(random.Random(2), StringIO())
    assert JoblogEntry.objects.count() == before
    today = timezone.localdate()
    assert services.notify_inactive(today) > 0
    assert services.notify_inactive(today) == 0
    services.notify_inactive(today + timedelta(days=1))
    per_citizen = (
        Notification.objects.filter(
            key__startswith="joblog-inactive:", recipient__citizen__isnull=False
        )
        .values("recipient")
        .annotate(keys=Count("key", distinct=True))
    )
    assert per_citizen and all(row["keys"] == 1 for row in per_citizen)
