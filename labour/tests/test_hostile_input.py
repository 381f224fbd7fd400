"""Hostile and malformed input to the companies search, the opening form and the import:
a clear Danish message naming the field (or a 400 page), never a server error, nothing saved."""

import json

import pytest
from django.urls import reverse

from labour import imports
from labour.models import JobOpening
from labour.tests.test_views import jsonld, opening_data

pytestmark = pytest.mark.django_db


def test_a_nul_byte_in_the_company_search_is_a_400_page(bc_client):
    response = bc_client.get(reverse("labour:companies"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "»Søg på navn, CVR-nummer eller branche« indeholder et tegn" in response.content.decode()


@pytest.mark.parametrize("positions", ["1000", "32767", "32768", "99999999999999999999"])
def test_positions_above_999_are_refused_by_the_form(bc_client, positions):
    response = bc_client.post(reverse("labour:opening_create"), opening_data(positions=positions))
    assert response.status_code == 400
    assert "positions" in response.context["form"].errors
    assert not JobOpening.objects.exists()


def test_a_control_character_in_the_title_is_refused_naming_the_field(bc_client):
    response = bc_client.post(
        reverse("labour:opening_create"), opening_data(title="Kok\x00", description="a\x1bb")
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Titel" in errors["title"][0] and "description" in errors
    assert not JobOpening.objects.exists()


def test_a_text_area_keeps_its_tabs_and_newlines(bc_client):
    response = bc_client.post(
        reverse("labour:opening_create"), opening_data(description="Linje 1\r\n\tLinje 2")
    )
    assert response.status_code == 302
    assert JobOpening.objects.get().description.endswith("Linje 2")


def test_a_date_out_of_range_is_refused(bc_client):
    response = bc_client.post(
        reverse("labour:opening_create"), opening_data(valid_through="9999-12-31")
    )
    assert response.status_code == 400 and "valid_through" in response.context["form"].errors


def _import(text: str):
    return imports.parse_jsonld(text)


def test_json_nested_deeper_than_the_limit_is_a_problem_not_a_crash():
    postings, problems = _import("[" * 5000 + "]" * 5000)
    assert not postings and problems
    assert "dybt" in str(problems[0].reason) or "deep" in str(problems[0].reason)


@pytest.mark.parametrize("number", ["1e309", "Infinity", "NaN", "-Infinity"])
def test_an_infinite_number_of_positions_is_a_problem(number):
    text = json.dumps(jsonld()).replace('"@type"', f'"totalJobOpenings": {number}, "@type"', 1)
    postings, problems = _import(text)
    assert not postings and problems


@pytest.mark.parametrize("positions", ["1000", "32768", "1e30"])
def test_imported_positions_above_999_are_a_problem(positions):
    postings, problems = _import(json.dumps(jsonld(totalJobOpenings=positions)))
    assert not postings and problems


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59+01:00", "0001-01-01T00:00:00+01:00", "9999-12-31", "0001-01-01"]
)
def test_an_apply_by_date_out_of_range_is_a_problem(value):
    postings, problems = _import(json.dumps(jsonld(validThrough=value)))
    assert not postings and problems


def test_a_nul_byte_in_an_imported_title_is_a_problem(bc_client):
    page = json.dumps([jsonld(title="Kok\x00"), jsonld(identifier="X-2")])
    response = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "pasted": page})
    assert response.status_code in (200, 400)
    assert ["\x00" in title for title in JobOpening.objects.values_list("title", flat=True)] == [
        False
    ]
    assert [p.number for p in response.context["report"].problems] == [1]


def test_a_deep_import_through_the_page_is_not_a_server_error(bc_client):
    response = bc_client.post(
        reverse("labour:import"), {"kind": "jsonld", "pasted": "[" * 990 + "]" * 990}
    )
    assert response.status_code == 400
    assert not JobOpening.objects.exists()


def test_ending_an_opening_twice_says_so_instead_of_failing(bc_client, centre):
    """Found by tests/security/test_fuzz.py: the second "take it off the board" (a double
    click) gave a server error."""
    from labour.tests.factories import OpeningFactory

    opening = OpeningFactory(job_centre=centre)
    url = reverse("labour:opening_end", args=[opening.public_id])
    assert bc_client.post(url).status_code == 302
    again = bc_client.post(url)
    assert again.status_code == 400
    assert "allerede" in again.content.decode()


def test_pasted_text_as_large_as_the_import_allows_is_read(bc_client, settings):
    """The pasted page source may be as large as an imported file; beyond the request limit it
    is a Danish 413 page, not a server error."""
    from labour.forms.companies import MAX_IMPORT_BYTES

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= MAX_IMPORT_BYTES
    page = json.dumps([jsonld()]) + " " * (3 * 1024 * 1024)
    response = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "pasted": page})
    assert response.status_code == 200 and response.context["report"].created == 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    too_large = bc_client.post(reverse("labour:import"), {"kind": "jsonld", "pasted": page})
    assert too_large.status_code == 413 and "for stor" in too_large.content.decode()
    assert JobOpening.objects.count() == 1


@pytest.mark.parametrize("value", ["x", "a\x00b", "1" * 40])
def test_an_odd_company_in_the_query_string_is_ignored(bc_client, value):
    response = bc_client.get(reverse("labour:opening_create"), {"virksomhed": value})
    assert response.status_code == 200
