"""The hand-out card after a conversation that ended with a booking deadline: the consultant
prints it from the citizen's deadlines, the citizen sees the same card on the web."""

from datetime import date, time

import pytest
import time_machine
from django.urls import reverse

from audit.models import LookupLog
from booking.models import BookingDeadline
from booking.tests.conftest import local
from centres.models import HelpHours, HelpPlace

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(centre, citizen, topic, consultant):
    centre.phone = "43 23 43 23"
    centre.save()
    library = HelpPlace.objects.create(
        job_centre=centre, name="Brøndby Bibliotek", kind="library", address="Park Allé 1"
    )
    HelpHours.objects.create(place=library, weekday=1, opens=time(10), closes=time(12))
    return BookingDeadline.objects.create(
        citizen=citizen,
        topic=topic,
        deadline=date(2026, 11, 9),
        window_start=date(2026, 11, 2),
        window_end=date(2026, 11, 20),
        created_by=consultant,
    )


def _assert_card(page: str) -> None:
    assert "Book senest" in page and "mandag 9. nov. 2026" in page
    assert "Min jobsøgning" in page and "mellem 2. nov. og 20. nov. 2026" in page
    assert "Book i tre trin" in page and "Log ind med MitID på" in page
    assert "43 23 43 23" in page
    assert "Brøndby Bibliotek" in page and "tirsdag 10-12" in page


def test_the_consultant_prints_the_card_from_the_deadlines(client, consultant, citizen, item):
    with time_machine.travel(local(2026, 10, 30, 23, 30), tick=False):
        client.force_login(consultant)
        listing = client.get(reverse("booking:citizen_bookings", args=[citizen.public_id]))
        card_url = reverse("booking:deadline_card", args=[citizen.public_id, item.pk])
        assert card_url in listing.content.decode()
        page = client.get(card_url)
    assert page.status_code == 200
    html = page.content.decode()
    _assert_card(html)
    assert "data-print" in html and 'class="handout-card"' in html
    assert LookupLog.objects.filter(actor=consultant, citizen=citizen).count() == 2


def test_the_citizen_sees_the_same_card_and_is_sent_to_book_its_topic(client, citizen, item):
    with time_machine.travel(local(2026, 10, 30, 23, 30), tick=False):
        client.force_login(citizen.user)
        home = client.get(reverse("dashboard:home")).content.decode()
        assert reverse("booking:deadline_card_own") in home
        page = client.get(reverse("booking:deadline_card_own")).content.decode()
    _assert_card(page)
    assert f"{reverse('booking:start')}?emne={item.topic_id}" in page


def test_a_card_of_another_citizen_is_not_found(client, consultant, other_citizen, item):
    client.force_login(consultant)
    url = reverse("booking:deadline_card", args=[other_citizen.public_id, item.pk])
    assert client.get(url).status_code == 404


def test_a_citizen_without_a_deadline_is_told_so(client, citizen):
    client.force_login(citizen.user)
    page = client.get(reverse("booking:deadline_card_own")).content.decode()
    assert "Jobcentret har ikke bedt dig om at booke en samtale lige nu." in page
