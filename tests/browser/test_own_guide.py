"""A team leader writes the team's own guide ("egen drejebog") at tablet width, by keyboard:
DKFDS inputs with their labels, axe finds nothing, the saved text reaches the guide."""

import pytest

from accounts.models import Role
from accounts.tests.factories import PASSWORD, StaffFactory
from centres.tests.factories import TeamFactory
from conversations.models import GuideTemplate
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_team_leader_writes_the_teams_own_guide_by_keyboard(page, centre):
    team = TeamFactory(job_centre=centre)
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=team)
    page.set_viewport_size({"width": 768, "height": 1024})
    login(page, leader.username, PASSWORD)
    page.goto("/samtaleguide/drejebog/")
    title = page.get_by_label("Fase 1: titel")
    assert "form-input" in (title.get_attribute("class") or "")
    assert page.get_by_label("Samtalens formål").count() == 1  # not a second "Fase 1: formål"
    assert axe_violations(page) == []
    title.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Velkomst")
    page.locator("main button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.locator(".alert-success").wait_for()
    assert GuideTemplate.objects.get(team=team).texts == {"kontrakt.title": "Velkomst"}
