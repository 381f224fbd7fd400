"""Observation and feedback, as the people do it: the consultant asks the team leader to sit in
on a coming conversation, the team leader accepts, the consultant records the citizen's consent;
once the conversation has begun the team leader gives feedback with the team's template, and
the consultant reads and acknowledges it. The pages pass axe and never show the citizen."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from booking.models import Booking
from learning.models import ConsentMethod, Observation, ObservationStatus
from learning.selectors.team_setup import feedback_questions_of, techniques_of
from learning.tests.factories import conversation_of, team_with_members
from tests.browser.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


def clean(page, booking) -> None:
    assert axe_violations(page) == []
    content = page.content()
    assert booking.citizen.user.name not in content and booking.citizen.cpr not in content


def test_a_consultant_is_observed_by_the_team_leader_and_acknowledges_the_feedback(
    browser, page, live_server
):
    team, leader, (consultant, *_) = team_with_members(consultants=2)
    day = timezone.localdate() + timedelta(days=2)
    start = datetime.combine(day, time(10, 0), tzinfo=timezone.get_current_timezone())
    booking = conversation_of(consultant, start=start)
    technique = techniques_of(team=team).first()
    questions = list(feedback_questions_of(team=team))

    # The consultant asks the team leader.
    login(page, consultant.username, PASSWORD)
    page.goto("/aktionslaering/observationer/")
    clean(page, booking)
    page.locator("#ask-for-observation").click()
    page.wait_for_url("**/observationer/ny/")
    clean(page, booking)
    page.locator(f'input[name="booking"][value="{booking.public_id}"]').check()
    page.locator("#id_observer").select_option(value=str(leader.pk))
    page.locator("#id_technique").select_option(value=str(technique.pk))
    page.get_by_label(t("What to look for")).fill("Se på, hvordan jeg laver kontrakt")
    page.get_by_role("button", name=t("Send the request")).click()
    page.wait_for_url(re.compile(r".*/observationer/\d+/$"))
    observation = Observation.objects.get()
    clean(page, booking)
    assert observation.observer == leader and observation.technique == technique

    # The team leader accepts.
    context = browser.new_context(base_url=live_server.url, locale="da-DK", bypass_csp=True)
    lead = context.new_page()
    login(lead, leader.username, PASSWORD)
    lead.goto("/aktionslaering/observationer/")
    lead.get_by_role("link", name=t("Accept or decline")).click()
    lead.wait_for_url(re.compile(rf".*/observationer/{observation.pk}/#answer$"))
    assert booking.room.name in lead.content()  # where to go
    clean(lead, booking)
    lead.locator("#accept").click()
    lead.locator(".alert-success").wait_for()
    observation.refresh_from_db()
    assert observation.status == ObservationStatus.ACCEPTED

    # The consultant records the citizen's consent.
    page.reload()
    page.get_by_label(t("Orally, before the conversation")).check()
    page.get_by_label(
        t("The citizen has said yes to a colleague sitting in on the conversation")
    ).check()
    clean(page, booking)
    page.get_by_role("button", name=t("Record the consent")).click()
    page.locator(".alert-success").wait_for()
    observation.refresh_from_db()
    assert observation.consent_method == ConsentMethod.ORAL and observation.consent_at

    # The conversation begins (moved in time) and the team leader gives feedback.
    began = timezone.now() - timedelta(minutes=20)
    Booking.objects.filter(pk=booking.pk).update(
        start=began, end=began + timedelta(minutes=45), blocked_until=began + timedelta(hours=1)
    )
    lead.goto(f"/aktionslaering/observationer/{observation.pk}/")
    lead.locator("#give-feedback").click()
    lead.wait_for_url("**/feedback/")
    lead.locator("#feedback-form").wait_for()
    clean(lead, booking)
    lead.get_by_label(questions[0].text).fill("Formålet blev aftalt, og borgeren kom med ønsker.")
    lead.get_by_label(t("One thing that went well")).fill("Du lod borgeren sætte dagsordenen.")
    lead.get_by_label(t("One thing to try next time")).fill("Lad borgeren selv opsummere.")
    lead.get_by_role("button", name=t("Give the feedback")).click()
    lead.wait_for_url(re.compile(rf".*/observationer/{observation.pk}/#feedback$"))
    lead.locator("#feedback").wait_for()
    context.close()
    observation.refresh_from_db()
    assert observation.status == ObservationStatus.FEEDBACK_GIVEN
    assert observation.answers[0]["question"] == questions[0].text

    # The consultant reads it and acknowledges.
    page.goto("/aktionslaering/observationer/")
    page.get_by_role("link", name=t("Read and acknowledge the feedback")).click()
    page.get_by_text("Du lod borgeren sætte dagsordenen.").wait_for()
    clean(page, booking)
    page.get_by_label(t("Your thoughts on the feedback")).fill("Tak, det prøver jeg.")
    page.locator("#acknowledge").click()
    page.locator(".alert-success").wait_for()
    observation.refresh_from_db()
    assert observation.status == ObservationStatus.ACKNOWLEDGED
    assert observation.acknowledgement == "Tak, det prøver jeg."
