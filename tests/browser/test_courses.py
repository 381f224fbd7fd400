"""At the company, on a tablet (768 px): the consultant fills in the agreement with the company's
contact, the contact approves with their name, the consultant approves for the job centre, and
the course is approved. Every page passes axe and fits the screen."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.tests.factories import PASSWORD
from courses.models import Course, Party, Status
from labour.tests.factories import CompanyFactory, ContactFactory
from tests.browser import conftest as browser_conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    assert browser_conftest.axe_violations(page) == []


def test_an_agreement_is_made_and_approved_by_both_on_a_tablet(page, consultant, citizen):
    company = CompanyFactory(job_centre=citizen.job_centre, name="Lager X")
    ContactFactory(company=company, name="Mette Hansen", title="Lagerchef")
    first = timezone.localdate() + timedelta(days=7)
    page.set_viewport_size(TABLET)
    browser_conftest.login(page, consultant.username, PASSWORD)

    page.goto(f"/forloeb/nyt/?virksomhed={company.public_id}")
    page.get_by_role("heading", name=t("New course")).wait_for()
    fits(page)
    page.get_by_label(t("Citizen")).select_option(label=citizen.name)
    page.get_by_label(t("Internship")).check()
    page.get_by_label(t("First day")).fill(first.isoformat())
    page.get_by_label(t("Last day")).fill((first + timedelta(days=13)).isoformat())
    page.get_by_label(t("Hours per week")).fill("30")
    page.get_by_label(t("Tasks")).fill("Plukke varer og pakke ordrer")
    page.get_by_label("Mette Hansen (Lagerchef)").check()
    page.locator("#id_mentor_name").fill("Ole Mentor")
    for button in page.locator(".course-actions .button").all():
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44
    page.get_by_role("button", name=t("Save and go to approval")).click()

    page.get_by_role("heading", name=t("Approve the agreement")).wait_for()
    fits(page)
    page.get_by_text("Plukke varer og pakke ordrer").first.wait_for()
    company_block = page.locator("section", has=page.locator("#company-approval"))
    company_block.get_by_label("Mette Hansen (Lagerchef)").check()
    company_block.get_by_label(t("I approve the agreement"), exact=True).check()
    company_block.get_by_role("button", name=t("Approve for the company")).click()
    page.get_by_text("Mette Hansen (Lager X)").wait_for()

    centre_block = page.locator("section", has=page.locator("#centre-approval"))
    centre_block.get_by_label(t("I approve the agreement on behalf of the job centre")).check()
    centre_block.get_by_role("button", name=t("Approve for the job centre")).click()
    page.get_by_text(t("The agreement is approved by both parties.")).wait_for()
    assert page.locator(".course-status").first.inner_text() == t("Approved")
    fits(page)

    course = Course.objects.get()
    assert course.status == Status.APPROVED
    approvals = {a.party: a for a in course.approvals.all()}
    assert approvals[Party.COMPANY].approved_by_name == "Mette Hansen"
    assert approvals[Party.JOB_CENTRE].approved_by_user == consultant
