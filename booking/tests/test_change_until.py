"""The confirm step and the receipt say until when the citizen can move or cancel the time,
or, when that moment has passed already at booking, that it cannot be changed online and how
to reach the job centre. Clocks pinned at odd hours, across both daylight-saving nights."""

import uuid
from datetime import time

import pytest
import time_machine
from django.urls import reverse

from booking.models import DEFAULT_RULE, Booking, BookingRule, WorkingDay
from booking.tests.conftest import local

pytestmark = pytest.mark.django_db

PHONE, EMAIL, HOURS = "43 23 43 23", "jobcenter@test.dk", "Mandag-torsdag 9-15, fredag 9-12"


@pytest.fixture
def early(centre, consultant, topic):
    """The consultant works from 08.00; the centre can be reached."""
    WorkingDay.objects.filter(consultant=consultant).update(start=time(8, 0))
    centre.phone, centre.email, centre.opening_hours = PHONE, EMAIL, HOURS
    centre.save()
    return topic


def _confirm_url(topic, start) -> str:
    return f"{reverse('booking:start')}?emne={topic.pk}&konsulent=alle&tid={start:%Y-%m-%dT%H:%M}"


def _book(client, topic, start):
    """The confirm step's page, then the receipt after booking."""
    url = _confirm_url(topic, start)
    confirm = client.get(url)
    assert confirm.status_code == 200, confirm
    done = client.post(url, {"mode": "telefon", "submission_token": str(uuid.uuid4())})
    assert done.status_code == 302
    booking = Booking.objects.get()
    assert done.url == reverse("booking:detail", args=[booking.public_id])
    return confirm.content.decode(), client.get(done.url).content.decode()


def _assert_contact(page: str) -> None:
    assert PHONE in page and EMAIL in page and HOURS in page


def test_booked_sunday_night_for_monday_morning_cannot_be_changed_and_says_so(
    client, citizen, early
):
    with time_machine.travel(local(2026, 12, 13, 23, 30), tick=False):
        client.force_login(citizen.user)
        confirm, receipt = _book(client, early, local(2026, 12, 14, 8, 30))
    for page in (confirm, receipt):
        assert "Du kan ikke flytte eller aflyse tiden her" in page
        assert "Du kan flytte eller aflyse" not in page
        _assert_contact(page)
    assert reverse("booking:cancel", args=[Booking.objects.get().public_id]) not in receipt


@pytest.mark.parametrize(
    ("now", "start", "cutoff_hours", "until"),
    [
        # Autumn: the clocks go back in the night to Sunday 25 October. 48 hours before Monday
        # 08.30 (winter time) is Saturday 09.30 (summer time).
        (
            local(2026, 10, 23, 23, 30),
            local(2026, 10, 26, 8, 30),
            48,
            "lørdag 24. okt. 2026 kl. 09.30",
        ),
        # Spring: the clocks go forward in the night to Sunday 28 March (Easter Sunday; Monday
        # is a holiday). 72 hours before Tuesday 08.30 (summer time) is Saturday 07.30.
        (
            local(2027, 3, 26, 0, 5),
            local(2027, 3, 30, 8, 30),
            72,
            "lørdag 27. marts 2027 kl. 07.30",
        ),
    ],
)
def test_the_confirm_step_and_receipt_say_until_when_across_daylight_saving(
    client, centre, citizen, early, now, start, cutoff_hours, until
):
    BookingRule.objects.create(
        job_centre=centre, **{**DEFAULT_RULE, "cancel_cutoff_hours": cutoff_hours}
    )
    with time_machine.travel(now, tick=False):
        client.force_login(citizen.user)
        confirm, receipt = _book(client, early, start)
    for page in (confirm, receipt):
        assert f"Du kan flytte eller aflyse tiden indtil {until}." in page
        assert "Du kan ikke flytte eller aflyse tiden her" not in page


def test_cancelling_too_late_is_refused_with_the_centres_contact(client, citizen, early):
    with time_machine.travel(local(2026, 12, 13, 23, 30), tick=False):
        client.force_login(citizen.user)
        _book(client, early, local(2026, 12, 14, 8, 30))
        booking = Booking.objects.get()
        url = reverse("booking:cancel", args=[booking.public_id])
        page = client.post(url, {"confirm": "on"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Det er for sent at flytte eller aflyse samtalen selv" in html
    _assert_contact(html)
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_the_booked_message_says_until_when_across_daylight_saving(client, centre, citizen, early):
    """The e-mail/SMS receipt says what the page says: 48 hours before Monday 08.30 in the
    autumn daylight-saving week is Saturday 09.30, counted in real hours."""
    from notifications.models import Notification

    BookingRule.objects.create(job_centre=centre, **{**DEFAULT_RULE, "cancel_cutoff_hours": 48})
    with time_machine.travel(local(2026, 10, 23, 23, 30), tick=False):
        client.force_login(citizen.user)
        _book(client, early, local(2026, 10, 26, 8, 30))
    receipt = Notification.objects.get(recipient=citizen.user, kind="receipt", channel="email")
    assert "Du kan selv flytte eller aflyse samtalen indtil lørdag 24. oktober kl. 09.30." in (
        receipt.body
    )


def test_the_booked_message_says_when_it_cannot_be_changed_and_how_to_reach_the_centre(
    client, citizen, early
):
    from notifications.models import Notification

    with time_machine.travel(local(2026, 12, 13, 23, 30), tick=False):
        client.force_login(citizen.user)
        _book(client, early, local(2026, 12, 14, 8, 30))
    receipt = Notification.objects.get(recipient=citizen.user, kind="receipt", channel="email")
    assert "Du kan ikke flytte eller aflyse tiden her" in receipt.body
    assert PHONE in receipt.body
