"""A citizen sees before confirming that the time they chose cannot be changed online, with
the job centre's phone, e-mail and opening hours, which the footer of every page shows too;
after staff add an agreement, Min Plan asks the citizen to approve it again."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from booking.models import DEFAULT_RULE, BookingRule
from booking.tests.factories import TopicFactory, working_week
from plans import services as plan_services
from plans.tests.factories import PlanFactory
from tests.browser.conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(centre, consultant):
    centre.phone, centre.email = "43 23 60 00", "jobcenter@test.dk"
    centre.opening_hours = "Mandag-torsdag 9-15, fredag 9-12"
    centre.save()
    # Changes only until 14 days before: whatever time the citizen picks is past it already.
    BookingRule.objects.create(job_centre=centre, **{**DEFAULT_RULE, "cancel_cutoff_hours": 336})
    working_week(consultant)
    return TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])


def test_the_confirm_step_says_the_time_cannot_be_changed_and_how_to_call(page, setup, citizen):
    login(page, citizen.user.username, PASSWORD)
    footer = page.locator("footer")
    assert footer.get_by_role("link", name="43 23 60 00").get_attribute("href") == "tel:43236000"
    assert footer.get_by_text("Åbent: Mandag-torsdag 9-15, fredag 9-12.").is_visible()
    footer.scroll_into_view_if_needed()
    screenshot(page, "citizen-footer", full_page=False)
    page.get_by_role("link", name="Book en tid").first.click()
    # One topic and one consultant: both steps are taken for the citizen.
    page.get_by_role("link", name="Første ledige tid").click()
    page.locator(".booking-time").first.click()
    notice = page.locator("main .booking-change-until")
    assert "Du kan ikke flytte eller aflyse tiden her" in notice.inner_text()
    assert notice.get_by_role("link", name="jobcenter@test.dk").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "confirm-step", full_page=True)


def test_min_plan_asks_again_after_staff_add_an_agreement(page, citizen, consultant):
    plan = PlanFactory(citizen=citizen)
    plan_services.plan_approve(plan=plan, version=plan.version, actor=citizen.user)
    plan_services.agreement_add(plan=plan, text="Du søger også Plan B.", author=consultant)
    login(page, citizen.user.username, PASSWORD)
    page.goto("/min-plan/")
    assert page.get_by_text("Din plan er ændret siden du godkendte den").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Jeg godkender planen").click()
    expect(page.get_by_text("godkendt", exact=False).first).to_be_visible()
    expect(page.get_by_text("Din plan er ændret siden du godkendte den")).to_be_hidden()
