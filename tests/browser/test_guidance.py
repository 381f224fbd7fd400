"""A first-time citizen on a phone finds "Hjælp" and the job centre's phone from the front
page, follows a guide that fits the screen, and can print it as a folder; axe finds nothing."""

import pytest

from accounts.tests.factories import PASSWORD
from guidance.guides import GUIDES
from tests.browser.conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _small_targets(page) -> list[str]:
    """The guide pages' own links and buttons that are under 44 by 44 CSS px."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              '.guide-index a, main .form-actions a, main .form-actions button')]
            .filter(el => { const r = el.getBoundingClientRect();
                            return r.width < 44 || r.height < 44; })
            .map(el => el.textContent.trim())"""
    )


def test_a_citizen_finds_help_and_the_phone_on_a_phone(page, citizen):
    centre = citizen.job_centre
    centre.phone, centre.email = "43 26 60 00", "jobcenter@demo-kommune.example"
    centre.save()
    page.set_viewport_size(PHONE)
    login(page, citizen.user.username, PASSWORD)
    assert page.locator("footer a[href='tel:43266000']").inner_text() == "43 26 60 00"

    page.get_by_role("button", name="Menu").click()
    page.locator(".mobile-drawer").get_by_role("link", name="Hjælp").click()
    page.wait_for_url("**/hjaelp/")
    assert _fits_the_screen(page)
    assert _small_targets(page) == []
    assert axe_violations(page) == []
    screenshot(page, "guidance-index", full_page=True)

    for guide in GUIDES:
        page.goto(f"/hjaelp/{guide.slug}/")
        assert page.locator("main a[href='tel:43266000']").count() == 1, guide.slug
        assert page.locator("img.guide-image").evaluate("img => img.complete && img.naturalWidth")
        assert _fits_the_screen(page), guide.slug
        assert _small_targets(page) == [], guide.slug
        assert axe_violations(page) == [], guide.slug
        screenshot(page, f"guidance-{guide.slug}", full_page=True)

    page.emulate_media(media="print")
    assert not page.locator("header.header").is_visible()
    assert not page.locator("footer").first.is_visible()
    assert page.locator("main a[href='tel:43266000']").is_visible()
    screenshot(page, "guidance-print", full_page=True)


def test_the_administrator_writes_the_centres_note(page, admin_user):
    page.set_viewport_size(PHONE)
    login(page, admin_user.username, PASSWORD)
    page.goto("/indstillinger/")
    page.get_by_role("link", name="Guides til borgere").click()
    page.wait_for_url("**/hjaelp/")
    page.locator(".guide-index a").first.click()
    page.get_by_role("link", name="Ret jobcentrets note").click()
    page.wait_for_url("**/hjaelp/selvbooking/note/")
    page.get_by_label("Jobcentrets note").fill("Ring <b>nu</b>")
    page.get_by_role("button", name="Gem").click()
    assert "HTML" in page.locator("#id_text_error").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Jobcentrets note").fill("Book gerne en tid om formiddagen.")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/hjaelp/selvbooking/")
    assert page.locator(".guide-note-text").inner_text() == "Book gerne en tid om formiddagen."
    assert _fits_the_screen(page)
    assert axe_violations(page) == []
