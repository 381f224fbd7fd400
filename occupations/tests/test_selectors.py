"""Reads of the taxonomy: the related occupations loaded by migration, the balance of many
occupations in one query, the citizen's area, and the transfer proposals with their reasons."""

import csv
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

from centres.tests.factories import JobCentreFactory
from citizens.tests.factories import CitizenFactory
from occupations.models import LabourBalance, Occupation, OccupationSkill, Prospect, Skill
from occupations.selectors import area_for_citizen, balance_for, transfer_occupations
from occupations.tests.factories import LabourBalanceFactory
from places.models import Area

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
related_migration = import_module("occupations.migrations.0006_related_occupations")


def _o(title: str) -> Occupation:
    return Occupation.objects.get(title=title)


def _titles(occupation: Occupation) -> set[str]:
    return set(occupation.related.values_list("title", flat=True))


# --- Related occupations ---------------------------------------------------------------------


def test_the_related_pairs_name_starter_occupations_once():
    with open(DATA / "occupations.csv", encoding="utf-8", newline="") as f:
        titles = {row["title"] for row in csv.DictReader(f, delimiter=";")}
    with open(DATA / "related_occupations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert len(rows) >= 150
    pairs = [frozenset((r["occupation"], r["related"])) for r in rows]
    assert all(len(p) == 2 and p <= titles for p in pairs)
    assert len(set(pairs)) == len(pairs)


def test_the_relation_is_loaded_both_ways():
    assert {"Truckfører", "Lagerekspedient", "Pakkeriarbejder"} <= _titles(_o("Lagerarbejder"))
    assert "Lagerarbejder" in _titles(_o("Truckfører"))
    assert "Social- og sundhedshjælper" in _titles(_o("Social- og sundhedsassistent"))
    assert "Social- og sundhedsassistent" in _titles(_o("Sygeplejerske"))


def test_the_reverse_removes_the_pairs_and_only_them():
    own = (_o("Tolk"), _o("Journalist"))
    own[0].related.add(own[1])
    related_migration.unload(apps, None)
    Through = Occupation.related.through
    assert set(Through.objects.values_list("from_occupation__title", "to_occupation__title")) == {
        ("Tolk", "Journalist"),
        ("Journalist", "Tolk"),
    }
    related_migration.load(apps, None)
    assert "Truckfører" in _titles(_o("Lagerarbejder"))


# --- Balance ---------------------------------------------------------------------------------


def test_balance_for_reads_many_occupations_in_one_query(django_assert_num_queries):
    warehouse, nurse, clerk = _o("Lagerarbejder"), _o("Sygeplejerske"), _o("Kontorassistent")
    LabourBalanceFactory(occupation=warehouse, prospect=Prospect.GOOD)
    LabourBalanceFactory(occupation=nurse, prospect=Prospect.SHORTAGE)
    LabourBalanceFactory(occupation=nurse, area=Area.NORDJYLLAND, prospect=Prospect.GOOD)
    with django_assert_num_queries(1):
        balances = balance_for([warehouse, nurse, clerk], Area.HOVEDSTADEN)
        assert balances[nurse.pk].prospect == Prospect.SHORTAGE
        assert balances[warehouse.pk].prospect == Prospect.GOOD
        assert clerk.pk not in balances
        assert balances.for_title("SYGEPLEJERSKE").prospect == Prospect.SHORTAGE
    assert balance_for([nurse.pk], Area.NORDJYLLAND)[nurse.pk].prospect == Prospect.GOOD
    with django_assert_num_queries(0):
        assert balance_for([nurse], None) == {}
        assert balance_for([], Area.HOVEDSTADEN) == {}


def test_the_citizens_area_is_their_job_centres_then_their_home():
    north = JobCentreFactory(name="Jobcenter Frederikshavn", postcode="9900")
    assert area_for_citizen(CitizenFactory(job_centre=north, postcode="2605")) == Area.NORDJYLLAND
    unknown = JobCentreFactory(name="Jobcenter Uden Adresse", postcode="")
    assert area_for_citizen(CitizenFactory(job_centre=unknown, postcode="5000")) == Area.FYN
    assert area_for_citizen(CitizenFactory(job_centre=unknown, postcode="")) is None


# --- Transfer --------------------------------------------------------------------------------


def test_related_occupations_are_proposed_with_the_reason():
    with translation.override("en"):
        proposals = transfer_occupations(occupations=[_o("Lagerarbejder")], skills=[], limit=10)
    titles = [p.occupation.title for p in proposals]
    assert len(proposals) == len(_titles(_o("Lagerarbejder")))
    assert "Truckfører" in titles and "Lagerarbejder" not in titles
    truck = next(p for p in proposals if p.occupation.title == "Truckfører")
    assert truck.reason == "Related to Lagerarbejder"


def test_occupations_whose_essential_skills_are_covered_are_proposed():
    skills = Skill.objects.filter(name__in=["Personlig pleje", "Forflytning", "Hygiejne"])
    with translation.override("en"):
        proposals = transfer_occupations(occupations=[], skills=skills, limit=10)
    assert proposals
    best = proposals[0]
    essential = set(
        OccupationSkill.objects.filter(occupation=best.occupation, essential=True).values_list(
            "skill__name", flat=True
        )
    )
    have = len(essential & {"Personlig pleje", "Forflytning", "Hygiejne"})
    assert have / len(essential) >= 0.5
    assert best.reason == f"You have {have} of {len(essential)} essential skills"


def test_related_and_skills_add_up_and_demand_ranks_higher():
    warehouse = _o("Lagerarbejder")
    truck = Skill.objects.filter(name__in=["Truckcertifikat", "Varemodtagelse"])
    with translation.override("en"):
        plain = transfer_occupations(occupations=[warehouse], skills=truck)
    assert plain[0].occupation.title == "Truckfører"
    assert plain[0].reason.startswith("Related to Lagerarbejder; you have 1 of 1")
    others = [p.occupation for p in plain[1:]]
    favourite = others[-1]
    LabourBalanceFactory(occupation=favourite, prospect=Prospect.SHORTAGE)
    boosted = transfer_occupations(occupations=[warehouse], skills=truck, area=Area.HOVEDSTADEN)
    ranked = [p.occupation for p in boosted]
    assert ranked.index(favourite) < len(ranked) - 1
    assert next(p for p in boosted if p.occupation == favourite).balance.prospect == (
        Prospect.SHORTAGE
    )


def test_transfer_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    occupations = list(Occupation.objects.filter(title__in=["Lagerarbejder", "Kok", "Tømrer"]))
    skills = list(Skill.objects.all())
    with django_assert_max_num_queries(5):
        transfer_occupations(occupations=occupations, skills=skills, area=Area.HOVEDSTADEN)


def test_nothing_known_proposes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert transfer_occupations(occupations=[], skills=[]) == []
    assert not LabourBalance.objects.exists()
