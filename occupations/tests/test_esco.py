"""The ESCO importer on a small fixture in ESCO's CSV format (occupations_da.csv,
skills_da.csv, occupationSkillRelations_da.csv): the starter list is enriched, not
duplicated; a second import changes nothing; bad relations are reported, not fatal."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from occupations.esco import EscoFileError, esco_import
from occupations.models import Occupation, OccupationSkill, Skill

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "esco"
URI = "http://data.europa.eu/esco/"

pytestmark = pytest.mark.django_db


def _counts():
    return Occupation.objects.count(), Skill.objects.count(), OccupationSkill.objects.count()


def test_the_import_enriches_the_starter_list():
    occupations, skills, links = _counts()
    report = esco_import(folder=FIXTURE)
    # Lagerarbejder, Truckfører and Sygeplejerske are on the list; two occupations are new.
    assert (report.occupations_created, report.occupations_updated) == (2, 3)
    # Varemodtagelse, Lagerstyring and Medicinhåndtering are on the list; three are new.
    assert (report.skills_created, report.skills_updated) == (3, 3)
    assert (report.relations_created, report.relations_unchanged) == (7, 3)
    assert _counts() == (occupations + 2, skills + 3, links + 7)

    warehouse = Occupation.objects.get(title="Lagerarbejder")
    assert warehouse.esco_uri == URI + "occupation/test-0001-lagerarbejder"
    assert warehouse.disco_code == "9333"
    # The starter synonyms stay; altLabels (newline-separated in the file) are added once.
    assert warehouse.synonyms.splitlines() == ["Lagermedarbejder", "Lagerassistent", "Plukker"]
    assert "plukker" in warehouse.search_text

    docker = Occupation.objects.get(esco_uri=URI + "occupation/test-0003-havnearbejder")
    assert docker.title == "Havnearbejder"
    assert docker.disco_code == "9333"
    assert docker.synonyms.splitlines() == ["Havnemedarbejder", "Stevedore"]
    mooring = Skill.objects.get(esco_uri=URI + "skill/test-s004-fortojning")
    assert mooring.name == "Sikre fortøjning, lastning og losning"  # the quoted comma
    assert OccupationSkill.objects.get(occupation=docker, skill=mooring).essential is True
    assert (
        OccupationSkill.objects.get(occupation=docker, skill__name="Arbejdsmiljø").essential
        is False
    )

    # A starter skill is linked by name, keeping its links; the starter's own link stays.
    assert (
        Skill.objects.get(name="Varemodtagelse").esco_uri == URI + "skill/test-s001-varemodtagelse"
    )
    assert (
        OccupationSkill.objects.get(occupation=warehouse, skill__name="Lagerstyring").essential
        is False
    )
    assert OccupationSkill.objects.filter(occupation=warehouse, skill__name="Teamarbejde").exists()
    forklift = Skill.objects.get(name="Betjene gaffeltruck")
    assert set(forklift.occupation_links.values_list("occupation__title", flat=True)) == {
        "Lagerarbejder",
        "Truckfører",
        "Havnearbejder",
    }


def test_importing_twice_duplicates_nothing():
    esco_import(folder=FIXTURE)
    before = _counts()
    report = esco_import(folder=FIXTURE)
    assert _counts() == before
    assert (report.occupations_created, report.occupations_updated) == (0, 0)
    assert (report.skills_created, report.skills_updated) == (0, 0)
    assert (report.relations_created, report.relations_updated) == (0, 0)
    assert report.occupations_unchanged == 5 and report.skills_unchanged == 6
    assert Occupation.objects.filter(title__iexact="lagerarbejder").count() == 1


def test_bad_relations_are_reported_by_line_and_the_rest_imported():
    report = esco_import(folder=FIXTURE)
    assert len(report.problems) == 3
    unknown_occupation, unknown_skill, bad_type = report.problems
    assert "linje 12" in unknown_occupation and "test-9999-unknown" in unknown_occupation
    assert "linje 13" in unknown_skill and "test-s999-unknown" in unknown_skill
    assert "linje 14" in bad_type and "vigtig" in bad_type
    assert OccupationSkill.objects.filter(occupation__title="Lagerchef").count() == 2


def test_an_esco_label_that_changes_becomes_a_synonym(tmp_path):
    folder = tmp_path / "esco"
    shutil.copytree(FIXTURE, folder)
    esco_import(folder=folder)
    path = folder / "occupations_da.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",lagerchef,", ",lagerleder (chef),"),
        encoding="utf-8",
    )
    esco_import(folder=folder)
    chief = Occupation.objects.get(esco_uri=URI + "occupation/test-0005-lagerchef")
    assert chief.title == "Lagerchef"
    assert "Lagerleder (chef)" in chief.synonyms.splitlines()


def test_a_missing_file_or_column_imports_nothing(tmp_path):
    folder = tmp_path / "esco"
    shutil.copytree(FIXTURE, folder)
    (folder / "skills_da.csv").unlink()
    with pytest.raises(EscoFileError):
        esco_import(folder=folder)
    shutil.copy(FIXTURE / "skills_da.csv", folder / "skills_da.csv")
    relations = folder / "occupationSkillRelations_da.csv"
    relations.write_text(relations.read_text().replace("relationType", "kind"))
    before = _counts()
    with pytest.raises(EscoFileError) as caught:
        esco_import(folder=folder)
    assert "relationType" in str(caught.value)
    assert _counts() == before  # one transaction: the skills and occupations rolled back


def test_the_command_reports_counts(capsys):
    call_command("import_esco", str(FIXTURE))
    out, err = capsys.readouterr()
    assert "Occupations: 2 created, 3 updated" in out
    assert "linje 12" in err
    with pytest.raises(CommandError):
        call_command("import_esco", str(FIXTURE / "nowhere"))
