"""A first-time citizen on a 390 px phone books from the deadline banner to the receipt in at
most 6 screens after login, and no screen is wider than the phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD, StaffFactory
from booking.models import Booking, BookingDeadline
from booking.tests.factories import RoomFactory, TopicFactory, working_week
from centres.tests.factories import TeamFactory
from tests.browser.conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def deadline(centre, consultant, citizen):
    """Two topics, three consultants in the citizen's team, and a deadline for one topic."""
    team = TeamFactory(job_centre=centre, name="Nord")
    consultant.team = team
    consultant.save()
    people = [consultant, *(StaffFactory(job_centre=centre, team=team) for _ in range(2))]
    for person in people:
        working_week(person)
    RoomFactory(job_centre=centre)
    TopicFactory(job_centre=centre, name="Mit CV", consultants=people)
    topic = TopicFactory(job_centre=centre, name="Brancheskift", consultants=people)
    today = timezone.localdate()
    return BookingDeadline.objects.create(
        citizen=citizen,
        topic=topic,
        deadline=today + timedelta(days=10),
        window_start=today,
        window_end=today + timedelta(days=24),
        created_by=consultant,
    )


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_from_the_deadline_banner_to_the_receipt_in_six_screens(page, deadline, citizen):
    page.set_viewport_size(PHONE)
    login(page, citizen.user.username, PASSWORD)
    screens = [page.url]  # the home page after login is the first
    page.on("load", lambda loaded: screens.append(loaded.url))

    banner = page.locator(".alert", has_text="Brancheskift")
    assert banner.is_visible() and _fits(page) and axe_violations(page) == []
    screenshot(page, "first-booking-1-home", full_page=True)
    banner.get_by_role("link", name="Book nu").click()
    page.wait_for_load_state()
    assert page.get_by_text("Trin 2 af 4").is_visible() and _fits(page)
    page.get_by_role("link", name="Første ledige").first.click()
    page.wait_for_load_state()
    assert page.locator(".booking-time").first.is_visible() and _fits(page)
    screenshot(page, "first-booking-3-week", full_page=True)
    page.locator(".booking-time").first.click()
    page.wait_for_load_state()
    # Until when it can be moved (or, on the real clock close to the cut-off, that it cannot).
    assert page.locator("main .booking-change-until").is_visible()
    page.get_by_label("Telefon").check()
    assert _fits(page) and axe_violations(page) == []
    screenshot(page, "first-booking-4-confirm", full_page=True)
    page.get_by_role("button", name="Book samtalen").click()
    page.wait_for_url("**/samtaler/*/")
    page.wait_for_load_state()

    assert page.get_by_text("Godt, at du har booket").is_visible()
    assert page.get_by_text("Din rådgiver ringer til dig på").is_visible()
    assert _fits(page) and axe_violations(page) == []
    screenshot(page, "first-booking-5-receipt", full_page=True)
    booking = Booking.objects.get()
    assert booking.topic_id == deadline.topic_id
    assert len(screens) <= 6, screens
