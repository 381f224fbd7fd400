"""What a person sees: each role's home page, the pages in its menu, accessibility, keyboard
use, phone width, the language switch, double clicks and the lookup log."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests.factories import PASSWORD, StaffFactory, app_device_for, next_code
from centres.models import Team
from citizens.tests.factories import CitizenFactory
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(centre):
    consultant = StaffFactory(job_centre=centre, username="konsulent", name="Karina Lund")
    citizen = CitizenFactory(
        job_centre=centre,
        responsible_consultant=consultant,
        user__username="borger",
        user__name="Birgitte Holm Jensen",
    )
    CitizenFactory(job_centre=centre)
    users = {Role.CITIZEN: citizen.user, Role.JOB_CONSULTANT: consultant}
    for role in Role:
        users.setdefault(role, StaffFactory(job_centre=centre, role=role, username=role.value))
    return users


@pytest.mark.parametrize("role", list(Role))
def test_each_role_home_and_menu_pages_pass_axe(page, people, role):
    login(page, people[role].username, PASSWORD)
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "da"
    menu = page.locator("nav.nav a.nav-link")
    urls = [menu.nth(i).get_attribute("href") for i in range(menu.count())]
    assert urls, "every role has a menu"
    for url in urls:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert axe_violations(page) == [], url


def test_login_page_passes_axe_and_works_by_keyboard_alone(page, people):
    page.goto("/konto/log-ind/")
    assert axe_violations(page) == []
    skip_link = page.get_by_role("link", name="Gå til sideindhold")
    assert skip_link.get_attribute("href") == "#main-content"
    expect(page.get_by_label("Brugernavn")).to_be_focused()  # the form takes the focus
    device = app_device_for(people[Role.JOB_CONSULTANT])
    page.keyboard.type("konsulent")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/totrin/bekraeft/**")  # staff give their second factor
    assert axe_violations(page) == []
    page.keyboard.type(next_code(device))  # the code field has the focus
    page.keyboard.press("Enter")
    page.wait_for_url("**/")
    expect(page.locator("h1")).to_contain_text("Goddag, Karina Lund")


def test_wrong_password_shows_a_danish_error(page, people):
    login_url = "/konto/log-ind/"
    page.goto(login_url)
    page.get_by_label("Brugernavn").fill("konsulent")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Brugernavnet eller adgangskoden er forkert")).to_be_visible()
    assert axe_violations(page) == []


def test_phone_width_has_a_menu_and_no_sideways_scroll(browser, live_server, people):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    login(page, "konsulent", PASSWORD)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_role("button", name="Menu").first.click()
    expect(page.locator(".navigation-menu-mobile a", has_text="Borgere")).to_be_visible()
    context.close()


def test_no_csp_violations_on_the_pages(browser, live_server, people):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    login(page, "administrator", PASSWORD)
    for url in ["/", "/indstillinger/", "/indstillinger/medarbejdere/", "/borgere/"]:
        page.goto(url)
    context.close()
    assert problems == []


def test_language_switch(page, people):
    page.goto("/konto/log-ind/")
    page.get_by_role("button", name=re.compile("English")).click()
    expect(page.locator("h1")).to_have_text("Log in to Jobsamtale")
    assert page.locator("html").get_attribute("lang") == "en"


def test_double_click_creates_one_team(page, people):
    login(page, "administrator", PASSWORD)
    page.goto("/indstillinger/teams/")
    page.get_by_label("Navn").fill("Ungeteam")
    page.get_by_role("button", name="Opret").dblclick()
    expect(page.get_by_text("Teamet Ungeteam er oprettet")).to_be_visible()
    assert Team.objects.filter(name="Ungeteam").count() == 1


def test_staff_lookup_shows_on_the_citizens_page(page, people):
    login(page, "konsulent", PASSWORD)
    page.goto("/borgere/")
    page.get_by_label("Søg på navn eller CPR-nummer").fill("Birgitte")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name="Birgitte Holm Jensen").first.click()
    expect(page.locator("h1")).to_have_text("Birgitte Holm Jensen")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Log af").first.click()
    login(page, "borger", PASSWORD)
    page.goto("/mine-oplysninger/hvem-har-set/")
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("Karina Lund")
    expect(row).to_contain_text("Jobkonsulent")
    expect(row).to_contain_text("Sagsbehandling")
    assert axe_violations(page) == []


def test_registering_a_citizen_with_bad_input_keeps_what_was_typed(page, people):
    login(page, "konsulent", PASSWORD)
    page.goto("/borgere/opret/")
    page.get_by_label("Fulde navn").fill("Mette Hansen")
    page.get_by_label("CPR-nummer").fill("321390-1234")
    page.get_by_role("button", name="Opret").click()
    expect(page.get_by_text("Indtast et gyldigt CPR-nummer").first).to_be_visible()
    expect(page.get_by_label("Fulde navn")).to_have_value("Mette Hansen")
    assert axe_violations(page) == []
