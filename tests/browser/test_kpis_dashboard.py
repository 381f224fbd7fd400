"""The manager opens the leaders' dashboard, sees the self-booking share with its traffic light
in words, opens its trend (a chart drawn under the Content Security Policy, and the table that
is the real content), and downloads the figures as Excel with the page's numbers. Every page
passes axe."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import load_workbook

from accounts.tests.factories import PASSWORD
from centres.tests.factories import TeamFactory
from kpis.models import PeriodKind
from kpis.periods import periods
from kpis.tests.factories import ManagerFactory, SnapshotFactory, TargetFactory
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


@pytest.fixture
def manager(centre):
    return ManagerFactory(job_centre=centre, username="leder", name="Peter Lykke Andersen")


@pytest.fixture
def figures(centre):
    """A year of the self-booking share for the centre and a team, a small team figure, and a
    target the centre reaches."""
    team = TeamFactory(job_centre=centre, name="Jobparate dagpenge")
    today = timezone.localdate()
    start = today.replace(day=1)
    for back, month in enumerate(reversed(periods(PeriodKind.MONTH, today=today, count=12))):
        SnapshotFactory(
            job_centre=centre, period_start=month.start, numerator=783 - back, denominator=1000
        )
        SnapshotFactory(
            job_centre=centre, team=team, period_start=month.start, numerator=2, denominator=3
        )
    SnapshotFactory(
        job_centre=centre,
        kpi="satisfaction_average",
        period_start=start,
        numerator=820,
        denominator=100,
    )
    TargetFactory(
        job_centre=centre, value=75, starts_on=start, ends_on=start + dt.timedelta(days=60)
    )
    return team


def test_the_manager_sees_the_share_its_light_a_trend_and_downloads_excel(page, manager, figures):
    browser_conftest.login(page, manager.username, PASSWORD)
    page.goto("/ledelse/")
    page.locator("h1").wait_for()
    headline = page.locator('.kpi-headline[data-kpi="self_booking_share"]')
    assert headline.locator(".kpi-value").inner_text() == "78,3 %"
    assert headline.locator("[data-light]").inner_text().strip() == t("Green")
    assert headline.locator("[data-light]").get_attribute("data-light") == "green"
    reached = page.locator(".kpi-reached")
    assert t("The target is reached") in reached.inner_text()
    assert page.locator('tr[data-kpi="satisfaction_average"] .kpi-value').inner_text() == "8,2"
    assert browser_conftest.axe_violations(page) == []

    # The Excel file holds the page's numbers.
    with page.expect_download() as download_info:
        page.locator('a[data-export="xlsx"]').click()
    download = download_info.value
    assert download.suggested_filename.startswith("noegletal-oversigt-jobcenter-")
    sheet = load_workbook(io.BytesIO(download.path().read_bytes())).worksheets[0]
    values = {row[1]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[t("Self-booking share")] == 78.3
    assert values[t("Satisfaction, average")] == 8.2

    # The trend: a chart, and the table that is the real content.
    headline.get_by_role("link").last.click()
    page.locator("#kpi-trend-table").wait_for()
    rows = page.locator("#kpi-trend-table tbody tr")
    assert rows.count() == 12
    assert rows.last.locator(".kpi-value").inner_text() == "78,3 %"
    assert page.locator("canvas[data-kpi-chart]").get_attribute("aria-label")
    # The chart is drawn once Chart.js has loaded, which may come after the table.
    page.wait_for_function("!!window.Chart && !!Chart.getChart('kpi-trend-chart')")
    assert browser_conftest.axe_violations(page) == []
    page.emulate_media(media="print")  # on paper: the table, not the chart
    assert page.locator("#kpi-trend-table").is_visible()
    assert not page.locator("canvas[data-kpi-chart]").is_visible()
    page.emulate_media(media="screen")

    # The team's figures are built on 3 citizens: "< 5", and not in the chart.
    page.get_by_label(t("Shown for")).select_option(label="Jobparate dagpenge")
    page.get_by_role("button", name=t("Show")).click()
    page.wait_for_url("**team=*")
    assert page.locator("#kpi-trend-table tbody tr .kpi-value").last.inner_text() == "< 5"
    values = page.evaluate("JSON.parse(document.getElementById('kpi-trend-data').textContent)")
    assert set(values["values"]) == {None}
    assert "66,7" not in page.content()

    # Computing now shows its progress.
    page.goto("/ledelse/")
    page.get_by_role("button", name=t("Compute the figures now")).click()
    page.locator("#kpi-run-status").wait_for()
    assert page.locator('[role="progressbar"]').get_attribute("aria-valuenow") is not None
    assert browser_conftest.axe_violations(page) == []


def test_the_pages_keep_the_content_security_policy(browser, live_server, manager, figures):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    browser_conftest.login(page, manager.username, PASSWORD)
    for url in ("/ledelse/", "/ledelse/teams/", "/ledelse/definitioner/"):
        page.goto(url)
    page.goto("/ledelse/tendens/self_booking_share/")
    page.wait_for_function("!!window.Chart && !!Chart.getChart('kpi-trend-chart')")
    context.close()
    assert problems == []


def test_the_manager_home_page_shows_its_key_figures(page, manager, figures):
    """The home page's key figures are numbers, not punctuation (issue 19)."""
    browser_conftest.login(page, manager.username, PASSWORD)
    page.goto("/")
    home = page.locator("section.kpi-home")
    assert home.locator('[data-kpi="self_booking_share"] .kpi-value').inner_text() == "78,3 %"
    assert (
        home.locator('[data-kpi="self_booking_share"] [data-light]').get_attribute("data-light")
        == "green"
    )
    assert home.locator('[data-kpi="satisfaction_average"] .kpi-value').inner_text() == "8,2"
    assert t("Self-booking share") in home.inner_text()
    assert browser_conftest.axe_violations(page) == []
    browser_conftest.screenshot(page, "manager-home", full_page=True)
