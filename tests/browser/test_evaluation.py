"""On a phone the citizen taps a number on the 1-10 scale, writes a few words and is thanked;
the page passes axe, fits the screen and every choice is a large target."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from evaluations.models import Evaluation
from evaluations.tests.conftest import held_booking
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def booking(citizen, consultant):
    return held_booking(citizen, consultant, day=timezone.localdate() - timedelta(days=1))


PHONE = {"width": 390, "height": 844}


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


def test_the_citizen_answers_on_a_phone(page, booking):
    page.set_viewport_size(PHONE)
    browser_conftest.login(page, booking.citizen.user.username, PASSWORD)
    page.goto(f"/samtaler/{booking.public_id}/vurdering/")
    page.get_by_role("heading", name=t("How did this conversation work for you today?")).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert browser_conftest.axe_violations(page) == []
    labels = page.locator(".evaluation-scale .form-radio + label")
    assert labels.count() == 10
    for i in range(10):
        box = labels.nth(i).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 200

    page.get_by_label(t("10 - very good")).check()
    page.get_by_label(t("Would you like to say more?")).fill("Jeg blev hørt")
    page.get_by_role("button", name=t("Send my answer")).click()
    page.get_by_role("heading", name=t("Thank you for your answer")).wait_for()
    assert browser_conftest.axe_violations(page) == []
    evaluation = Evaluation.objects.get()
    assert (evaluation.score, evaluation.words) == (10, "Jeg blev hørt")
