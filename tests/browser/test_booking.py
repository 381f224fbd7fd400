"""A citizen books, moves and cancels a conversation in the browser and gets the .ics; the
consultant sees the booking with the citizen's words."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from booking.models import Booking, Status
from booking.tests.factories import RoomFactory, TopicFactory, working_week
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(centre, consultant, citizen):
    working_week(consultant)
    RoomFactory(job_centre=centre)
    return TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])


def test_citizen_books_moves_cancels_and_gets_the_ics(page, setup, citizen, consultant):
    login(page, citizen.user.username, PASSWORD)
    page.get_by_role("link", name="Book en tid").first.click()
    assert axe_violations(page) == []
    # One topic and one consultant: both steps are taken for the citizen.
    page.get_by_role("link", name="Første ledige tid").click()
    assert axe_violations(page) == []
    # Next week: beyond the 24-hour cut-off, so the citizen may move and cancel it afterwards.
    page.get_by_role("link", name="Næste uge").click()
    page.locator(".booking-time").first.click()
    page.get_by_label("Telefon").check()
    page.get_by_label("Hvad vil du gerne tale om?").fill("Jeg vil gerne skifte branche")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Book samtalen").dblclick()
    page.wait_for_url("**/samtaler/*/")
    assert page.get_by_text("Samtalen er booket").is_visible()
    assert Booking.objects.count() == 1
    booking = Booking.objects.get()
    assert booking.talk_about == "Jeg vil gerne skifte branche"
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Læg i min kalender (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    assert b"BEGIN:VCALENDAR" in Path(download.value.path()).read_bytes()

    page.get_by_role("link", name="Flyt samtalen").click()
    page.get_by_role("link", name="Næste uge").click()
    page.locator(".booking-time").nth(2).click()
    page.get_by_role("button", name="Ja, flyt den").click()
    expect(page.get_by_text("Samtalen er flyttet")).to_be_visible()
    booking.refresh_from_db()
    assert booking.rescheduled_at is not None

    page.get_by_role("link", name="Aflys samtalen").click()
    page.get_by_label("Ja, aflys samtalen").check()
    page.get_by_role("button", name="Aflys samtalen").click()
    expect(page.get_by_text("Samtalen er aflyst")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED_BY_CITIZEN


def test_consultant_sees_the_booking_with_the_citizens_words(
    browser, live_server, setup, citizen, consultant
):
    from datetime import timedelta

    from django.utils import timezone

    from booking.availability import free_slots
    from booking.services.bookings import BookingRequest, book

    today = timezone.localdate()
    slot = free_slots(
        topic=setup,
        target_group=citizen.target_group,
        date_from=today,
        date_to=today + timedelta(days=20),
    )[0]
    book(
        citizen=citizen,
        request=BookingRequest(
            topic=setup, start=slot.start, mode="video", talk_about="Mit CV skal styrkes"
        ),
        actor=citizen.user,
    )
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    login(page, consultant.username, PASSWORD)
    page.goto(f"/kalender/?dag={timezone.localdate(slot.start).isoformat()}")
    assert page.get_by_text("Mit CV skal styrkes").is_visible()
    assert page.get_by_text(citizen.name).first.is_visible()
    context.close()
