"""A sparring week as the team uses it: the team leader creates a week with a goal of 2, a
consultant brings two of their citizens, and the event page counts the course agreements as
they are approved, until the goal is reached. Every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from citizens.tests.factories import CitizenFactory
from courses.models import Status
from courses.tests.factories import CourseFactory
from learning.models import SparringCase, SparringEvent
from learning.tests.factories import team_with_members
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


def accessible(page) -> None:
    assert browser_conftest.axe_violations(page) == []


def test_a_week_counts_the_agreements_until_the_goal_is_reached(page):
    _team, leader, (consultant,) = team_with_members(consultants=1)
    names = ["Asta Testborger", "Bjørn Testborger"]
    citizens = [
        CitizenFactory(
            job_centre=consultant.job_centre, responsible_consultant=consultant, user__name=name
        )
        for name in names
    ]
    today = timezone.localdate()

    # The team leader creates the week.
    browser_conftest.login(page, leader.username, PASSWORD)
    page.goto("/aktionslaering/sparring/ny/")
    page.get_by_role("heading", level=1).wait_for()
    accessible(page)
    page.get_by_label(t("Intensive week")).check()
    page.get_by_label(t("First day")).fill(today.isoformat())
    page.get_by_label(t("Last day")).fill((today + timedelta(days=4)).isoformat())
    page.get_by_label(t("Goal: citizens into a company-oriented course")).fill("2")
    page.get_by_role("button", name=t("Create"), exact=True).click()
    page.wait_for_url("**/aktionslaering/sparring/*/")
    event = SparringEvent.objects.get()
    assert event.goal_count == 2
    first_item = page.locator("#programme [data-item]").first
    first_item.get_by_role("button", name=t("Mark as done")).click()
    page.locator("#programme [data-done=true]").first.wait_for()
    assert event.programme.filter(done=True).count() == 1
    accessible(page)

    # The consultant brings two of their own citizens.
    page.context.clear_cookies()
    browser_conftest.login(page, consultant.username, PASSWORD)
    event_url = f"/aktionslaering/sparring/{event.pk}/"
    for name in names:
        page.goto(event_url)
        page.get_by_role("link", name=t("Bring a citizen")).click()
        page.get_by_role("heading", level=1, name=t("Bring a citizen")).wait_for()
        accessible(page)
        page.get_by_label(t("Citizen"), exact=True).select_option(label=name)
        page.get_by_label(t("What I want sparring on")).fill("Motiveret for praktik.")
        page.get_by_role("button", name=t("Bring the citizen")).click()
        page.wait_for_url(f"**{event_url}#mine")
    assert SparringCase.objects.count() == 2
    mine = page.locator("#mine")
    for name in names:
        assert mine.get_by_role("link", name=name, exact=True).count() == 1
    result = page.locator("#result [data-result]")
    assert result.get_attribute("data-cases") == "2"
    assert result.get_attribute("data-result") == "0"

    # A course for the first is approved in the period: 1 of 2, not reached yet.
    CourseFactory(citizen=citizens[0], status=Status.APPROVED, approved_at=timezone.now())
    page.reload()
    result = page.locator("#result [data-result]")
    assert result.get_attribute("data-result") == "1"
    assert result.get_attribute("data-cases") == "2"
    assert result.get_attribute("data-goal-met") == "false"
    assert page.locator("[data-goal-reached]").count() == 0
    accessible(page)

    # And one for the second: the goal is reached.
    CourseFactory(citizen=citizens[1], status=Status.APPROVED, approved_at=timezone.now())
    page.reload()
    page.locator("[data-goal-reached]").wait_for()
    assert page.locator("#result [data-result]").get_attribute("data-goal-met") == "true"
    assert page.locator("progress").first.get_attribute("value") == "2"
    accessible(page)

    # The team leader sees the result, with pseudonyms only.
    page.context.clear_cookies()
    browser_conftest.login(page, leader.username, PASSWORD)
    page.goto(event_url)
    page.locator("[data-goal-reached]").wait_for()
    content = page.content()
    assert "Borger 1" in content and "Borger 2" in content
    assert not any(name in content for name in names)
