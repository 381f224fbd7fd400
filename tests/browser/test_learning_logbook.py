"""A consultant opens the logbook, writes an entry with the keyboard only, finds it again with
the technique filter and shares it with the learning group (htmx, focus stays on the switch).
Every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from learning.models import LogbookEntry
from learning.selectors.team_setup import techniques_of
from learning.tests.factories import LogbookEntryFactory, team_with_members
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


def test_a_consultant_writes_an_entry_with_the_keyboard_and_finds_it_again(page):
    _, _, (consultant,) = team_with_members(1)
    techniques = list(techniques_of(team=consultant.team))
    curious = next(x for x in techniques if x.name == "Nysgerrige spørgsmål")
    LogbookEntryFactory(
        consultant=consultant,
        technique=techniques[0],
        what_happened="En gammel kontrakt-øvelse",
        date=timezone.localdate() - timedelta(days=3),
    )
    login(page, consultant.username, PASSWORD)
    page.goto("/aktionslaering/")
    page.get_by_role("heading", name=t("Write in the logbook")).wait_for()
    assert axe_violations(page) == []

    page.locator("#id_technique").focus()
    page.keyboard.type("Nys")
    page.keyboard.press("Tab")  # the conversation: none
    page.keyboard.press("Tab")
    page.keyboard.type("Jeg ventede med mine egne idéer.")
    page.keyboard.press("Tab")
    page.keyboard.type("Borgeren fandt selv på tre virksomheder.")
    page.keyboard.press("Tab")  # the self-rating: first choice, then the arrows
    page.keyboard.press("Space")
    for _step in range(6):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.type("Spørge til netværket først.")
    page.keyboard.press("Tab")  # shared: left private
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    entry = LogbookEntry.objects.get(technique=curious)
    assert (entry.consultant, entry.score, entry.shared) == (consultant, 7, False)
    assert entry.date == timezone.localdate()
    assert entry.what_happened == "Jeg ventede med mine egne idéer."
    assert entry.next_step == "Spørge til netværket først."
    page.locator(f"#indlaeg-{entry.pk}").wait_for()
    assert axe_violations(page) == []

    page.locator(".logbook-filter summary").click()
    page.locator("#id_teknik").select_option(label="Nysgerrige spørgsmål")
    with page.expect_navigation():
        page.locator(".logbook-filter button[type=submit]").click()
    assert f"teknik={curious.pk}" in page.url
    entries = page.locator(".logbook-entries > li")
    assert entries.count() == 1
    assert "Jeg ventede med mine egne idéer." in entries.first.inner_text()
    assert axe_violations(page) == []

    switch = page.locator(f"#deling-knap-{entry.pk}")
    switch.focus()
    page.keyboard.press("Enter")
    page.get_by_text(t("Shared with the learning group"), exact=True).wait_for()
    assert page.evaluate("document.activeElement.id") == f"deling-knap-{entry.pk}"
    entry.refresh_from_db()
    assert entry.shared

    page.goto("/aktionslaering/logbog/delt/")
    page.get_by_text("Jeg ventede med mine egne idéer.").wait_for()
    assert axe_violations(page) == []
