"""Everyone contributes, business consultants curate (issue 22): a job consultant's tip, a
company, a knowledge note and a wheel need wait in "Nyt fra kolleger"; duplicates and bad
input are refused in Danish with nothing saved."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from labour import selectors
from labour.models import Company, ContributionStatus, JobOpening, KnowledgeNote, WheelEvent
from labour.tests.factories import CompanyFactory, OpeningFactory, WheelEventFactory

pytestmark = pytest.mark.django_db


def tip(employer, **changes):
    data = {
        "title": "Chauffør til kørsel med varer",
        "company": str(employer.pk) if employer else "",
        "employer_name": "",
        "occupation": "",
        "postcode": "2605",
        "town": "",
        "valid_through": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "employment_type": "FULL_TIME",
        "positions": "1",
        "description": "En borger hørte om jobbet hos virksomheden.",
        "contact": "",
        "url": "",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


@pytest.fixture
def company(centre):
    return CompanyFactory(job_centre=centre, name="Fragt Syd ApS")


@pytest.fixture
def jc_client(client, consultant):
    client.force_login(consultant)
    return client


def test_a_job_consultants_tip_waits_for_review_and_a_business_consultant_confirms_it(
    client, consultant, business_consultant, company
):
    client.force_login(consultant)
    response = client.post(reverse("labour:opening_create"), tip(company))
    assert response.status_code == 302
    opening = JobOpening.objects.get()
    assert opening.status == ContributionStatus.PROPOSED
    assert opening.added_by == consultant
    assert opening.consultant is None
    board = client.get(reverse("labour:board"))
    assert "Chauffør til kørsel med varer" in board.text  # on the board at once, marked
    detail = client.get(reverse("labour:opening", args=[opening.public_id])).text
    assert f"Tilføjet af {consultant.name}" in detail
    assert client.get(reverse("labour:colleagues")).status_code == 403

    client.force_login(business_consultant)
    inbox = client.get(reverse("labour:colleagues"))
    assert inbox.status_code == 200
    assert "Chauffør til kørsel med varer" in inbox.text
    assert consultant.name in inbox.text
    review = reverse("labour:review", args=["stilling", opening.public_id])
    assert client.post(review, {"action": "confirm"}).status_code == 302
    opening.refresh_from_db()
    assert opening.status == ContributionStatus.CONFIRMED
    assert opening.reviewed_by == business_consultant
    assert "Chauffør" not in client.get(reverse("labour:colleagues")).text
    # Reviewed once: a second click is a Danish message, nothing changed.
    again = client.post(review, {"action": "reject"})
    assert again.status_code == 400
    opening.refresh_from_db()
    assert opening.status == ContributionStatus.CONFIRMED


def test_a_business_consultants_own_opening_is_confirmed_at_once(bc_client, company):
    assert bc_client.post(reverse("labour:opening_create"), tip(company)).status_code == 302
    assert JobOpening.objects.get().status == ContributionStatus.CONFIRMED


def test_a_tip_is_merged_into_the_opening_already_there(jc_client, business_consultant, company):
    there = OpeningFactory(job_centre=company.job_centre, company=company, title="Chauffør C")
    jc_client.post(reverse("labour:opening_create"), tip(company, title="Chauffør med C-kort"))
    proposed = JobOpening.objects.get(status=ContributionStatus.PROPOSED)
    jc_client.force_login(business_consultant)
    inbox = jc_client.get(reverse("labour:colleagues")).text
    assert "Chauffør C" in inbox  # offered as the one to merge into
    review = reverse("labour:review", args=["stilling", proposed.public_id])
    response = jc_client.post(review, {"action": "merge", "into": str(there.public_id)})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == ContributionStatus.MERGED
    assert proposed.merged_into == there
    assert proposed.valid_through < timezone.localdate()  # off the board


@pytest.mark.parametrize("employer", ["Lager Nord ApS", "Østerby Lager ApS"])
def test_a_tip_for_an_employer_without_a_company_is_offered_its_alike(
    consultant, business_consultant, centre, employer
):
    there = OpeningFactory(job_centre=centre, company=None, employer_name=employer, title="Lager")
    OpeningFactory(
        job_centre=centre, company=None, employer_name=employer, title="Et tip",
        status=ContributionStatus.PROPOSED, added_by=consultant,
    )  # fmt: skip
    proposed = selectors.proposed_for(user=business_consultant, today=timezone.localdate())
    [(_tip, alike)] = proposed.openings
    assert alike == [there]


def test_a_rejected_tip_leaves_the_board(jc_client, business_consultant, company):
    jc_client.post(reverse("labour:opening_create"), tip(company))
    opening = JobOpening.objects.get()
    jc_client.force_login(business_consultant)
    review = reverse("labour:review", args=["stilling", opening.public_id])
    assert jc_client.post(review, {"action": "reject"}).status_code == 302
    opening.refresh_from_db()
    assert opening.status == ContributionStatus.REJECTED
    assert "Chauffør til kørsel" not in jc_client.get(reverse("labour:board")).text


def test_the_same_company_and_title_is_a_duplicate_with_a_link(jc_client, company):
    there = OpeningFactory(
        job_centre=company.job_centre, company=company, title="Chauffør til kørsel med varer"
    )
    response = jc_client.post(
        reverse("labour:opening_create"), tip(company, title="  chauffør til  KØRSEL med varer ")
    )
    assert response.status_code == 400
    assert "er allerede på jobtavlen" in response.text
    assert reverse("labour:opening", args=[there.public_id]) in response.text
    assert JobOpening.objects.count() == 1


def test_the_same_cvr_is_a_duplicate_with_a_link(jc_client, company):
    response = jc_client.post(
        reverse("labour:company_create"),
        {
            "cvr": company.cvr,
            "name": "Fragt Syd",
            "industry": "",
            "address": "",
            "postcode": "",
            "town": "",
            "submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 400
    assert "har allerede dette CVR-nummer" in response.text
    assert reverse("labour:company", args=[company.public_id]) in response.text
    assert Company.objects.count() == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"company": "", "employer_name": ""}, "Vælg virksomheden"),
        ({"valid_through": "2020-01-01"}, "Ansøgningsfristen er overskredet"),
        ({"valid_through": "9999-01-01"}, None),
        ({"title": "Chauffør\x00"}, None),
    ],
)
def test_bad_input_is_a_danish_error_and_nothing_is_saved(jc_client, company, changes, message):
    response = jc_client.post(reverse("labour:opening_create"), tip(company, **changes))
    assert response.status_code == 400
    if message:
        assert message in response.text
    assert 'class="form-error-message' in response.text or "error-summary" in response.text
    assert not JobOpening.objects.exists()


def test_a_company_added_by_a_job_consultant_waits_and_is_confirmed(
    jc_client, consultant, business_consultant
):
    cvr = "25313763"
    response = jc_client.post(
        reverse("labour:company_create"),
        {"cvr": cvr, "name": "Kantine Øst", "submission_token": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    company = Company.objects.get(cvr=cvr)
    assert (company.status, company.added_by, company.consultant) == ("proposed", consultant, None)
    jc_client.force_login(business_consultant)
    review = reverse("labour:review", args=["virksomhed", company.public_id])
    assert jc_client.post(review, {"action": "confirm"}).status_code == 302
    company.refresh_from_db()
    assert company.status == ContributionStatus.CONFIRMED


def test_a_knowledge_note_joins_the_companys_notes_when_confirmed(
    jc_client, business_consultant, company
):
    company.tone = "Kort og kontant."
    company.save()
    url = reverse("labour:note_create", args=[company.public_id])
    assert jc_client.get(url).status_code == 200
    data = {
        "market_potential": "Vokser med ny rute til Tyskland.",
        "tone": "Man siger tingene ligeud.",
        "demand": "Chauffører med C-kort.",
        "submission_token": str(uuid.uuid4()),
    }
    assert jc_client.post(url, data).status_code == 302
    note = KnowledgeNote.objects.get()
    company.refresh_from_db()
    assert note.status == ContributionStatus.PROPOSED
    assert company.market_potential == ""  # not yet
    jc_client.force_login(business_consultant)
    assert "Vokser med ny rute" in jc_client.get(reverse("labour:colleagues")).text
    review = reverse("labour:review", args=["viden", note.public_id])
    assert jc_client.post(review, {"action": "confirm"}).status_code == 302
    company.refresh_from_db()
    assert company.market_potential == "Vokser med ny rute til Tyskland."
    assert company.tone == "Kort og kontant.\n\nMan siger tingene ligeud."
    assert company.demand == "Chauffører med C-kort."
    page = jc_client.get(reverse("labour:company", args=[company.public_id])).text
    assert "Markedspotentiale" in page


@pytest.mark.parametrize("action", ["confirm", "reject"])
def test_a_double_click_on_review_does_it_once_and_says_so(
    client, consultant, business_consultant, company, action
):
    """The second click of the same curator is not "a colleague has already reviewed this",
    and a note's text joins the company's notes once."""
    note = KnowledgeNote.objects.create(
        company=company, added_by=consultant, tone="Man siger tingene ligeud.", status="proposed"
    )
    client.force_login(business_consultant)
    review = reverse("labour:review", args=["viden", note.public_id])
    responses = [client.post(review, {"action": action}, follow=True) for _ in "12"]
    assert [r.status_code for r in responses] == [200, 200]
    assert "allerede" not in responses[1].text
    company.refresh_from_db()
    assert company.tone == ("Man siger tingene ligeud." if action == "confirm" else "")


def test_a_colleagues_second_review_is_refused_with_who_did_it(
    client, consultant, business_consultant, centre, company
):
    note = KnowledgeNote.objects.create(
        company=company, added_by=consultant, tone="Ligeud.", status="proposed"
    )
    review = reverse("labour:review", args=["viden", note.public_id])
    client.force_login(business_consultant)
    assert client.post(review, {"action": "confirm"}).status_code == 302
    colleague = StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT)
    client.force_login(colleague)
    response = client.post(review, {"action": "reject"})
    assert response.status_code == 400
    assert f"{business_consultant.name} har allerede bekræftet det." in response.text
    note.refresh_from_db()
    assert note.status == ContributionStatus.CONFIRMED


def test_an_empty_knowledge_note_is_refused(jc_client, company):
    url = reverse("labour:note_create", args=[company.public_id])
    response = jc_client.post(url, {"tone": "  ", "submission_token": str(uuid.uuid4())})
    assert response.status_code == 400
    assert not KnowledgeNote.objects.exists()


def test_a_wheel_need_from_a_team_leader_waits_and_can_be_rejected(
    client, centre, business_consultant
):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl")
    client.force_login(leader)
    response = client.post(
        reverse("labour:wheel_event_create"),
        {
            "title": "Julehjælp i butik",
            "year": "2026",
            "week_from": "48",
            "week_to": "51",
            "submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    event = WheelEvent.objects.get()
    assert (event.status, event.added_by) == ("proposed", leader)
    client.force_login(business_consultant)
    review = reverse("labour:review", args=["aarshjul", event.public_id])
    assert client.post(review, {"action": "reject"}).status_code == 302
    event.refresh_from_db()
    assert event.status == ContributionStatus.REJECTED
    client.get(reverse("labour:colleagues"))  # shows the messages still waiting
    assert "Julehjælp i butik" not in client.get(reverse("labour:wheel"), {"aar": 2026}).text


def test_another_centres_additions_are_404(client, other_business_consultant, company, centre):
    note = KnowledgeNote.objects.create(company=company, tone="x", status="proposed")
    event = WheelEventFactory(job_centre=centre, status="proposed")
    opening = OpeningFactory(job_centre=centre, status="proposed")
    client.force_login(other_business_consultant)
    for kind, item in (
        ("stilling", opening),
        ("virksomhed", company),
        ("viden", note),
        ("aarshjul", event),
    ):
        review = reverse("labour:review", args=[kind, item.public_id])
        assert client.post(review, {"action": "confirm"}).status_code == 404
    assert client.get(reverse("labour:note_create", args=[company.public_id])).status_code == 404
    opening.refresh_from_db()
    assert opening.status == ContributionStatus.PROPOSED


def test_a_citizen_cannot_contribute(client, citizen, company):
    client.force_login(citizen.user)
    assert client.post(reverse("labour:opening_create"), tip(company)).status_code == 403
    url = reverse("labour:note_create", args=[company.public_id])
    assert client.get(url).status_code == 403
    assert not JobOpening.objects.exists()
