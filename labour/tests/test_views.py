"""Companies, the board and the import as staff use them; who may see and change what."""

import json
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from labour import selectors
from labour.forms.companies import OpeningCreateForm, OpeningForm
from labour.models import Company, ContactPerson, CooperationAgreement, Industry, JobOpening
from labour.tests.factories import (
    VALID_CVRS,
    AgreementFactory,
    CompanyFactory,
    ContactFactory,
    OpeningFactory,
)
from occupations.models import Occupation

pytestmark = pytest.mark.django_db


def token() -> str:
    return str(uuid.uuid4())


def opening_data(**changes):
    data = {
        "title": "Lagerarbejdere til nattehold",
        "company": "",
        "employer_name": "Lager Syd",
        "occupation": "Lagerarbejder",
        "postcode": "2605",
        "town": "Brøndby",
        "valid_through": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "employment_type": "FULL_TIME",
        "positions": "3",
        "description": "Truckcertifikat er et plus.",
        "contact": "",
        "url": "",
        "submission_token": token(),
    }
    data.update(changes)
    return data


# ---------- who may ----------


@pytest.fixture
def company(centre):
    return CompanyFactory(job_centre=centre, name="Lager Nord A/S")


@pytest.fixture
def opening(centre, company):
    return OpeningFactory(job_centre=centre, company=company, employer_name="")


def object_urls(company, opening):
    contact = ContactFactory(company=company)
    agreement = AgreementFactory(company=company)
    view = [
        reverse("labour:company", args=[company.public_id]),
        reverse("labour:opening", args=[opening.public_id]),
    ]
    edit = [
        reverse("labour:company_edit", args=[company.public_id]),
        reverse("labour:contact_create", args=[company.public_id]),
        reverse("labour:contact_edit", args=[company.public_id, contact.pk]),
        reverse("labour:contact_delete", args=[company.public_id, contact.pk]),
        reverse("labour:agreement_create", args=[company.public_id]),
        reverse("labour:agreement_end", args=[company.public_id, agreement.pk]),
        reverse("labour:opening_edit", args=[opening.public_id]),
        reverse("labour:opening_end", args=[opening.public_id]),
    ]
    return view, edit


PAGES = ["labour:companies", "labour:board"]
EDIT_PAGES = ["labour:company_create", "labour:opening_create", "labour:import"]


def statuses(client, urls):
    return [client.get(url).status_code for url in urls]


def test_a_business_consultant_sees_and_changes_everything(bc_client, company, opening):
    view, edit = object_urls(company, opening)
    pages = [reverse(name) for name in PAGES + EDIT_PAGES]
    assert set(statuses(bc_client, pages + view + edit)) == {200}


def test_a_job_consultant_sees_and_adds_but_does_not_change(client, consultant, company, opening):
    """Job consultants add what they heard of (issue 22); changing stays with the business
    consultants."""
    client.force_login(consultant)
    view, edit = object_urls(company, opening)
    adding = [reverse("labour:company_create"), reverse("labour:opening_create")]
    assert set(statuses(client, [reverse(n) for n in PAGES] + view + adding)) == {200}
    assert set(statuses(client, [reverse("labour:import"), *edit])) == {403}
    response = client.post(
        reverse("labour:opening_end", args=[opening.public_id]), {}, follow=False
    )
    assert response.status_code == 403
    opening.refresh_from_db()
    assert opening.valid_through >= timezone.localdate()


def test_a_citizen_is_refused_everything(client, citizen, company, opening):
    client.force_login(citizen.user)
    view, edit = object_urls(company, opening)
    pages = [reverse(name) for name in PAGES + EDIT_PAGES]
    assert set(statuses(client, pages + view + edit)) == {403}


def test_another_centres_staff_find_nothing(client, other_centre, company, opening):
    other_admin = StaffFactory(job_centre=other_centre, role=Role.ADMINISTRATOR)
    client.force_login(other_admin)
    view, edit = object_urls(company, opening)
    assert set(statuses(client, view + edit)) == {404}
    board = client.get(reverse("labour:board"))
    assert opening.title not in board.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, company, opening):
    view, edit = object_urls(company, opening)
    for url in view + edit + [reverse(n) for n in PAGES + EDIT_PAGES]:
        response = client.get(url)
        assert response.status_code == 302 and "/konto/log-ind/" in response["Location"]


# ---------- companies ----------


def test_the_company_list_searches_by_name_cvr_and_industry(bc_client, centre, other_centre):
    storage = Industry.objects.get(code="521000")
    CompanyFactory(job_centre=centre, name="Lager Nord A/S", industry=storage, cvr=VALID_CVRS[0])
    CompanyFactory(job_centre=centre, name="Bageriet", cvr=VALID_CVRS[1])
    CompanyFactory(job_centre=other_centre, name="Lager Fremmed")

    def names(query):
        page = bc_client.get(reverse("labour:companies"), {"q": query})
        return [c.name for c in page.context["page"].object_list]

    assert names("lager") == ["Lager Nord A/S"]
    assert names(VALID_CVRS[1][:4]) == ["Bageriet"]
    assert names("oplagring") == ["Lager Nord A/S"]
    assert names("5210") == ["Lager Nord A/S"]


def test_creating_a_company_and_the_draft_is_confirmed(bc_client, centre, business_consultant):
    data = {
        "cvr": VALID_CVRS[2],
        "name": "Vestegnens Vask",
        "industry": Industry.objects.get(code="960100").pk,
        "address": "Vaskerivej 2",
        "postcode": "2620",
        "town": "Albertslund",
        "is_company_centre": "on",
        "submission_token": token(),
    }
    response = bc_client.post(reverse("labour:company_create"), data, follow=True)
    company = Company.objects.get()
    assert response.redirect_chain[-1][0] == reverse("labour:company", args=[company.public_id])
    assert company.job_centre == centre and company.consultant == business_consultant
    assert company.is_company_centre
    assert 'data-draft-clear="company-new"' in response.content.decode()
    # The same form sent twice (a double tap) makes one company.
    bc_client.post(reverse("labour:company_create"), data)
    assert Company.objects.count() == 1
    # The confirmation is given once per save.
    bc_client.get(reverse("labour:company", args=[company.public_id]))
    again = bc_client.get(reverse("labour:company", args=[company.public_id]))
    assert "data-draft-clear" not in again.content.decode()


def test_a_wrong_cvr_number_keeps_what_was_typed(bc_client):
    data = {"cvr": "13585629", "name": "Fejl ApS", "postcode": "2605", "submission_token": token()}
    response = bc_client.post(reverse("labour:company_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["cvr"][0].code == "checksum"
    assert 'value="Fejl ApS"' in response.content.decode()
    assert 'data-draft="company-new"' in response.content.decode()
    assert not Company.objects.exists()


def test_a_cvr_number_already_in_the_centre_is_a_friendly_message(bc_client, centre):
    CompanyFactory(job_centre=centre, cvr=VALID_CVRS[3], name="Den første")
    data = {"cvr": VALID_CVRS[3], "name": "Dublet", "submission_token": token()}
    response = bc_client.post(reverse("labour:company_create"), data)
    assert response.status_code == 400
    assert "Den første" in str(response.context["form"].errors["cvr"])
    assert Company.objects.count() == 1


def test_editing_the_knowledge_notes(bc_client, company):
    url = reverse("labour:company_edit", args=[company.public_id])
    data = {
        "cvr": company.cvr,
        "name": company.name,
        "tasks": "Plukning og pakning",
        "tone": "Kort og kontant",
        "culture": "Fællesmorgenmad fredag",
        "requirements": "Sikkerhedssko",
        "seasonal_needs": "Uge 40-50: 20 ekstra",
    }
    response = bc_client.post(url, data, follow=True)
    company.refresh_from_db()
    assert company.tone == "Kort og kontant" and company.seasonal_needs.startswith("Uge 40")
    html = response.content.decode()
    assert "Fællesmorgenmad fredag" in html and "Sikkerhedssko" in html


def test_contacts_are_added_edited_and_removed(bc_client, company):
    base = [company.public_id]
    bc_client.post(
        reverse("labour:contact_create", args=base),
        {
            "name": "Anne Holm",
            "phone": "+4520304050",
            "is_primary": "on",
            "submission_token": token(),
        },
    )
    contact = ContactPerson.objects.get()
    assert contact.company == company and contact.is_primary
    bc_client.post(
        reverse("labour:contact_edit", args=[*base, contact.pk]),
        {"name": "Anne Holm", "title": "Lagerchef", "phone": "+4520304050"},
    )
    contact.refresh_from_db()
    assert contact.title == "Lagerchef" and not contact.is_primary
    detail = bc_client.get(reverse("labour:company", args=base))
    assert "Lagerchef" in detail.content.decode()
    bc_client.post(reverse("labour:contact_delete", args=[*base, contact.pk]))
    assert not ContactPerson.objects.exists()


def test_a_contact_of_another_company_is_not_found_through_this_one(bc_client, centre, company):
    stranger = ContactFactory(company=CompanyFactory(job_centre=centre))
    url = reverse("labour:contact_edit", args=[company.public_id, stranger.pk])
    assert bc_client.get(url).status_code == 404


def test_agreements_are_added_and_ended(bc_client, company):
    today = timezone.localdate()
    bc_client.post(
        reverse("labour:agreement_create", args=[company.public_id]),
        {
            "title": "4 praktikpladser om året",
            "starts_on": (today - timedelta(days=7)).isoformat(),
            "submission_token": token(),
        },
    )
    agreement = CooperationAgreement.objects.get()
    detail = bc_client.get(reverse("labour:company", args=[company.public_id]))
    assert detail.context["detail"].running_agreements == [agreement]
    bc_client.post(
        reverse("labour:agreement_end", args=[company.public_id, agreement.pk]),
        {"ends_on": (today - timedelta(days=1)).isoformat()},
    )
    detail = bc_client.get(reverse("labour:company", args=[company.public_id]))
    assert detail.context["detail"].ended_agreements == [agreement]


def test_the_company_page_lists_its_open_openings_only(bc_client, centre, company):
    OpeningFactory(job_centre=centre, company=company, title="Åben")
    OpeningFactory(
        job_centre=centre,
        company=company,
        title="Udløbet",
        valid_through=timezone.localdate() - timedelta(days=1),
    )
    detail = bc_client.get(reverse("labour:company", args=[company.public_id]))
    assert [o.title for o in detail.context["detail"].openings] == ["Åben"]


# ---------- the board ----------


def test_the_board_shows_open_openings_with_who_to_contact(bc_client, centre, business_consultant):
    company = CompanyFactory(job_centre=centre, name="Plejecenter Sol")
    ContactFactory(company=company, name="Sanne Leder", phone="+4543434343", is_primary=True)
    OpeningFactory(job_centre=centre, company=company, title="SOSU-hjælper")
    OpeningFactory(job_centre=centre, title="Uden kontakt", consultant=business_consultant)
    OpeningFactory(job_centre=centre, title="Ingen frist", valid_through=None)
    OpeningFactory(
        job_centre=centre, title="Udløbet", valid_through=timezone.localdate() - timedelta(days=1)
    )
    OpeningFactory(job_centre=centre, title="Sidste dag", valid_through=timezone.localdate())
    page = bc_client.get(reverse("labour:board"))
    html = page.content.decode()
    titles = {o.title for o, _ in page.context["rows"]}
    assert titles == {"SOSU-hjælper", "Uden kontakt", "Ingen frist", "Sidste dag"}
    assert "Sanne Leder" in html and "+4543434343" in html
    contacts = {o.title: c for o, c in page.context["rows"]}
    assert contacts["Uden kontakt"].name == business_consultant.name
    assert contacts["Uden kontakt"].role == "consultant"


def test_the_board_filters(bc_client, centre):
    warehouse = Occupation.objects.get(title="Lagerarbejder")
    storage = Industry.objects.get(code="521000")
    company = CompanyFactory(job_centre=centre, industry=storage)
    OpeningFactory(
        job_centre=centre, title="Lager 1", occupation=warehouse, postcode="2600", town="Glostrup"
    )
    OpeningFactory(job_centre=centre, title="Lager 2", company=company, postcode="2605")
    old = OpeningFactory(job_centre=centre, title="Gammel", postcode="9900", town="Frederikshavn")
    JobOpening.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))

    def titles(**query):
        page = bc_client.get(reverse("labour:board"), query)
        return sorted(o.title for o, _ in page.context["rows"])

    assert titles(occupation="Lagerarbejder") == ["Lager 1"]
    assert titles(industry=storage.pk) == ["Lager 2"]
    assert titles(area="2600") == ["Lager 1"]
    assert titles(area="frederikshavn") == ["Gammel"]
    assert titles(new="on") == ["Lager 1", "Lager 2"]
    assert titles() == ["Gammel", "Lager 1", "Lager 2"]


def test_the_board_pages_by_25_in_a_fixed_number_of_queries(bc_client, centre):
    company = CompanyFactory(job_centre=centre)
    ContactFactory(company=company, is_primary=True)
    for n in range(30):
        OpeningFactory(job_centre=centre, company=company if n % 2 else None, title=f"Job {n:02d}")
    with CaptureQueriesContext(connection) as queries:
        page = bc_client.get(reverse("labour:board"))
    assert len(page.context["rows"]) == 25 and page.context["page"].paginator.count == 30
    assert len(queries) < 15
    second = bc_client.get(reverse("labour:board"), {"side": 2})
    assert len(second.context["rows"]) == 5


def test_adding_an_opening_puts_it_on_the_board(bc_client, centre, business_consultant):
    response = bc_client.post(reverse("labour:opening_create"), opening_data(), follow=True)
    opening = JobOpening.objects.get()
    assert response.redirect_chain[-1][0] == reverse("labour:opening", args=[opening.public_id])
    assert opening.consultant == business_consultant and opening.job_centre == centre
    assert opening.occupation.title == "Lagerarbejder" and opening.positions == 3
    assert "lagerarbejd" in opening.search_document
    assert 'data-draft-clear="opening-new"' in response.content.decode()
    board = bc_client.get(reverse("labour:board"))
    assert "Lagerarbejdere til nattehold" in board.content.decode()


def test_an_opening_with_a_company_and_its_contact(bc_client, company):
    contact = ContactFactory(company=company)
    data = opening_data(company=company.pk, employer_name="", contact=contact.pk)
    bc_client.post(reverse("labour:opening_create"), data)
    opening = JobOpening.objects.get()
    assert opening.company == company and opening.contact == contact


def test_an_opening_form_with_problems_keeps_everything(bc_client, centre, company):
    other = ContactFactory(company=CompanyFactory(job_centre=centre))
    data = opening_data(title="", company=company.pk, contact=other.pk, postcode="26")
    response = bc_client.post(reverse("labour:opening_create"), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "contact", "postcode"}
    assert "Truckcertifikat er et plus." in response.content.decode()
    assert not JobOpening.objects.exists()
    data = opening_data(employer_name="")
    response = bc_client.post(reverse("labour:opening_create"), data)
    assert "company" in response.context["form"].errors


def test_another_centres_company_cannot_be_chosen(bc_client, other_centre):
    stranger = CompanyFactory(job_centre=other_centre)
    response = bc_client.post(reverse("labour:opening_create"), opening_data(company=stranger.pk))
    assert response.status_code == 400 and "company" in response.context["form"].errors


def test_editing_and_taking_an_opening_off_the_board(bc_client, opening):
    url = reverse("labour:opening_edit", args=[opening.public_id])
    data = opening_data(title="Ny titel", company=opening.company_id, employer_name="")
    del data["submission_token"]
    bc_client.post(url, data)
    opening.refresh_from_db()
    assert opening.title == "Ny titel" and "titel" in opening.search_document
    bc_client.post(reverse("labour:opening_end", args=[opening.public_id]))
    opening.refresh_from_db()
    assert opening.valid_through == timezone.localdate() - timedelta(days=1)
    board = bc_client.get(reverse("labour:board"))
    assert board.context["rows"] == []
    detail = bc_client.get(reverse("labour:opening", args=[opening.public_id]))
    assert detail.context["is_open"] is False


def test_the_opening_page(bc_client, opening):
    page = bc_client.get(reverse("labour:opening", args=[opening.public_id]))
    html = page.content.decode()
    assert opening.title in html and opening.company.name in html
    assert reverse("labour:opening_end", args=[opening.public_id]) in html


# ---------- import ----------


def jsonld(**changes):
    node = {
        "@type": "JobPosting",
        "identifier": "X-1",
        "title": "Kok til kantine",
        "hiringOrganization": {"name": "Kantinen"},
        "datePosted": "2026-11-20",
    }
    node.update(changes)
    return node


def test_importing_a_file_shows_the_counts(bc_client):
    upload = SimpleUploadedFile(
        "job.jsonld", json.dumps([jsonld(), jsonld(identifier="X-2")]).encode()
    )
    response = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "file": upload})
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    upload = SimpleUploadedFile(
        "job.jsonld", json.dumps([jsonld(), jsonld(identifier="X-2")]).encode()
    )
    again = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "file": upload})
    report = again.context["report"]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert 'id="import-counts"' in again.content.decode()


def test_pasted_page_source_and_problems_listed_by_number(bc_client):
    page = (
        '<script type="application/ld+json">'
        + json.dumps([jsonld(), jsonld(identifier="X-2", title="")])
        + "</script>"
    )
    response = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "pasted": page})
    report = response.context["report"]
    assert report.created == 1 and [p.number for p in report.problems] == [2]
    assert "import-problems" in response.content.decode()


def test_all_or_nothing_from_the_page(bc_client):
    page = json.dumps([jsonld(), jsonld(identifier="X-2", datePosted="igår")])
    response = bc_client.post(
        reverse("labour:import"), {"kind": "jsonld", "pasted": page, "all_or_nothing": "on"}
    )
    assert response.status_code == 400 and response.context["report"].stopped
    assert not JobOpening.objects.exists()


def test_a_csv_file_is_recognised_by_its_name(bc_client):
    upload = SimpleUploadedFile("job.csv", b"title;postalCode\nKok;2605\n")
    response = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "file": upload})
    assert response.context["report"].created == 1
    assert JobOpening.objects.get().source == "csv"


def test_the_import_form_needs_something_to_import(bc_client):
    response = bc_client.post(reverse("labour:import"), {"kind": "jsonld"})
    assert response.status_code == 400 and response.context["form"].non_field_errors()


def test_the_board_filters_by_radius_around_a_postcode(bc_client, centre):
    if not selectors.radius_available():
        pytest.skip("the places app has no distances")
    OpeningFactory(job_centre=centre, title="Glostrup", postcode="2600")
    OpeningFactory(job_centre=centre, title="Brøndby", postcode="2605")
    OpeningFactory(job_centre=centre, title="Aalborg", postcode="9000")
    page = bc_client.get(reverse("labour:board"), {"area": "2605", "radius": "10"})
    assert sorted(o.title for o, _ in page.context["rows"]) == ["Brøndby", "Glostrup"]
    page = bc_client.get(reverse("labour:board"), {"area": "2605"})
    assert [o.title for o, _ in page.context["rows"]] == ["Brøndby"]


@pytest.mark.parametrize(
    "typed", ["lagerarbejdere", "Lagerarbejderen", "LAGERARBEJDER", "lagerarbejder "]
)
def test_the_boards_title_filter_stems_as_matching_does(bc_client, centre, typed):
    """ "lagerarbejdere" finds the openings for Lagerarbejder, by title or by occupation."""
    warehouse = Occupation.objects.get(title="Lagerarbejder")
    OpeningFactory(job_centre=centre, title="Lagerarbejder til nattehold")
    OpeningFactory(job_centre=centre, title="Medhjælper, Lager Syd", occupation=warehouse)
    OpeningFactory(job_centre=centre, title="Sygeplejerske")
    page = bc_client.get(reverse("labour:board"), {"occupation": typed})
    assert not page.context["form"].errors
    assert sorted(o.title for o, _ in page.context["rows"]) == [
        "Lagerarbejder til nattehold",
        "Medhjælper, Lager Syd",
    ]


def test_sygeplejersken_finds_the_nurses(bc_client, centre):
    OpeningFactory(job_centre=centre, title="Sygeplejersker til akutmodtagelsen")
    OpeningFactory(job_centre=centre, title="Lagerarbejder")
    page = bc_client.get(reverse("labour:board"), {"occupation": "sygeplejersken"})
    assert [o.title for o, _ in page.context["rows"]] == ["Sygeplejersker til akutmodtagelsen"]


def test_a_title_not_on_the_occupation_list_is_searched_not_refused(bc_client, centre):
    OpeningFactory(job_centre=centre, title="Noget")
    page = bc_client.get(reverse("labour:board"), {"occupation": "Drømmejob"})
    assert not page.context["form"].errors
    assert page.context["rows"] == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("!!! ---", "Skriv en stillingsbetegnelse med bogstaver, fx lagerarbejder."),
        ("x" * 101, "Skriv højst 100 tegn i stillingsbetegnelsen."),
        ("lager\x00", "indeholder et tegn, der ikke kan bruges"),
    ],
)
def test_a_title_filter_that_cannot_be_searched_has_its_own_error_and_shows_the_board(
    bc_client, centre, typed, message
):
    OpeningFactory(job_centre=centre, title="Noget")
    page = bc_client.get(reverse("labour:board"), {"occupation": typed})
    assert page.status_code == 200
    assert "occupation" in page.context["form"].errors
    assert message in page.content.decode()
    assert [o.title for o, _ in page.context["rows"]] == ["Noget"]


def test_a_renamed_binary_is_refused_and_nothing_imported(bc_client):
    picture = SimpleUploadedFile("jobs.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    response = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "file": picture})
    assert response.status_code == 400
    assert "ikke en tekstfil" in response.content.decode()
    assert not JobOpening.objects.exists()


@pytest.mark.parametrize("form_class", [OpeningForm, OpeningCreateForm])
def test_the_openings_contact_choice_names_the_company_too(centre, form_class):
    company = CompanyFactory(job_centre=centre, name="Havnens Bageri")
    contact = ContactFactory(company=company, name="Ida Holm")
    field = form_class(job_centre=centre).fields["contact"]
    assert field.label_from_instance(contact) == "Ida Holm (Havnens Bageri)"
    assert list(field.queryset) == [contact]
