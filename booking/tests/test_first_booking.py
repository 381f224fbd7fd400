"""A first booking without dead ends: the deadline banner opens the booking with its topic, a
step with one sensible choice is taken for the citizen, the week view opens at the first week
with free times, the confirm step says until when the time can be moved (Danish dates), and the
receipt says how the meeting happens. Clocks pinned at odd hours: Sunday 23.30, 00.05 on a
Monday, the Christmas closing days and the October daylight-saving night."""

import uuid
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from booking.models import DEFAULT_RULE, Booking, BookingDeadline, BookingRule, ClosingDay
from booking.tests.conftest import local
from booking.tests.factories import BookingFactory, TopicFactory

pytestmark = pytest.mark.django_db

NO_TIMES = "Der er ingen ledige tider i denne uge"


def _week(client, topic) -> str:
    """The week view as the citizen first sees it: no week chosen."""
    page = client.get(reverse("booking:start"), {"emne": topic.pk, "konsulent": "alle"})
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize(
    ("now", "heading"),
    [
        # Sunday 23.30: the rest of this week has no times; Monday's week is the first.
        (local(2026, 11, 29, 23, 30), "Uge 49 (30. nov."),
        # 00.05 on that Monday: this week has times, so it stays.
        (local(2026, 11, 30, 0, 5), "Uge 49 (30. nov."),
        # The October night the clocks go back, then Sunday 23.30 of that day.
        (local(2026, 10, 25, 2, 30), "Uge 44 (26. okt."),
        (local(2026, 10, 25, 23, 30), "Uge 44 (26. okt."),
    ],
)
def test_the_week_view_opens_at_the_first_week_with_free_times(
    client, citizen, topic, now, heading
):
    with time_machine.travel(now, tick=False):
        client.force_login(citizen.user)
        page = _week(client, topic)
    assert heading in page
    assert NO_TIMES not in page


@pytest.mark.parametrize("now", [local(2026, 11, 29, 23, 30), local(2026, 11, 30, 10, 0)])
def test_the_first_landing_searches_free_times_once(client, citizen, topic, now):
    """The search for the first week with times covers the whole booking window; the week it
    opens is read from that search, not searched again (and shows the same times)."""
    from unittest import mock

    from booking.views import book

    with time_machine.travel(now, tick=False):
        client.force_login(citizen.user)
        with mock.patch.object(book, "free_slots", wraps=book.free_slots) as search:
            first = _week(client, topic)
        assert search.call_count == 1
        day = date.fromisoformat(_times(first)[0][:10])
        monday = day - timedelta(days=day.weekday())
        chosen = client.get(
            reverse("booking:start"), {"emne": topic.pk, "konsulent": "alle", "uge": monday}
        )
    assert _times(first) == _times(chosen.content.decode()) and _times(first)


def _times(page: str) -> list[str]:
    import re

    return re.findall(r'href="[^"]*tid=([0-9T:-]+)"', page)


def test_over_christmas_the_week_view_skips_the_closed_weeks(client, centre, citizen, topic):
    """Closed 24 December to 1 January (closing days and holidays): from the evening of 23
    December the first week with times is the one of 4 January."""
    for day in (24, 28, 29, 30, 31):
        ClosingDay.objects.create(job_centre=centre, date=date(2026, 12, day), name="Jul")
    with time_machine.travel(local(2026, 12, 23, 23, 30), tick=False):
        client.force_login(citizen.user)
        page = _week(client, topic)
        chosen = client.get(
            reverse("booking:start"), {"emne": topic.pk, "konsulent": "alle", "uge": "2026-12-21"}
        ).content.decode()
    assert "Uge 1 (4. jan." in page and NO_TIMES not in page
    # A week the citizen chose is shown as chosen, even when it is empty.
    assert "Uge 52 (21. dec." in chosen and NO_TIMES in chosen


@pytest.mark.parametrize(
    ("now", "start", "cutoff_hours", "until"),
    [
        (
            local(2026, 11, 8, 23, 30),
            local(2026, 11, 10, 12, 30),
            24,
            "mandag 9. nov. 2026 kl. 12.30",
        ),
        (
            local(2026, 11, 9, 0, 5),
            local(2026, 11, 12, 9, 0),
            48,
            "tirsdag 10. nov. 2026 kl. 09.00",
        ),
        # Over Christmas and the new year: hours on the clock, holidays or not.
        (local(2026, 12, 23, 23, 30), local(2027, 1, 4, 9, 0), 72, "fredag 1. jan. 2027 kl. 09.00"),
    ],
)
def test_the_confirm_step_says_until_when_in_danish_dates(
    client, centre, citizen, topic, now, start, cutoff_hours, until
):
    BookingRule.objects.create(
        job_centre=centre, **{**DEFAULT_RULE, "cancel_cutoff_hours": cutoff_hours}
    )
    with time_machine.travel(now, tick=False):
        client.force_login(citizen.user)
        page = client.get(
            reverse("booking:start"),
            {"emne": topic.pk, "konsulent": "alle", "tid": f"{start:%Y-%m-%dT%H:%M}"},
        ).content.decode()
    assert f"Du kan flytte eller aflyse tiden indtil {until}." in page


def test_the_deadline_banner_names_the_topic_and_opens_the_booking_with_it(
    client, centre, citizen, topic, consultant
):
    TopicFactory(job_centre=centre, name="Brancheskift", consultants=[consultant])
    BookingDeadline.objects.create(
        citizen=citizen,
        topic=topic,
        deadline=date(2026, 12, 9),
        window_start=date(2026, 11, 30),
        window_end=date(2026, 12, 18),
    )
    with time_machine.travel(local(2026, 11, 29, 23, 30), tick=False):
        client.force_login(citizen.user)
        home = client.get(reverse("dashboard:home")).content.decode()
        link = f"{reverse('booking:start')}?emne={topic.pk}"
        assert '"Min jobsøgning" senest 9. december 2026' in home and f'href="{link}"' in home
        # One consultant: the step to choose one is taken; the week with times opens.
        page = client.get(link).content.decode()
    assert "Vælg en tid" in page and "Uge 49 (30. nov." in page
    assert "Trin 3 af 4" in page


def test_one_topic_and_one_mode_are_not_asked(client, citizen, centre, consultant, topic):
    topic.modes = ["telefon"]
    topic.save()
    with time_machine.travel(local(2026, 11, 29, 23, 30), tick=False):
        client.force_login(citizen.user)
        start = client.get(reverse("booking:start")).content.decode()
        assert "Vælg en tid" in start  # neither topic nor consultant to choose
        url = (
            f"{reverse('booking:start')}?emne={topic.pk}&konsulent={consultant.pk}"
            "&tid=2026-11-30T09:00"
        )
        confirm = client.get(url).content.decode()
        assert 'type="radio"' not in confirm and "<dd>Telefon</dd>" in confirm
        done = client.post(url, {"mode": "telefon", "submission_token": str(uuid.uuid4())})
        receipt = client.get(done.url).content.decode()
    assert Booking.objects.get().mode == "telefon"
    assert "Godt, at du har booket" in receipt
    assert "Din rådgiver ringer til dig på 20 12 34 56" in receipt


def test_the_receipt_says_where_to_come_or_how_to_join(
    client, centre, citizen, topic, room, consultant
):
    centre.address, centre.postcode, centre.town = "Nygade 1", "2605", "Brøndby"
    centre.save()
    with time_machine.travel(local(2026, 11, 23, 8, 0), tick=False):
        client.force_login(citizen.user)
        in_person = BookingFactory(
            citizen=citizen,
            consultant=consultant,
            topic=topic,
            mode="fremmoede",
            room=room,
            start=local(2026, 11, 30, 9),
        )
        video = BookingFactory(
            citizen=citizen,
            consultant=consultant,
            topic=topic,
            mode="video",
            start=local(2026, 12, 1, 9),
        )
        place = client.get(reverse("booking:detail", args=[in_person.public_id])).content.decode()
        join = client.get(reverse("booking:detail", args=[video.public_id])).content.decode()
    assert "Mød op i jobcentret på Nygade 1, 2605 Brøndby." in place and "Lokale 1" in place
    assert "link til videomødet" in join and "Mød op" not in join


def test_reschedule_offers_the_consultants_booking_offers(
    client, citizen, topic, consultant, teams
):
    """The citizen's team (Nord), not the whole centre: the same people as booking."""
    _north, colleague, other = teams
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2026, 11, 30, 9)
    )
    with time_machine.travel(local(2026, 11, 23, 8, 0), tick=False):
        client.force_login(citizen.user)
        booking_page = client.get(reverse("booking:start"), {"emne": topic.pk}).content.decode()
        move = client.get(reverse("booking:reschedule", args=[booking.public_id])).content.decode()
    for page in (booking_page, move):
        assert colleague.name in page and consultant.name in page
        assert other.name not in page
