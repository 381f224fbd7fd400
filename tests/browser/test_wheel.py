"""A business consultant adds a need to the annual wheel and finds it in the year view, as a
bar over its weeks and as a row of the table with its dates; the pages pass axe, the bar is
reachable by keyboard, and the calendar address page shows the address once."""

import re

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import PASSWORD, StaffFactory
from labour.models import WheelEvent
from labour.tests.factories import CompanyFactory
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


@pytest.fixture
def business(centre):
    CompanyFactory(job_centre=centre, name="Lager X")
    return StaffFactory(
        job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk", name="Bo Virksomhed"
    )


def test_a_business_consultant_adds_a_need_and_sees_it_in_the_year(page, business):
    year = timezone.localdate().isocalendar().year
    browser_conftest.login(page, business.username, PASSWORD)
    page.goto("/aarshjul/")
    page.get_by_role("heading", level=1).wait_for()
    assert browser_conftest.axe_violations(page) == []

    page.get_by_role("link", name=t("Add a need")).click()
    page.get_by_label(t("Company")).select_option(label="Lager X")
    page.get_by_label(t("Need"), exact=True).fill("20 lagermedarbejdere")
    page.get_by_label(t("Occupation")).fill("Lagerarbejder")
    page.get_by_label(t("Number of people")).fill("20")
    page.get_by_label(t("Year")).fill(str(year))
    page.get_by_label(t("From week")).fill("40")
    page.get_by_label(t("To week")).fill("44")
    assert browser_conftest.axe_violations(page) == []
    page.get_by_role("button", name=t("Save")).click()

    page.wait_for_url(f"**/aarshjul/?aar={year}#event-*")
    event = WheelEvent.objects.get()
    row = page.locator(f"#event-{event.public_id}")
    row.wait_for()
    assert "Lager X" in row.inner_text() and "20 lagermedarbejdere" in row.inner_text()
    bar = page.locator(f'a.wheel-bar[href="#event-{event.public_id}"]')
    assert bar.count() == 1
    assert browser_conftest.axe_violations(page) == []

    page.goto(f"/aarshjul/?aar={year}")
    bar.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#event-{event.public_id}")


def test_the_calendar_address_is_shown_once(page, business):
    browser_conftest.login(page, business.username, PASSWORD)
    page.goto("/aarshjul/kalender/")
    page.get_by_role("button", name=t("Make my calendar address")).click()
    address = page.get_by_label(t("Calendar address"))
    assert "/aarshjul/kalender/" in address.input_value()
    assert address.input_value().endswith(".ics")
    assert browser_conftest.axe_violations(page) == []
    page.goto("/aarshjul/kalender/")
    assert page.get_by_label(t("Calendar address")).count() == 0


def test_the_pages_keep_to_the_content_security_policy(browser, live_server, business):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    browser_conftest.login(page, business.username, PASSWORD)
    for url in ["/aarshjul/", "/aarshjul/ny/", "/tirsdagsmail/", "/aarshjul/kalender/"]:
        page.goto(url)
    page.get_by_role("button", name=t("Make my calendar address")).click()
    page.get_by_role("button", name=t("Copy the address")).click()
    page.locator("#feed-copy-status").filter(has_text=re.compile(".+")).wait_for()
    context.close()
    assert problems == []


@pytest.mark.parametrize("size", [{"width": 1280, "height": 800}, {"width": 768, "height": 1024}])
def test_the_year_fits_the_window_and_opens_at_the_current_week(page, business, centre, size):
    """Issue 22: the chart was 1,396 px wide in a 1,280 px window, cut after week 34."""
    from labour.tests.factories import WheelEventFactory

    today = timezone.localdate()
    year = today.isocalendar().year
    WheelEventFactory(job_centre=centre, year=year, week_from=50, week_to=52, title="Julehjælp")
    WheelEventFactory(job_centre=centre, year=year, week_from=2, week_to=6, title="Vinter")
    page.set_viewport_size(size)
    browser_conftest.login(page, business.username, PASSWORD)
    page.goto(f"/aarshjul/?aar={year}")
    page.locator("table.wheel-chart").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    region = page.locator(".wheel-scroll").bounding_box()
    now = page.locator("thead th.wheel-now").bounding_box()
    label = page.locator("thead th.wheel-label").bounding_box()
    assert region["x"] + region["width"] <= size["width"]
    # The current week is in sight, right of the sticky labels, without scrolling.
    assert now["x"] >= label["x"] + label["width"] - 1
    assert now["x"] + now["width"] <= region["x"] + region["width"] + 1
    assert browser_conftest.axe_violations(page) == []
