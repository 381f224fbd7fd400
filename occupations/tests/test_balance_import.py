"""The balance import: Danish category and area names, each bad row by its line with a reason,
the good rows saved (or none with all-or-nothing), a wrong encoding caught, and a second import
of the same file changing nothing."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from occupations.models import LabourBalance, Occupation, Prospect
from occupations.services import BalanceFileError, balance_import
from places.models import Area

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "balance_sample.csv"

GOOD = (
    "occupation;disco;area;prospect\n"
    "Lagerarbejder;9333;Hovedstaden;Gode jobmuligheder\n"
    "Sygeplejerske;2221;RAR Nordjylland;Mangel på arbejdskraft\n"
    "kontorassistent;;Østjylland;mindre gode jobmuligheder\n"
)


def _balance(title: str, area: str) -> str:
    return LabourBalance.objects.get(occupation__title=title, area=area).prospect


def test_a_good_file_is_imported_with_danish_names():
    result = balance_import(data=GOOD.encode(), period="2026-2")
    assert (result.created, result.updated, result.unchanged, result.errors) == (3, 0, 0, [])
    assert result.saved
    assert _balance("Lagerarbejder", Area.HOVEDSTADEN) == Prospect.GOOD
    assert _balance("Sygeplejerske", Area.NORDJYLLAND) == Prospect.SHORTAGE
    assert _balance("Kontorassistent", Area.OESTJYLLAND) == Prospect.LESS_GOOD
    assert set(LabourBalance.objects.values_list("period", flat=True)) == {"2026-2"}


def test_importing_the_same_file_again_changes_nothing():
    balance_import(data=GOOD.encode())
    first = list(LabourBalance.objects.values_list("pk", "imported_at"))
    result = balance_import(data=GOOD.encode())
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert list(LabourBalance.objects.values_list("pk", "imported_at")) == first


def test_a_new_assessment_updates_the_row():
    balance_import(data=GOOD.encode(), period="2026-1")
    changed = GOOD.replace("Hovedstaden;Gode jobmuligheder", "Hovedstaden;Mangel")
    result = balance_import(data=changed.encode(), period="2026-2")
    assert result.updated == 3  # the prospect changed on one, the period on all
    assert _balance("Lagerarbejder", Area.HOVEDSTADEN) == Prospect.SHORTAGE
    assert LabourBalance.objects.count() == 3


def test_synonym_bom_commas_and_english_names_are_accepted():
    text = "\ufeffoccupation,area,prospect\nLagermedarbejder,Region Sjælland,shortage\n"
    result = balance_import(data=text.encode("utf-8"))
    assert result.created == 1
    assert _balance("Lagerarbejder", Area.SJAELLAND) == Prospect.SHORTAGE


def test_the_disco_code_finds_an_occupation_not_named_on_the_list():
    text = "stilling;disco;område;vurdering\nSosu-assistent (ny titel);5321;Fyn;Gode\n"
    result = balance_import(data=text.encode())
    assert result.created == 1
    assert _balance("Social- og sundhedsassistent", Area.FYN) == Prospect.GOOD


def test_each_bad_row_is_reported_by_line_and_the_good_are_imported():
    text = (
        "occupation;disco;area;prospect\n"
        "Lagerarbejder;;Hovedstaden;Gode jobmuligheder\n"  # line 2: good
        "Astronaut;;Hovedstaden;Gode jobmuligheder\n"  # 3: unknown occupation
        "Tømrer;;Mars;Gode jobmuligheder\n"  # 4: unknown area
        "Tømrer;;Fyn;Fremragende\n"  # 5: unknown category
        ";9333;Fyn;Gode\n"  # 6: DISCO fits two occupations
        "\n"  # 7: blank, skipped
        "Lagerarbejder;;Hovedstaden;Mangel\n"  # 8: the same occupation and area again
        "Tømrer;;Fyn;Gode;ekstra\n"  # 9: a field too many
    )
    with translation.override("en"):
        result = balance_import(data=text.encode())
    assert result.saved and result.created == 1
    by_line = {e.line: e.message for e in result.errors}
    assert sorted(by_line) == [3, 4, 5, 6, 8, 9]
    assert "Astronaut" in by_line[3] and "occupation list" in by_line[3]
    assert "Mars" in by_line[4]
    assert "Fremragende" in by_line[5]
    assert "Flyttearbejder" in by_line[6] and "Lagerarbejder" in by_line[6]
    assert "line 2" in by_line[8]
    assert _balance("Lagerarbejder", Area.HOVEDSTADEN) == Prospect.GOOD


def test_all_or_nothing_saves_nothing_when_a_row_is_bad():
    text = GOOD + "Astronaut;;Hovedstaden;Gode jobmuligheder\n"
    result = balance_import(data=text.encode(), all_or_nothing=True)
    assert not result.saved
    assert [e.line for e in result.errors] == [5]
    assert not LabourBalance.objects.exists()


def test_a_file_in_windows_1252_is_refused_with_a_danish_reason():
    with pytest.raises(BalanceFileError) as caught:
        balance_import(data=GOOD.encode("cp1252"))
    assert "UTF-8" in str(caught.value)
    assert not LabourBalance.objects.exists()


def test_doubly_encoded_text_is_refused():
    garbled = GOOD.encode("utf-8").decode("cp1252").encode("utf-8")
    with translation.override("en"), pytest.raises(BalanceFileError) as caught:
        balance_import(data=garbled)
    assert "garbled" in str(caught.value)


def test_a_missing_column_is_named():
    with translation.override("en"), pytest.raises(BalanceFileError) as caught:
        balance_import(data=b"occupation;area\nLagerarbejder;Fyn\n")
    assert "prospect" in str(caught.value)


def test_an_empty_file_is_refused():
    with pytest.raises(BalanceFileError):
        balance_import(data=b"")


def test_the_demo_sample_is_clean_and_covers_the_list_in_two_areas():
    result = balance_import(data=SAMPLE.read_bytes(), all_or_nothing=True)
    assert result.saved and not result.errors
    assert result.created == 2 * Occupation.objects.count()
    assert set(LabourBalance.objects.values_list("area", flat=True)) == {
        Area.HOVEDSTADEN,
        Area.NORDJYLLAND,
    }
    assert set(LabourBalance.objects.values_list("prospect", flat=True)) == set(Prospect.values)


def test_the_command_imports_and_reports(tmp_path, capsys):
    path = tmp_path / "balance.csv"
    path.write_bytes((GOOD + "Astronaut;;Fyn;Gode\n").encode())
    call_command("import_balance", str(path), "--period", "2026-2")
    out, err = capsys.readouterr()
    assert "3 created" in out and "Line 5" in err
    with pytest.raises(CommandError):
        call_command("import_balance", str(path), "--all-or-nothing")
    path.write_bytes(GOOD.encode("cp1252"))
    with pytest.raises(CommandError):
        call_command("import_balance", str(path))
