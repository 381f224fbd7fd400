"""On a tablet (768 px wide) a business consultant puts an opening on the shared board through
the one short form and finds it on the board; what is typed survives a lost connection and a
server error, and is forgotten once the server has it. Every page passes axe."""

from pathlib import Path

import pytest
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import PASSWORD, StaffFactory
from labour.models import JobOpening
from labour.tests.factories import CompanyFactory, ContactFactory
from tests.browser.conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


@pytest.fixture
def business_consultant(centre):
    return StaffFactory(
        job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk", name="Bo Virksomhed"
    )


@pytest.fixture
def company(centre):
    company = CompanyFactory(job_centre=centre, name="Vestegnens Lager ApS")
    ContactFactory(company=company, name="Sanne Holm", phone="+4543434343", is_primary=True)
    return company


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]


def test_a_business_consultant_adds_an_opening_on_a_tablet(page, business_consultant, company):
    page.set_viewport_size(TABLET)
    login(page, business_consultant.username, PASSWORD)
    page.goto("/jobtavle/")
    assert fits(page) and axe_violations(page) == []
    page.get_by_role("link", name=t("Add an opening")).first.click()
    page.wait_for_url("**/jobtavle/ny/")
    assert fits(page) and axe_violations(page) == []
    submit = page.get_by_role("button", name=t("Put it on the board"))
    assert submit.bounding_box()["height"] >= 44
    assert page.locator("#id_title").bounding_box()["height"] >= 44

    page.locator("#id_title").fill("Lagerarbejdere til nattehold")
    page.locator("#id_company").select_option(label=company.name)
    page.locator("#id_occupation").fill("Lagerarbejder")
    page.locator("#id_postcode").fill("2605")
    page.locator("#id_valid_through").fill("2099-12-31")
    page.locator("#id_positions").fill("4")
    page.locator("#id_description").fill("Truckcertifikat er et plus.")
    with page.expect_navigation():
        submit.click()
    page.get_by_role("heading", name="Lagerarbejdere til nattehold").wait_for()
    assert axe_violations(page) == []
    opening = JobOpening.objects.get()
    assert opening.company == company and opening.positions == 4
    assert opening.town == "Brøndby" and opening.occupation.title == "Lagerarbejder"
    assert "Sanne Holm" in page.content()

    page.goto("/jobtavle/")
    row = page.locator("table tbody tr", has_text="Lagerarbejdere til nattehold")
    assert row.count() == 1
    assert company.name in row.inner_text() and "Sanne Holm" in row.inner_text()
    page.goto("/jobtavle/?new=on")
    assert page.locator("table tbody tr", has_text="Lagerarbejdere til nattehold").count() == 1
    assert fits(page) and axe_violations(page) == []


def test_what_is_typed_survives_being_offline_and_a_server_error(page, business_consultant):
    page.set_viewport_size(TABLET)
    login(page, business_consultant.username, PASSWORD)
    page.goto("/jobtavle/ny/")
    page.locator("#id_title").fill("Kok til kantinen")
    page.locator("#id_employer_name").fill("Kantinen i Glostrup")
    page.locator("#id_description").fill("Frokost til 200 hver dag.")

    # Offline: the form is not sent, the notice says the text is kept on the device.
    page.context.set_offline(True)
    page.get_by_role("button", name=t("Put it on the board")).click()
    notice = page.locator(".draft-notice")
    notice.wait_for()
    assert notice.inner_text().strip() == t(
        "You are offline. What you have written is saved on the device \u2013 send again when you "
        "have a connection."
    )
    assert notice.get_attribute("role") == "alert"
    assert page.url.endswith("/jobtavle/ny/") and not JobOpening.objects.exists()
    assert axe_violations(page) == []

    # Back online, the server fails: the page is gone, what was typed is not.
    page.context.set_offline(False)
    page.route(
        "**/jobtavle/ny/",
        lambda route: (
            route.fulfill(status=500, body="Serverfejl")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.locator("#id_title").fill("Kok til kantinen, fast")
    page.get_by_role("button", name=t("Put it on the board")).click()
    page.get_by_text("Serverfejl").wait_for()
    page.unroute("**/jobtavle/ny/")
    page.goto("/jobtavle/ny/")
    assert page.locator("#id_title").input_value() == "Kok til kantinen, fast"
    assert page.locator("#id_employer_name").input_value() == "Kantinen i Glostrup"
    assert page.locator("#id_description").input_value() == "Frokost til 200 hver dag."
    restored = page.locator(".draft-notice")
    assert restored.inner_text().startswith(
        t("What you typed but did not get sent is back in the form. Check it and send it again.")
    )
    assert axe_violations(page) == []

    # Sent for real: the opening is saved and the device forgets the draft.
    with page.expect_navigation():
        page.get_by_role("button", name=t("Put it on the board")).click()
    page.get_by_role("heading", name="Kok til kantinen, fast").wait_for()
    assert JobOpening.objects.get().employer_name == "Kantinen i Glostrup"
    page.goto("/jobtavle/ny/")
    assert page.locator("#id_title").input_value() == ""
    assert page.locator(".draft-notice").count() == 0


def test_a_company_is_registered_and_described_on_a_tablet(page, business_consultant):
    page.set_viewport_size(TABLET)
    login(page, business_consultant.username, PASSWORD)
    page.goto("/virksomheder/")
    assert fits(page) and axe_violations(page) == []
    page.get_by_role("link", name=t("Add a company")).click()
    page.wait_for_url("**/virksomheder/ny/")
    page.locator("#id_cvr").fill("13585629")
    page.locator("#id_name").fill("Vestegnens Vask ApS")
    page.locator("#id_postcode").fill("2620")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save")).click()
    error = page.locator("#id_cvr_error")
    assert t("The CVR number is not valid (the check digit does not match).") in error.inner_text()
    assert page.locator("#id_name").input_value() == "Vestegnens Vask ApS"
    assert fits(page) and axe_violations(page) == []

    page.locator("#id_cvr").fill("13585628")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save")).click()
    page.get_by_role("heading", name="Vestegnens Vask ApS").wait_for()
    assert "Albertslund" in page.content()
    assert fits(page) and axe_violations(page) == []

    page.get_by_role("link", name=t("Add a contact person")).click()
    page.locator("#id_name").fill("Anne Holm")
    page.locator("#id_phone").fill("+4520304050")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save")).click()
    assert page.get_by_role("link", name="+4520304050").is_visible()
    assert axe_violations(page) == []


def test_the_pages_keep_the_content_security_policy(browser, live_server, business_consultant):
    """drafts.js and labour.css under the real CSP (the page fixture bypasses it for axe)."""
    context = browser.new_context(base_url=live_server.url, viewport=TABLET)
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    login(page, business_consultant.username, PASSWORD)
    for url in ["/jobtavle/", "/jobtavle/ny/", "/jobtavle/import/", "/virksomheder/ny/"]:
        page.goto(url)
    page.goto("/jobtavle/ny/")
    page.locator("#id_title").fill("Under CSP")
    context.set_offline(True)
    page.get_by_role("button", name=t("Put it on the board")).click()
    page.locator(".draft-notice").wait_for()
    context.close()
    assert problems == []


def test_a_jobposting_file_imports_and_importing_it_again_changes_nothing(
    page, business_consultant
):
    sample = Path(__file__).resolve().parents[2] / "labour/data/jobposting_sample.jsonld"
    page.set_viewport_size(TABLET)
    login(page, business_consultant.username, PASSWORD)
    page.goto("/jobtavle/import/")
    assert fits(page) and axe_violations(page) == []
    for created, unchanged in ((30, 0), (0, 30)):
        page.goto("/jobtavle/import/")
        page.locator("#id_file").set_input_files(str(sample))
        with page.expect_navigation():
            page.get_by_role("button", name=t("Import")).click()
        counts = page.locator("#import-counts").inner_text()
        with override("da"):
            expected = _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged") % {
                "created": created,
                "updated": 0,
                "unchanged": unchanged,
            }
        assert counts.strip() == expected
    assert JobOpening.objects.count() == 30
    assert axe_violations(page) == []


def test_a_large_csv_import_shows_its_progress_and_its_result(
    page, business_consultant, settings, tmp_path
):
    """Over the background threshold the import is handed to the worker (at once in tests) and
    the browser lands on the progress page, which shows the result and survives a reload."""
    from labour.tests.test_import_runs import openings_csv

    settings.LABOUR_IMPORT_BACKGROUND_BYTES = 10_000
    upload = tmp_path / "stillinger.csv"
    upload.write_bytes(openings_csv(400, bad_every=100))
    page.set_viewport_size(TABLET)
    login(page, business_consultant.username, PASSWORD)
    page.goto("/jobtavle/import/")
    page.locator("#id_file").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name=t("Import")).click()
    assert "/jobtavle/import/" in page.url and page.url.rstrip("/") != "/jobtavle/import"
    assert page.locator("#import-counts").inner_text().startswith("396")
    assert page.locator("table.import-problems tbody tr").count() == 4
    screenshot(page, "import-progress", full_page=True)
    page.reload()
    assert page.locator("#import-counts").inner_text().startswith("396")
    assert fits(page) and axe_violations(page) == []
    assert JobOpening.objects.count() == 396
