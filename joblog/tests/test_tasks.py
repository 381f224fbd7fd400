"""30 days without Joblog activity: one message to the citizen and one to the consultant per
stretch of inactivity, however many days the task runs."""

from datetime import timedelta

import pytest

from joblog import services, tasks
from joblog.models import JoblogExemption
from joblog.tests.conftest import TODAY
from joblog.tests.factories import EntryFactory, YardstickFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def keys(user):
    return set(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_thirty_days_without_activity_notifies_citizen_and_consultant_once(
    citizen, consultant, occupation
):
    last = TODAY - timedelta(days=30)
    EntryFactory(citizen=citizen, occupation=occupation, date=last)
    assert services.notify_inactive(TODAY) == 1
    assert services.notify_inactive(TODAY + timedelta(days=1)) == 0
    assert services.notify_inactive(TODAY + timedelta(days=2)) == 0
    expected = {f"joblog-inactive:{citizen.pk}:{last.isoformat()}"}
    assert keys(citizen.user) == expected and keys(consultant) == expected
    # One message each: the citizen by e-mail and SMS, the consultant by e-mail.
    assert Notification.objects.filter(recipient=citizen.user).count() == 2
    assert Notification.objects.filter(recipient=consultant).count() == 1
    staff_message = Notification.objects.get(recipient=consultant)
    assert citizen.name in staff_message.body and str(citizen.public_id) in staff_message.body
    assert citizen.cpr not in staff_message.body


def test_twenty_nine_days_is_not_yet_inactive(citizen, occupation):
    EntryFactory(citizen=citizen, occupation=occupation, date=TODAY - timedelta(days=29))
    assert services.notify_inactive(TODAY) == 0
    assert not Notification.objects.exists()


def test_a_new_stretch_of_inactivity_gives_a_new_message(citizen, occupation):
    EntryFactory(citizen=citizen, occupation=occupation, date=TODAY - timedelta(days=40))
    assert services.notify_inactive(TODAY) == 1
    EntryFactory(citizen=citizen, occupation=occupation, date=TODAY)
    later = TODAY + timedelta(days=30)
    assert services.notify_inactive(later) == 1
    assert len(keys(citizen.user)) == 2


def test_without_entries_the_registration_day_counts(citizen):
    citizen.registered_on = TODAY - timedelta(days=10)
    citizen.save()
    assert services.notify_inactive(TODAY) == 0
    assert services.notify_inactive(TODAY + timedelta(days=20)) == 1
    assert keys(citizen.user) == {f"joblog-inactive:{citizen.pk}:{citizen.registered_on}"}


def test_planned_activities_ahead_do_not_count_as_activity(citizen, occupation):
    citizen.registered_on = TODAY - timedelta(days=100)
    citizen.save()
    EntryFactory(
        citizen=citizen, occupation=occupation, date=TODAY + timedelta(5), status="planned"
    )
    assert services.notify_inactive(TODAY) == 1


def test_exempt_citizens_are_left_alone(citizen, consultant):
    citizen.registered_on = TODAY - timedelta(days=100)
    citizen.save()
    JoblogExemption.objects.create(
        citizen=citizen,
        first_day=TODAY - timedelta(days=5),
        reason="Sygdom",
        documentation="Lægeerklæring",
        created_by=consultant,
    )
    assert services.notify_inactive(TODAY) == 0


def test_the_centres_yardstick_sets_the_number_of_days(citizen, centre):
    citizen.registered_on = TODAY - timedelta(days=20)
    citizen.save()
    YardstickFactory(job_centre=centre, inactivity_days=14)
    assert services.notify_inactive(TODAY) == 1


def test_a_citizen_without_a_consultant_is_still_told(centre):
    from citizens.tests.factories import CitizenFactory

    lonely = CitizenFactory(job_centre=centre, registered_on=TODAY - timedelta(days=60))
    assert services.notify_inactive(TODAY) == 1
    assert keys(lonely.user)


def test_the_daily_task_runs_the_service(citizen, monkeypatch):
    called = []
    monkeypatch.setattr(services, "notify_inactive", lambda: called.append(1) or 3)
    assert tasks.notify_inactive_joblogs.call_local() == 3
    assert called == [1]
