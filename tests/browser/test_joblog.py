"""On a phone-width screen a citizen adds a job application through the quick-add form, sees
the week's count rise, and downloads the Joblog as CSV; the consultant reads it, logged. The
page's charts work under the real Content Security Policy."""

from pathlib import Path

import pytest
from django.utils import timezone

from accounts.tests.factories import PASSWORD
from audit.models import LookupLog, Subject
from joblog.models import JoblogEntry
from joblog.tests.factories import EntryFactory, OccupationFactory
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def occupation(db):
    return OccupationFactory(title="Lagermedarbejder i browsertest", disco_code="9333")


def week_count(page) -> int:
    return int(page.locator(".joblog-summary").get_attribute("data-searches"))


def test_citizen_adds_an_application_sees_the_count_rise_and_exports(page, citizen, occupation):
    page.set_viewport_size(PHONE)
    EntryFactory(citizen=citizen, occupation=occupation, date=timezone.localdate())
    login(page, citizen.user.username, PASSWORD)
    page.goto("/joblog/")
    assert week_count(page) == 1
    assert axe_violations(page) == []

    form = page.locator(".joblog-add form")
    form.locator("#id_occupation").fill(occupation.title)
    form.locator("#id_employer").fill("Salling Group <b>lager</b>")
    form.locator("#id_plan").select_option("A")
    form.locator("summary").click()
    form.locator("#id_town").fill("Brøndby")
    with page.expect_navigation():
        form.locator("button[type=submit]").dblclick()
    page.wait_for_url("**/joblog/")
    assert week_count(page) == 2
    assert JoblogEntry.objects.filter(citizen=citizen).count() == 2
    assert page.get_by_role("link", name="Salling Group <b>lager</b>", exact=True).is_visible()
    assert axe_violations(page) == []

    page.goto("/joblog/fremgang/")
    assert week_count(page) == 2
    last_week = page.locator("table tbody tr").last.locator("td").last
    assert last_week.text_content().strip() == "2"
    assert axe_violations(page) == []

    page.goto("/joblog/")
    page.locator("details:has(.joblog-filter) summary").click()
    with page.expect_download() as download:
        page.locator("a[href^='/joblog/eksport.csv']").click()
    assert download.value.suggested_filename.endswith(".csv")
    content = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    assert "Salling Group <b>lager</b>" in content and ";" in content


def test_the_progress_charts_draw_under_the_content_security_policy(
    browser, live_server, citizen, occupation
):
    EntryFactory.create_batch(3, citizen=citizen, occupation=occupation, date=timezone.localdate())
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="da-DK")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    login(page, citizen.user.username, PASSWORD)
    page.goto("/joblog/fremgang/")
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length === 2")
    assert problems == []
    context.close()


def test_the_consultant_reads_the_joblog_and_the_look_is_logged(
    page, citizen, consultant, occupation
):
    EntryFactory(citizen=citizen, occupation=occupation, employer="Vestas")
    login(page, consultant.username, PASSWORD)
    page.goto(f"/borgere/{citizen.public_id}/")
    page.locator(f"a[href='/borgere/{citizen.public_id}/joblog/']").click()
    page.wait_for_url("**/joblog/")
    assert page.get_by_text("Vestas").is_visible()
    assert page.locator("form[action^='/joblog/']").count() == 0
    assert axe_violations(page) == []
    assert LookupLog.objects.filter(citizen=citizen, subject=Subject.JOBLOG).count() == 1
