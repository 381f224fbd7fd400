"""Job clubs as people use them, on a tablet (768 px): a consultant plans a club; a citizen
finds it and books a seat; the next one clicks on a seat that went a moment ago, is told the
club is full and is offered the next club of the industry. Every page passes axe
and fits the screen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD
from citizens.tests.factories import CitizenFactory
from jobclubs.models import JobClub, Seat
from jobclubs.tests.factories import JobClubFactory, SeatFactory
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    assert browser_conftest.axe_violations(page) == []


def test_a_consultant_plans_a_club_on_a_tablet(page, consultant):
    page.set_viewport_size(TABLET)
    browser_conftest.login(page, consultant.username, PASSWORD)
    page.goto("/jobklubber/ny/")
    fits(page)
    page.get_by_label("Titel").fill("Jobklub: lager og logistik")
    page.get_by_label("Dato").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_label("Tid", exact=True).fill("10:00")
    page.get_by_label("Sted eller lokale").fill("Mødelokale 2")
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("heading", name="Jobklub: lager og logistik").wait_for()
    fits(page)
    assert JobClub.objects.get().capacity == 8


def test_a_citizen_books_a_seat_and_the_next_is_told_it_is_full(page, centre, citizen):
    club = JobClubFactory(job_centre=centre, capacity=3, title="Jobklub: lager")
    SeatFactory(club=club, number=1)
    JobClubFactory(
        job_centre=centre,
        industry=club.industry,
        title="Jobklub: lager (næste hold)",
        start=club.start + timedelta(days=7),
    )
    page.set_viewport_size(TABLET)
    browser_conftest.login(page, citizen.user.username, PASSWORD)
    page.goto("/jobklubber/")
    fits(page)
    page.get_by_role("link", name="Jobklub: lager", exact=True).click()
    page.get_by_role("button", name="Book en plads").click()
    page.get_by_text("Du har en plads i denne jobklub.").wait_for()
    fits(page)
    assert Seat.objects.filter(club=club, citizen=citizen).exists()

    late = CitizenFactory(job_centre=centre, user__username="sen")
    page.context.clear_cookies()
    browser_conftest.login(page, late.user.username, PASSWORD)
    page.goto(f"/jobklubber/{club.public_id}/")  # one seat is free on the page...
    SeatFactory(club=club, number=3)  # ... which someone else takes meanwhile
    page.get_by_role("button", name="Book en plads").click()
    page.get_by_role("heading", name="Jobklubben er fuld").wait_for()
    assert page.get_by_role("link", name="Jobklub: lager (næste hold)").is_visible()
    fits(page)
