"""booking 0005: deadlines stacked on a citizen before one open deadline per citizen was the
rule are resolved, the newest staying open, before the database starts to guard it."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from booking.models import BookingDeadline, DeadlineStatus
from citizens.tests.factories import CitizenFactory

BEFORE = [("booking", "0004_citizen_absence_names")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_stacked_open_deadlines_keep_only_the_newest_open():
    old_apps = _migrate(BEFORE)
    try:
        OldDeadline = old_apps.get_model("booking", "BookingDeadline")
        stacked, single = CitizenFactory(), CitizenFactory()
        day = date(2027, 1, 11)

        def make(citizen, status="open"):
            return OldDeadline.objects.create(
                citizen_id=citizen.pk,
                deadline=day,
                window_start=day - timedelta(days=8),
                window_end=day + timedelta(days=14),
                status=status,
            )

        first, second, third = make(stacked), make(stacked), make(stacked)
        fulfilled = make(stacked, status="fulfilled")
        alone = make(single)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    status = dict(BookingDeadline.objects.values_list("pk", "status"))
    assert status[first.pk] == status[second.pk] == DeadlineStatus.REPLACED
    assert status[third.pk] == status[alone.pk] == DeadlineStatus.OPEN
    assert status[fulfilled.pk] == DeadlineStatus.FULFILLED
    assert BookingDeadline.objects.get(pk=third.pk).replaces_id == second.pk
    assert BookingDeadline.objects.get(pk=second.pk).replaces_id == first.pk
