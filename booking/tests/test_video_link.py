"""How the citizen joins a video conversation: the consultant puts the meeting's link on the
booking, the citizen finds it on the conversation's page and in the calendar file. Only an
https link is taken; a bad one is a Danish error with nothing saved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from booking.ics import booking_ics
from booking.models import MeetingMode, Status
from booking.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

LINK = "https://video.demo-kommune.example/m/4711?pwd=abc"


def video(citizen, consultant, **kwargs):
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    kwargs = {"mode": MeetingMode.VIDEO, **kwargs}
    return BookingFactory(citizen=citizen, consultant=consultant, start=start, **kwargs)


def staff_url(booking):
    return reverse("booking:staff_detail", args=[booking.public_id])


def test_the_consultant_adds_the_link_and_the_citizen_joins_from_her_page(
    client, consultant, citizen
):
    booking = video(citizen, consultant)
    client.force_login(consultant)
    assert "Link til videomødet" in client.get(staff_url(booking)).content.decode()
    response = client.post(staff_url(booking), {"video_link": LINK})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.video_link == LINK
    client.force_login(citizen.user)
    page = client.get(reverse("booking:detail", args=[booking.public_id])).content.decode()
    assert 'href="https://video.demo-kommune.example/m/4711?pwd=abc"' in page
    assert "Deltag i videomødet" in page
    assert LINK.encode() in booking_ics(booking).replace(b"\r\n ", b"")


HTTPS = "Skriv et link, der begynder med https://"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("http://video.example/m/1", HTTPS),  # not encrypted
        ("javascript:alert(1)", HTTPS),
        ("https://", HTTPS),
        ("video.example/m/1", HTTPS),
        ("https://video.example/m/1\x00", "indeholder et tegn, der ikke kan bruges"),
        ("https://" + "a" * 600 + ".example", "Link til videomødet må højst have 500 tegn"),
    ],
)
def test_a_bad_link_is_refused_in_danish_and_nothing_saved(
    client, consultant, citizen, value, message
):
    booking = video(citizen, consultant)
    client.force_login(consultant)
    response = client.post(staff_url(booking), {"video_link": value})
    assert response.status_code == 400
    assert message in response.content.decode()
    booking.refresh_from_db()
    assert booking.video_link == ""


def test_an_empty_box_takes_the_link_away(client, consultant, citizen):
    booking = video(citizen, consultant, video_link=LINK)
    client.force_login(consultant)
    assert client.post(staff_url(booking), {"video_link": ""}).status_code == 302
    booking.refresh_from_db()
    assert booking.video_link == ""


@pytest.mark.parametrize(
    "change", [{"mode": MeetingMode.PHONE}, {"status": Status.CANCELLED_BY_CITIZEN}]
)
def test_no_link_on_a_phone_or_cancelled_conversation(client, consultant, citizen, change):
    booking = video(citizen, consultant, **change)
    client.force_login(consultant)
    assert "Link til videomødet" not in client.get(staff_url(booking)).content.decode()
    assert client.post(staff_url(booking), {"video_link": LINK}).status_code == 400
    booking.refresh_from_db()
    assert booking.video_link == ""


def test_another_centre_and_the_citizen_cannot_set_it(
    client, consultant, citizen, other_consultant
):
    booking = video(citizen, consultant)
    client.force_login(other_consultant)
    assert client.post(staff_url(booking), {"video_link": LINK}).status_code == 404
    client.force_login(citizen.user)
    assert client.post(staff_url(booking), {"video_link": LINK}).status_code == 403
    booking.refresh_from_db()
    assert booking.video_link == ""


@pytest.mark.parametrize("link", ["http://video.example/m/1", "javascript:alert(1)"])
def test_the_service_takes_only_https_as_the_form_does(citizen, consultant, link):
    from django.core.exceptions import ValidationError

    from booking.services.bookings import video_link_set

    booking = video(citizen, consultant)
    with pytest.raises(ValidationError, match="https://"):
        video_link_set(booking=booking, link=link, actor=consultant)
    booking.refresh_from_db()
    assert booking.video_link == ""
