"""The job-oriented conversation end to end, as the issue checks it: the consultant prepares
a conversation and sees the CV occupation the Joblog misses, runs the guide (notes save as
they type, and a closed tab loses nothing), writes two agreements and one homework, finishes;
the citizen finds them in Min Plan and evaluates; the consultant sees the answer nowhere."""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from booking.models import Status
from booking.tests.factories import BookingFactory
from conversations.models import GuideNote
from cv.models import CV, SoughtOccupation
from evaluations.models import Evaluation
from joblog.tests.factories import EntryFactory
from plans.models import Agreement, Homework
from plans.tests.factories import OccupationFactory, PlanFactory
from tests.browser.conftest import axe_violations, eventually, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    with override("da"):
        return _(text)


@pytest.fixture
def conversation(citizen, consultant):
    warehouse = OccupationFactory(title="Lagerarbejder")
    truck = OccupationFactory(title="Truckfører")
    cv = CV.objects.create(citizen=citizen)
    SoughtOccupation.objects.create(cv=cv, occupation=warehouse, years_experience=4)
    SoughtOccupation.objects.create(cv=cv, occupation=truck)
    today = timezone.localdate()
    for days in range(1, 30, 4):
        EntryFactory(citizen=citizen, occupation=warehouse, date=today - timedelta(days=days))
    PlanFactory(citizen=citizen)
    return BookingFactory(
        citizen=citizen,
        consultant=consultant,
        start=timezone.now() - timedelta(minutes=10),
        talk_about="Hvordan kommer jeg videre med lagerjob?",
    )


def test_prepare_run_the_guide_and_the_citizen_evaluates(browser, page, conversation, citizen):
    consultant = conversation.consultant
    page.set_default_timeout(20_000)  # a busy machine; nothing here waits on purpose
    login(page, consultant.username, PASSWORD)
    # The conversation's own day: ten minutes after midnight, it began yesterday.
    page.goto(f"/kalender/?dag={timezone.localdate(conversation.start).isoformat()}")
    page.get_by_role("link", name=t("Prepare")).first.click()
    page.wait_for_url("**/forbered/")
    sentence = t(
        '%(occupation)s is under "I am looking for a job as", but there are no '
        "applications as %(as)s in the last %(weeks)d weeks."
    ) % {"occupation": "Truckfører", "as": "truckfører", "weeks": 12}
    page.get_by_text(sentence).wait_for()
    assert axe_violations(page) == []

    page.goto(f"/kalender/samtale/{conversation.public_id}/samtaleguide/")
    assert axe_violations(page) == []
    purpose = page.locator("#id_purpose_text")
    purpose.fill("Lagerjob og truckkørsel")
    page.locator("#status-purpose").get_by_text(t("Saved at %(time)s").split(" %")[0]).wait_for()
    assert GuideNote.objects.get(field="purpose").text == "Lagerjob og truckkørsel"

    for text in ("Søg to lagerjob om ugen", "Undersøg truckcertifikat"):
        page.locator("#id_aftale-text").fill(text)
        page.get_by_role("button", name=t("Add agreement")).click()
        page.locator("#outputs").get_by_text(text).wait_for()
    page.locator("#id_opgave-title").fill("Opdatér CV'et")
    page.locator("#id_opgave-due").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name=t("Add homework")).click()
    page.locator("#outputs").get_by_text("Opdatér CV'et").wait_for()
    assert Agreement.objects.filter(conversation=conversation).count() == 2
    assert Homework.objects.filter(conversation=conversation).count() == 1

    base = page.url.split("/kalender")[0]
    # Typing and closing the tab before the autosave fires: the beacon saves it.
    page.locator("#id_summary_text").type("Borgeren opsummerer selv")
    page.close(run_before_unload=True)
    summary = eventually(lambda: GuideNote.objects.filter(field="summary").first())
    assert summary.text == "Borgeren opsummerer selv"

    context = browser.new_context(base_url=base, locale="da-DK", bypass_csp=True)
    staff = context.new_page()
    login(staff, consultant.username, PASSWORD)
    staff.goto(f"/kalender/samtale/{conversation.public_id}/samtaleguide/")
    staff.get_by_role("button", name=t("Finish the conversation")).click()
    staff.wait_for_url("**/journal/")
    conversation.refresh_from_db()
    assert conversation.status == Status.HELD
    context.close()

    context = browser.new_context(base_url=base, locale="da-DK", bypass_csp=True)
    own = context.new_page()
    login(own, citizen.user.username, PASSWORD)
    own.goto("/min-plan/")
    own.set_default_timeout(20_000)
    for text in ("Søg to lagerjob om ugen", "Undersøg truckcertifikat", "Opdatér CV'et"):
        own.get_by_text(text).first.wait_for()
    own.goto(f"/samtaler/{conversation.public_id}/vurdering/")
    assert axe_violations(own) == []
    own.get_by_label("8", exact=True).check()
    own.get_by_label(t("Would you like to say more?")).fill("Rigtig god og konkret samtale")
    own.get_by_role("button", name=t("Send my answer")).click()
    own.get_by_role("heading", name=t("Thank you for your answer")).wait_for()
    assert Evaluation.objects.get().score == 8
    context.close()


def test_the_guide_keeps_the_joblog_beside_the_phases(browser, page, conversation):
    """Issue 22: the Joblog, the plan and the CV beside the phases; the phase links stand
    apart; the progression line follows the next step as it saves; on a phone the side
    panel's boxes start closed."""
    page.set_default_timeout(20_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, conversation.consultant.username, PASSWORD)
    page.goto(f"/kalender/samtale/{conversation.public_id}/samtaleguide/")
    panel = page.locator("#panel-joblog")
    assert panel.is_visible() and "Lagerarbejder" in panel.inner_text()
    assert page.locator(".guide-aside").bounding_box()["x"] > 600  # beside, not below
    links = page.locator(".guide-phases a")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert [links.nth(i).inner_text() for i in range(2)] == [
        "1. " + t("Contract and start"),
        "2. Status",
    ]
    for left, right in pairwise(boxes):
        assert left["y"] != right["y"] or left["x"] + left["width"] + 8 < right["x"]
    assert axe_violations(page) == []
    page.locator("#id_next_step_text").fill("Vi ses om tre uger")
    page.locator("#next-step-state").get_by_text(t("next step written")).wait_for()

    page.set_viewport_size({"width": 400, "height": 800})
    page.reload()
    assert page.locator("#panel-joblog").get_attribute("open") is None
    page.locator("#panel-joblog summary").click()
    assert page.locator("#panel-joblog").get_attribute("open") is not None
