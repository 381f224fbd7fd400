"""The starter list is loaded by the migration, found by title or synonym, and the occupation
field accepts only what is on it."""

import pytest
from django.utils import translation

from occupations.forms import OccupationField
from occupations.models import Occupation, Skill
from occupations.selectors import occupation_by_title, occupation_search

pytestmark = pytest.mark.django_db


def test_the_starter_list_is_loaded_with_disco_codes_and_synonyms():
    assert Occupation.objects.count() >= 100
    assert all(
        len(code) == 4 and code.isdigit()
        for code in Occupation.objects.values_list("disco_code", flat=True)
    )
    warehouse = Occupation.objects.get(title="Lagerarbejder")
    assert warehouse.disco_code == "9333"
    assert warehouse.synonyms.splitlines() == ["Lagermedarbejder", "Lagerassistent"]
    assert "lagermedarbejder" in warehouse.search_text
    assert Occupation.objects.get(title="Social- og sundhedsassistent").disco_code == "5321"
    assert Skill.objects.count() >= 40
    assert Skill.objects.filter(name__in=["Truckcertifikat", "Excel", "Førstehjælp"]).count() == 3


def test_search_finds_an_occupation_by_a_synonym():
    assert Occupation.objects.get(title="Butiksassistent") in occupation_search("ekspedient")
    assert Occupation.objects.get(title="Softwareudvikler") in occupation_search("programmør")


def test_exact_title_or_synonym_in_any_case():
    lastbil = Occupation.objects.get(title="Chauffør (lastbil)")
    assert occupation_by_title("  LASTBILCHAUFFØR ") == lastbil
    assert occupation_by_title("chauffør (lastbil)") == lastbil
    assert occupation_by_title("chauffør") is None


@pytest.mark.parametrize("typed", ["Kok", "kok", "KOKKEASSISTENT", " Kokkeassistent "])
def test_the_field_resolves_a_title_or_synonym_case_insensitively(typed):
    assert OccupationField().clean(typed) == Occupation.objects.get(title="Kok")


def test_the_field_rejects_an_unknown_title_with_a_danish_message():
    field = OccupationField()
    with translation.override("da"), pytest.raises(Exception) as caught:
        field.clean("Astronautassistent")
    [message] = caught.value.messages
    assert "Astronautassistent" in message
    assert message == str(field.error_messages["unknown"]) % {"value": "Astronautassistent"}


def test_the_widget_offers_the_list_as_suggestions():
    html = OccupationField().widget.render("occupation", "", attrs={"id": "id_occupation"})
    assert 'list="id_occupation-list"' in html
    assert '<option value="Tømrer">' in html


def test_the_field_refuses_a_very_long_title_before_looking_it_up(django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(Exception) as caught:
        OccupationField().clean("x" * 100_000)
    assert [e.code for e in caught.value.error_list] == ["max_length"]
