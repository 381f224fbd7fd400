"""The manager sets a target with the keyboard only: a share of 140 % is refused with the allowed
range, 75 % is set, and the target shows its progress and that it is reached. The targets and
implementation pages pass axe, and a milestone is marked as reached without leaving the page."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from centres.tests.factories import TeamFactory
from kpis.models import Milestone, Target
from kpis.tests.factories import (
    ImplementationPlanFactory,
    ManagerFactory,
    MilestoneFactory,
    SnapshotFactory,
)
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


@pytest.fixture
def manager(centre):
    return ManagerFactory(job_centre=centre, username="leder", name="Peter Lykke Andersen")


def test_the_manager_sets_a_target_with_the_keyboard_and_sees_it_reached(page, manager):
    centre = manager.job_centre
    team = TeamFactory(job_centre=centre, name="Jobparate dagpenge")
    this_month = timezone.localdate().replace(day=1)
    SnapshotFactory(
        job_centre=centre, team=team, period_start=this_month, numerator=18, denominator=20
    )
    browser_conftest.login(page, manager.username, PASSWORD)
    page.goto("/ledelse/maal/")
    page.get_by_role("heading", level=1, name=t("Targets")).wait_for()
    assert browser_conftest.axe_violations(page) == []

    page.get_by_role("link", name=t("Set a target")).focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name=t("Set a target")).wait_for()
    assert browser_conftest.axe_violations(page) == []

    hint = page.locator("#id_value_helptext")
    page.get_by_label(t("Figure")).focus()
    page.keyboard.press("ArrowDown")  # the first figure: the self-booking share
    assert page.get_by_label(t("Figure")).input_value() == "self_booking_share"
    assert "100" in hint.inner_text()  # the unit follows the figure
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first team
    page.keyboard.press("Tab")
    page.keyboard.type("140")
    page.keyboard.press("Enter")

    summary = page.locator('[data-module="error-summary"]')
    summary.wait_for()
    assert "100 %" in summary.inner_text()
    assert not Target.objects.exists()
    value = page.get_by_label(t("Target"), exact=True)
    assert value.input_value() == "140"  # what was typed is kept
    assert page.get_by_label(t("For")).input_value() == str(team.pk)
    assert browser_conftest.axe_violations(page) == []

    value.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("75")
    page.keyboard.press("Enter")

    page.wait_for_url("**/ledelse/maal/#target-*")
    target = Target.objects.get()
    row = page.locator(f"#target-{target.pk}")
    row.wait_for()
    assert row.get_attribute("data-reached") == "yes"
    text = row.inner_text()
    assert "Jobparate dagpenge" in text and "90,0 %" in text and t("Reached") in text
    assert page.locator("#targets-reached").get_by_text("Jobparate dagpenge").count() == 1
    assert browser_conftest.axe_violations(page) == []


def test_a_milestone_is_marked_reached_in_place(page, manager):
    plan = ImplementationPlanFactory(
        job_centre=manager.job_centre, steering_group="Peter Lykke Andersen\nSusanne Winther"
    )
    today = timezone.localdate()
    milestone = MilestoneFactory(
        plan=plan, title="Kursus i samtaleteknikker", due_on=today - dt.timedelta(days=2)
    )
    browser_conftest.login(page, manager.username, PASSWORD)
    page.goto("/ledelse/implementering/")
    page.get_by_role("heading", level=1, name=t("Implementation plan")).wait_for()
    assert browser_conftest.axe_violations(page) == []

    row = page.locator(f"#milestone-{milestone.pk}")
    row.get_by_role("button").first.click()
    page.locator(f'#milestone-{milestone.pk}[data-done="yes"]').wait_for()
    status = page.locator("#milestones-status")
    assert "Kursus i samtaleteknikker" in status.inner_text()
    # htmx settles (and the script moves focus) a moment after the swap.
    page.wait_for_function("document.activeElement.id === 'milestones-status'")
    milestone.refresh_from_db()
    assert milestone.done_on == today
    assert Milestone.objects.count() == 1
    assert browser_conftest.axe_violations(page) == []
