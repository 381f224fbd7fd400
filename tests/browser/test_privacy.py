"""A citizen opens "Mine data" from the menu, sees who at the job centre looked at their data
(the lookup log), downloads everything as JSON, and the page passes axe."""

import json
from pathlib import Path

import pytest

from accounts.tests.factories import PASSWORD
from audit.models import Purpose, Subject
from audit.services import lookup_record
from cv.tests.factories import CVFactory, WorkExperienceFactory
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_sees_who_looked_and_downloads_their_data(page, citizen, consultant):
    lookup_record(actor=consultant, citizen=citizen, subject=Subject.CV, purpose=Purpose.CASEWORK)
    WorkExperienceFactory(cv=CVFactory(citizen=citizen), employer="Bageriet i browsertest")
    login(page, citizen.user.username, PASSWORD)

    links = page.locator("header a[href='/mine-data/']:visible")
    if not links.count():  # the menu's last entries sit under "Mere"
        page.locator("header").get_by_role("button", name="Mere").click()
    links.first.click()
    page.wait_for_url("**/mine-data/")
    lookups = page.locator("section").filter(has=page.locator("#area-2"))
    assert lookups.get_by_role("cell", name=consultant.name).is_visible()
    assert page.get_by_text("Bageriet i browsertest").is_visible()
    assert citizen.cpr not in page.content()
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.locator("a[href='/mine-data/hent/']").click()
    assert download.value.suggested_filename.endswith(".json")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    areas = {area["area"]: area for area in data["areas"]}
    assert areas["citizens.Citizen"]["rows"][0]["cpr"] == f"{citizen.cpr[:6]}-XXXX"
    assert areas["audit.LookupLog"]["rows"][0]["who"] == consultant.name
