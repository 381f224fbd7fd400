"""Co-service at the library in the browser: the helper starts a session, the citizen beside
her logs in on her screen and books her conversation, the helper ends it and is herself again."""

from datetime import time

import pytest

from accounts.tests.factories import PASSWORD
from audit.models import LookupLog
from booking.models import Booking, Origin
from booking.tests.factories import TopicFactory, working_week
from coservice.models import CoServiceSession, EndReason
from coservice.tests.factories import HelperFactory, HelpPlaceFactory
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(centre, consultant, citizen):
    working_week(consultant)
    TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])
    helper = HelperFactory(job_centre=centre, username="bib", name="Lone Bibliotekar")
    # Open all day, every day: the test runs at whatever time the clock says.
    HelpPlaceFactory(
        job_centre=centre,
        name="Brøndby Bibliotek",
        helpers=[helper],
        hours=[(day, time(0), time(23, 59)) for day in range(7)],
    )
    return helper


def test_a_library_helper_and_the_citizen_book_her_conversation(page, setup, citizen):
    helper = setup
    login(page, helper.username, PASSWORD)
    page.get_by_role("link", name="Start medbetjening").click()
    assert axe_violations(page) == []
    page.get_by_label("Borgerens brugernavn").fill(citizen.user.username)
    page.get_by_label("Borgerens adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Start medbetjening").click()
    banner = page.locator(".coservice-banner")
    assert "Lone Bibliotekar, Brøndby Bibliotek" in banner.inner_text()
    assert axe_violations(page) == []

    page.goto("/samtaler/book/")
    assert banner.is_visible()
    # One topic and one consultant: both steps are taken for the citizen.
    page.get_by_role("link", name="Første ledige tid").click()
    page.get_by_role("link", name="Næste uge").click()
    page.locator(".booking-time").first.click()
    # The topic has three ways to meet, so the confirm step asks; check() waits for that page
    # (a count() here ran before the navigation and sent the form without an answer: 400).
    page.get_by_label("Telefon").check()
    page.get_by_role("button", name="Book samtalen").click()
    page.wait_for_url("**/samtaler/*/")
    booking = Booking.objects.get()
    assert booking.facilitated_by == helper and booking.origin == Origin.SELF_BOOKED

    banner.get_by_role("button", name="Afslut").click()
    page.wait_for_url("**/medbetjening/")
    assert page.get_by_text("Medbetjeningen er slut").is_visible()
    session = CoServiceSession.objects.get()
    assert session.end_reason == EndReason.HELPER
    # Marked on the booking's commit, as the citizen's page and the preparation show it.
    assert list(session.changes.values_list("area", flat=True)) == ["booking"]
    response = page.goto("/samtaler/")
    assert response is not None and response.status == 403
    assert LookupLog.objects.filter(citizen=citizen, actor=helper, place="Brøndby Bibliotek")
