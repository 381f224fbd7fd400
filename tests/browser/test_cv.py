"""On a phone-width screen a citizen adds an occupation to "Jeg søger job som" and sees the
CV's completeness rise; the pages fit the screen and axe finds nothing."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from cv.models import SoughtOccupation
from occupations.models import Occupation
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _percent(page) -> int:
    return int(page.locator("progress.cv-progress").get_attribute("value"))


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_citizen_adds_an_occupation_on_a_phone(page, citizen):
    # Transactional tests empty the tables after them, the starter list included.
    Occupation.objects.update_or_create(
        title="Lagerarbejder", defaults={"disco_code": "9333", "synonyms": "Lagermedarbejder"}
    )
    page.set_viewport_size(PHONE)
    login(page, citizen.user.username, PASSWORD)
    page.goto("/mit-cv/")
    assert _percent(page) == 0
    assert _fits_the_screen(page)
    assert axe_violations(page) == []

    page.locator('a[href="/mit-cv/jeg-soeger/tilfoej/"]').click()
    page.wait_for_url("**/mit-cv/jeg-soeger/tilfoej/")
    assert _fits_the_screen(page)
    assert axe_violations(page) == []
    page.locator("#id_occupation").fill("Astronaut")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#id_occupation_error")).to_be_visible()
    assert not SoughtOccupation.objects.exists()

    page.locator("#id_occupation").fill("lagermedarbejder")
    page.locator("#id_years_experience").fill("4")
    page.locator("#id_has_education").check()
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/mit-cv/#occupation")
    assert _percent(page) == 30
    assert page.locator("#occupation .cv-item-title").inner_text() == "Lagerarbejder"
    assert _fits_the_screen(page)
    assert axe_violations(page) == []
    item = SoughtOccupation.objects.get()
    assert (item.occupation.title, item.years_experience, item.has_education) == (
        "Lagerarbejder",
        4,
        True,
    )
