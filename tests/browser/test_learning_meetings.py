"""A learning-group meeting as the team holds it: the team leader schedules it, opens the
facilitator view, starts it, watches the timer count down, writes notes and a learning point,
walks the agenda with "Next item" (by keyboard too), is refused an end with one focus area,
ends it with two, and a member then finds the focus areas and their own learning point. The
facilitator view passes axe, and runs under the real Content Security Policy."""

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from learning.models import LearningMeeting, MeetingStatus
from learning.selectors.meetings import home_meetings
from learning.tests.factories import team_with_members
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


def accessible(page) -> None:
    assert browser_conftest.axe_violations(page) == []


def saved(page, item_pk: int) -> None:
    page.wait_for_function(
        "id => document.getElementById('status-' + id).textContent.trim().length > 0",
        arg=item_pk,
    )


def test_a_meeting_runs_with_its_timer_and_ends_with_focus_areas_for_the_members(page):
    _team, leader, members = team_with_members(consultants=2)
    now = timezone.localtime()

    # The team leader schedules the meeting.
    browser_conftest.login(page, leader.username, PASSWORD)
    page.goto("/aktionslaering/moeder/nyt/")
    page.get_by_role("heading", level=1).wait_for()
    accessible(page)
    page.get_by_label(t("Date")).fill(now.date().isoformat())
    page.get_by_label(t("Time")).fill(now.strftime("%H:%M"))
    page.get_by_label(t("Place")).fill("Mødelokale 2")
    page.get_by_role("button", name=t("Schedule the meeting")).click()
    page.wait_for_url("**/aktionslaering/moeder/*/")
    meeting = LearningMeeting.objects.get()
    assert meeting.items.count() == 4

    # The facilitator view: start the meeting.
    page.get_by_role("link", name=t("Open the facilitator view")).click()
    page.wait_for_url(f"**/aktionslaering/moeder/{meeting.pk}/facilitator/")
    accessible(page)
    page.get_by_role("button", name=t("Start the meeting")).click()
    page.locator("#meeting-timer").wait_for()

    # The timer counts down from the server's start.
    clock = page.locator("[data-timer-clock]")
    first = clock.inner_text()
    assert first.startswith("10:00") or first.startswith("09:5")
    page.wait_for_function(
        "before => document.querySelector('[data-timer-clock]').textContent !== before",
        arg=first,
    )
    assert clock.inner_text() < first
    accessible(page)

    # Notes save as the facilitator types.
    welcome = meeting.items.get(position=1)
    page.get_by_label(t("Notes on this item")).fill("Formålet blev gennemgået.")
    saved(page, welcome.pk)

    # Next item, by keyboard: the first round.
    page.get_by_role("button", name=t("Next item")).focus()
    page.keyboard.press("Enter")
    first_round = meeting.items.get(position=2)
    page.locator("#current-heading", has_text=first_round.consultant.name).wait_for()
    assert page.locator("[data-timer-phase]").is_visible()  # when the reflection begins
    page.locator(f"#id_item{first_round.pk}_learning_point").fill("Tælle til fem.")
    saved(page, first_round.pk)
    accessible(page)

    # The second round is skipped; then the focus item.
    page.get_by_role("button", name=t("Next item")).click()
    second_round = meeting.items.get(position=3)
    page.locator("#current-heading", has_text=second_round.consultant.name).wait_for()
    page.get_by_role("button", name=t("Skip")).click()
    page.locator("#end-meeting").wait_for()
    accessible(page)

    # One focus area is not enough: refused, and nothing typed is lost.
    page.get_by_label(t("Focus area 1")).fill("Lad borgeren opsummere til sidst")
    page.get_by_label(t("Meeting minutes")).fill("Et godt møde.")
    page.get_by_role("button", name=t("End the meeting")).click()
    page.locator(".alert-error").wait_for()
    assert LearningMeeting.objects.get().status == MeetingStatus.RUNNING
    assert page.get_by_label(t("Meeting minutes")).input_value() == "Et godt møde."
    page.get_by_label(t("Focus area 2")).fill("Brug Jobloggen som udgangspunkt i status")
    page.get_by_role("button", name=t("End the meeting")).click()
    page.wait_for_url(f"**/aktionslaering/moeder/{meeting.pk}/")
    page.get_by_text("Brug Jobloggen som udgangspunkt i status").wait_for()

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ENDED
    assert meeting.focus_until is not None

    # Every member's home data has the focus areas; the member's page shows their own point.
    for member in members:
        home = home_meetings(user=member, today=timezone.localdate())
        assert [a.text for a in home["focus_areas"]] == [
            "Lad borgeren opsummere til sidst",
            "Brug Jobloggen som udgangspunkt i status",
        ]
    page.get_by_role("button", name=t("Log out")).first.click()
    browser_conftest.login(page, first_round.consultant.username, PASSWORD)
    page.goto(f"/aktionslaering/moeder/{meeting.pk}/")
    page.get_by_text("Lad borgeren opsummere til sidst").wait_for()
    page.get_by_text("Tælle til fem.").wait_for()
    accessible(page)


def test_the_facilitator_view_runs_under_the_content_security_policy(browser, live_server):
    _team, leader, _members = team_with_members(consultants=1)
    from learning.services.meetings import meeting_create, meeting_start

    meeting = meeting_create(team=_team, facilitator=leader, starts_at=timezone.now())
    meeting_start(meeting=meeting)
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    browser_conftest.login(page, leader.username, PASSWORD)
    page.goto(f"/aktionslaering/moeder/{meeting.pk}/facilitator/")
    first = page.locator("[data-timer-clock]").inner_text()
    page.wait_for_function(
        "before => document.querySelector('[data-timer-clock]').textContent !== before",
        arg=first,
    )
    context.close()
    assert problems == []
