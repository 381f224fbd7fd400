"""A business consultant imports Arbejdsmarkedsbalancen on a tablet: the good rows are saved,
the bad one is listed by its line with the reason, and the balance list shows each prospect in
words; both pages fit the screen and axe finds nothing."""

import pytest
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import PASSWORD, StaffFactory
from occupations.models import LabourBalance, Occupation, Prospect
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
CSV = (
    "occupation;disco;area;prospect\n"
    "Lagerarbejder;9333;Hovedstaden;Mangel på arbejdskraft\n"
    "Astronaut;;Hovedstaden;Gode jobmuligheder\n"
    "Sygeplejerske;2221;Hovedstaden;Gode jobmuligheder\n"
)


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_business_consultant_imports_the_balance_on_a_tablet(page, centre):
    # Transactional tests empty the tables after them, the starter list included.
    for title, code in [("Lagerarbejder", "9333"), ("Sygeplejerske", "2221")]:
        Occupation.objects.update_or_create(title=title, defaults={"disco_code": code})
    centre.postcode = "2605"
    centre.save()
    consultant = StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk")
    page.set_viewport_size(TABLET)
    login(page, consultant.username, PASSWORD)

    page.goto("/arbejdsmarked/balance/import/")
    assert _fits_the_screen(page)
    assert axe_violations(page) == []
    page.locator("#id_file").set_input_files(
        files=[{"name": "balance.csv", "mimeType": "text/csv", "buffer": CSV.encode()}]
    )
    page.locator("#id_period").fill("2026-2")
    page.get_by_role("button", name=t("Import"), exact=True).click()
    page.get_by_role("heading", name=t("The balance is imported")).wait_for()
    bad = page.locator("table tbody tr")
    assert bad.count() == 1
    assert bad.first.locator("th").inner_text() == "3"
    assert "Astronaut" in bad.first.inner_text()
    assert dict(LabourBalance.objects.values_list("occupation__title", "prospect")) == {
        "Lagerarbejder": Prospect.SHORTAGE,
        "Sygeplejerske": Prospect.GOOD,
    }
    assert _fits_the_screen(page)
    assert axe_violations(page) == []

    page.goto("/arbejdsmarked/balance/")
    row = page.locator("tbody tr", has_text="Lagerarbejder")
    assert row.locator(".badge").inner_text() == t("Shortage of labour")
    assert _fits_the_screen(page)
    assert axe_violations(page) == []
