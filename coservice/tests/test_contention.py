"""A helper's double click on "Start medbetjening", and twenty clicks at once, each on its own
connection: one running session, one line in the citizen's lookup log, never a server error."""

from datetime import timedelta

import pytest
from django.test import Client

from audit.models import LookupLog
from booking.tests.concurrency import at_once, own_connections
from citizens.tests.factories import CitizenFactory
from coservice import services
from coservice.models import CoServiceSession, EndReason
from coservice.tests.test_views import start

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_starts_by_one_helper_at_once_make_one_session(helper, library, citizen, tmp_path):
    calls = [
        lambda: services.session_start(helper=helper, place=library, citizen_user=citizen.user)
        for _ in range(20)
    ]
    with own_connections(tmp_path) as connect:
        results = at_once(calls, connect)
        errors = [r for r in results if not isinstance(r, CoServiceSession)]
        assert errors == []
        session = CoServiceSession.objects.get()
        assert session.ended_at is None
        assert {r.pk for r in results} == {session.pk}
        assert LookupLog.objects.filter(citizen=citizen).count() == 1


def test_starting_again_with_the_same_citizen_goes_on_with_the_session(
    helper_client, helper, library, citizen
):
    """The same helper on a second screen (or a click sent twice) with the citizen beside them."""
    first = start(helper_client, library, citizen)
    again = Client()
    again.force_login(helper)
    second = start(again, library, citizen)
    assert (first.status_code, second.status_code) == (302, 302)
    assert CoServiceSession.objects.filter(ended_at__isnull=True).count() == 1
    assert CoServiceSession.objects.count() == 1


def test_starting_with_another_citizen_ends_the_first_session(helper, library, citizen, centre):
    first = services.session_start(helper=helper, place=library, citizen_user=citizen.user)
    other = CitizenFactory(job_centre=centre)
    second = services.session_start(helper=helper, place=library, citizen_user=other.user)
    first.refresh_from_db()
    assert first.end_reason == EndReason.HELPER and first.ended_at is not None
    assert second.ended_at is None and second.citizen == other


def test_a_start_after_the_idle_time_records_the_old_session_as_idle(
    helper, library, citizen, clock
):
    first = services.session_start(helper=helper, place=library, citizen_user=citizen.user)
    clock.shift(timedelta(minutes=11))  # the centre's idle time is 10 minutes
    second = services.session_start(helper=helper, place=library, citizen_user=citizen.user)
    first.refresh_from_db()
    assert second.pk != first.pk and first.end_reason == EndReason.IDLE
