"""On a phone-width screen a citizen sets job plan A, B and C and marks homework done."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from plans.models import Homework, JobTrack
from plans.tests.factories import HomeworkFactory, OccupationFactory, PlanFactory
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


@pytest.fixture
def setup(citizen):
    for title in ("Lagerarbejder", "Chauffør", "Butiksassistent", "Rengøringsassistent"):
        OccupationFactory(title=title)
    plan = PlanFactory(citizen=citizen)
    return HomeworkFactory(plan=plan, title="Ring til to virksomheder")


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_citizen_sets_plan_abc_and_marks_homework_done_on_a_phone(page, setup, citizen):
    page.set_viewport_size(PHONE)
    login(page, citizen.user.username, PASSWORD)
    page.goto("/min-plan/")
    assert _fits_the_screen(page)
    assert axe_violations(page) == []
    today = timezone.localdate()
    choices = {"A": "Lagerarbejder", "B": "Chauffør", "C": "Rengøringsassistent"}
    for i, (letter, title) in enumerate(choices.items()):
        label = str(JobTrack(letter=letter).get_letter_display())
        page.get_by_role("link", name=t("Change %(label)s").replace("%(label)s", label)).click()
        page.get_by_label(t("Occupations")).first.fill(title)
        if letter != "C":
            day = today + timedelta(days=60 * (i + 1))
            page.get_by_label(t("From which date will you also search in the next plan?")).fill(
                day.isoformat()
            )
        if letter == "A":
            assert _fits_the_screen(page)
            assert axe_violations(page) == []
        page.get_by_role("button", name=t("Save %(label)s").replace("%(label)s", label)).click()
        page.wait_for_url("**/min-plan/#job-plan")
    tracks = {t.letter: t for t in JobTrack.objects.prefetch_related("occupations")}
    assert {k: [o.title for o in v.occupations.all()] for k, v in tracks.items()} == {
        k: [v] for k, v in choices.items()
    }

    item = page.locator(f"#homework-{setup.pk}")
    item.get_by_label(t("Note (how did it go?)")).fill("Jeg ringede til Bilka og Netto")
    item.get_by_role("button", name=t("Mark as done")).click()
    page.get_by_text(t("Well done. The homework is marked as done.")).wait_for()
    homework = Homework.objects.get()
    assert homework.done_at is not None and homework.done_note == "Jeg ringede til Bilka og Netto"
    assert _fits_the_screen(page)
    assert axe_violations(page) == []
