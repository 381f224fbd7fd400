"""Issue 22, as a new user would: a job consultant adds an opening from a citizen's tip on a
tablet; the business consultant sees it among "Nyt fra kolleger" and confirms it; the trend
page shows it in this week's count, its chart drawn under the content security policy."""

import pytest
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import PASSWORD, StaffFactory
from labour.models import ContributionStatus, JobOpening
from labour.tests.factories import CompanyFactory
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


def t(text: str) -> str:
    with override("da"):
        return _(text)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]


def test_a_tip_from_a_citizen_reaches_the_board_the_review_and_the_trend(
    page, browser, live_server, centre, consultant
):
    company = CompanyFactory(job_centre=centre, name="Fragt Syd ApS")
    business = StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk")
    page.set_viewport_size(TABLET)
    login(page, consultant.username, PASSWORD)
    page.goto("/jobtavle/")
    page.get_by_role("link", name=t("Add an opening")).first.click()
    page.wait_for_url("**/jobtavle/ny/")
    assert fits(page) and axe_violations(page) == []
    page.locator("#id_title").fill("Chauffør til varekørsel")
    page.locator("#id_company").select_option(label=company.name)
    page.locator("#id_postcode").fill("2605")
    page.locator("#id_valid_through").fill("2099-12-31")
    page.locator("#id_description").fill("En borger hørte om jobbet.")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Put it on the board")).click()
    assert t("Thank you. It is saved, and a business consultant will look at it.") in page.content()
    assert JobOpening.objects.get().status == ContributionStatus.PROPOSED
    page.context.clear_cookies()

    login(page, business.username, PASSWORD)
    page.goto("/jobtavle/")
    page.get_by_role("link", name=t("New from colleagues")).click()
    page.wait_for_url("**/nyt-fra-kolleger/")
    assert "Chauffør til varekørsel" in page.content() and consultant.name in page.content()
    assert fits(page) and axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name=f"{t('Confirm')} Chauffør til varekørsel").click()
    assert JobOpening.objects.get().status == ContributionStatus.CONFIRMED

    page.goto("/arbejdsmarkedet/")
    this_week = page.locator("#trend-industries tfoot td[data-total]").last
    assert this_week.inner_text() == "1"
    assert fits(page) and axe_violations(page) == []

    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    strict = context.new_page()
    problems = []
    strict.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    login(strict, business.username, PASSWORD)
    strict.goto("/arbejdsmarkedet/")
    strict.wait_for_function(
        "document.querySelector('canvas[data-trend-chart]').toDataURL().length > 3000"
    )
    context.close()
    assert problems == []
