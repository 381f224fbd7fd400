"""The citizen goes through this week's job suggestions: marks one seen, one not relevant with
a reason, and saves one to the Joblog from a filled-in form; then the week is checked. Every
page passes axe."""

import pytest
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from joblog.models import JoblogEntry
from joblog.tests.factories import OccupationFactory
from suggestions.models import Reason, Status
from suggestions.tests.factories import BatchFactory, SuggestionFactory
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


@pytest.fixture
def suggestions(citizen):
    nurse = OccupationFactory(title="Sygeplejerske", disco_code="2221")
    batch = BatchFactory(citizen=citizen)
    return [
        SuggestionFactory(
            batch=batch,
            rank=rank,
            opening__title=title,
            opening__employer_name=employer,
            opening__occupation=nurse,
            opening__url="https://job.example/opslag",
            opening__description="Vi søger en sygeplejerske til vores afdeling.",
            why="Du søger job som sygeplejerske · 6 km fra Brøndby",
            distance_km=6,
        )
        for rank, (title, employer) in enumerate(
            [
                ("Sygeplejerske til medicinsk afdeling", "Hvidovre Hospital"),
                ("Sygeplejerske i hjemmeplejen", "Brøndby Kommune"),
                ("Sygeplejerske til akutklinikken", "Glostrup Hospital"),
            ],
            start=1,
        )
    ]


def test_the_citizen_checks_this_weeks_suggestions(page, citizen, suggestions):
    seen, away, keep = suggestions
    browser_conftest.login(page, citizen.user.username, PASSWORD)
    page.goto("/jobforslag/")
    page.get_by_role("heading", name=t("This week's job suggestions")).wait_for()
    assert browser_conftest.axe_violations(page) == []

    card = page.locator(f"#forslag-{seen.pk}")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        card.get_by_role("button", name=t("Seen")).click()
    page.locator(f"#forslag-{seen.pk} .suggestion-answer").get_by_text(t("Seen")).wait_for()

    card = page.locator(f"#forslag-{away.pk}")
    card.locator("summary").filter(has_text=t("Not relevant")).click()
    card.get_by_label(t("Why is it not relevant?")).select_option(Reason.TOO_FAR.value)
    card.get_by_label(t("Anything to add?")).fill("Over en time med bus")
    card.get_by_role("button", name=t("Save the answer")).click()
    page.locator(f"#forslag-{away.pk} .suggestion-answer").get_by_text(
        "Over en time med bus", exact=False
    ).wait_for()
    assert browser_conftest.axe_violations(page) == []

    page.locator(f"#forslag-{keep.pk}").get_by_role("link", name=t("Save in Joblog")).click()
    page.get_by_role("heading", name=t("Save in Joblog")).wait_for()
    assert page.get_by_label(t("Employer")).input_value() == "Glostrup Hospital"
    assert browser_conftest.axe_violations(page) == []
    page.get_by_role("button", name=t("Save in the Joblog")).click()
    page.wait_for_url("**/jobforslag/#forslag-*")
    page.locator(f"#forslag-{keep.pk}").get_by_role(
        "link", name=t("See the Joblog entry")
    ).wait_for()
    page.locator(f"#batch-status-{seen.batch_id} .alert-success").wait_for()
    assert browser_conftest.axe_violations(page) == []

    for suggestion in suggestions:
        suggestion.refresh_from_db()
    assert [s.status for s in suggestions] == [Status.SEEN, Status.NOT_RELEVANT, Status.SAVED]
    assert (away.reason, away.reason_text) == (Reason.TOO_FAR, "Over en time med bus")
    entry = JoblogEntry.objects.get(citizen=citizen)
    assert (keep.joblog_entry, entry.employer) == (entry, "Glostrup Hospital")
    seen.batch.refresh_from_db()
    assert seen.batch.checked_at is not None
