"""The leaders' figure: co-service per place, the last four weeks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.tests.factories import BookingFactory
from citizens.tests.factories import CitizenFactory
from coservice import selectors
from coservice.models import CoServiceSession
from coservice.tests.factories import HelpPlaceFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _session(place, helper, citizen, started, changes=()):
    return SessionFactory(
        place=place, helper=helper, citizen=citizen, started_at=started, changes=list(changes)
    )


def test_sessions_citizens_and_bookings_per_place(centre, library, helper, consultant):
    now = timezone.now()
    reception = HelpPlaceFactory(job_centre=centre, name="Reception", helpers=[helper])
    citizens = [CitizenFactory(job_centre=centre) for _ in range(6)]
    for n, person in enumerate(citizens):
        _session(library, helper, person, now - timedelta(days=3), ["cv"] if n < 4 else ["joblog"])
    _session(reception, helper, citizens[0], now - timedelta(days=2), ["cv", "joblog"])
    _session(reception, helper, citizens[0], now - timedelta(days=40), ["cv"])  # too old
    # A booking made in the first library session, and one made by the helper outside any.
    first = CoServiceSession.objects.filter(place=library).order_by("pk").first()
    booking = BookingFactory(
        citizen=citizens[0],
        consultant=consultant,
        facilitated_by=helper,
        start=now.replace(microsecond=0) + timedelta(days=2),
    )
    CoServiceSession.objects.filter(pk=first.pk).update(
        started_at=booking.created_at - timedelta(minutes=1),
        ended_at=booking.created_at + timedelta(minutes=1),
    )
    rows = {row.place.name: row for row in selectors.figures(centre=centre, now=now)}
    assert (rows["Brøndby Bibliotek"].sessions, rows["Brøndby Bibliotek"].citizens) == (6, 6)
    assert rows["Brøndby Bibliotek"].bookings == 1
    # One citizen at the reception: a figure on fewer than five citizens is not shown.
    assert (rows["Reception"].sessions, rows["Reception"].citizens) == (1, "< 5")
    assert rows["Reception"].bookings == 0
    # Sessions in which the citizen changed their CV, Joblog or answered job suggestions.
    assert rows["Brøndby Bibliotek"].changed == {"cv": 4, "joblog": 2}
    assert rows["Reception"].changed == {"cv": 1, "joblog": 1}


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.MANAGER, 200),
        (Role.TEAM_LEADER, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.JOB_CONSULTANT, 403),
        (Role.HELPER, 403),
    ],
)
def test_leaders_see_the_figure(client, centre, library, role, status):
    client.force_login(StaffFactory(job_centre=centre, role=role))
    response = client.get(reverse("coservice:figures"))
    assert response.status_code == status
    if status == 200:
        assert "Brøndby Bibliotek" in response.content.decode()


def test_an_administrator_attaches_a_helper_to_places(client, centre, admin_user, helper, library):
    reception = HelpPlaceFactory(job_centre=centre, name="Reception")
    client.force_login(admin_user)
    url = reverse("centres:staff_update", args=[helper.pk])
    data = {
        "name": helper.name,
        "role": Role.HELPER,
        "is_active": "on",
        "help_places": [library.pk, reception.pk],
    }
    assert client.post(url, data).status_code == 302
    assert set(helper.help_places.all()) == {library, reception}
    # A business consultant gives no co-service: the places are cleared.
    assert client.post(url, {**data, "role": Role.BUSINESS_CONSULTANT}).status_code == 302
    assert not helper.help_places.exists()
