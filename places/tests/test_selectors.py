"""Postcode centroids, distances, radius and RAR areas, read from an in-memory table."""

import csv
from pathlib import Path

import pytest

from places import selectors
from places.models import Area, Postcode
from places.selectors import area_of, centroid, distance_km, postcodes_within, town_of

DATA = Path(__file__).resolve().parent.parent / "data" / "postcodes.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    selectors.clear_cache()
    yield
    selectors.clear_cache()


def test_the_data_file_is_sound():
    with open(DATA, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert len(rows) >= 250
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert {row["area"] for row in rows} == set(Area.values)
    for row in rows:  # inside Denmark's bounding box
        assert 54.5 < float(row["lat"]) < 57.8, row
        assert 8.0 < float(row["lon"]) < 15.2, row
    for town in ["2605", "2660", "2770", "4000", "4600", "4700", "4300", "5000", "5700", "6700",
                 "6000", "7100", "8000", "8900", "8700", "7400", "7500", "8800", "9000", "9800",
                 "9900", "9990", "9300", "3700"]:  # fmt: skip
        assert town in codes


def test_the_migration_loaded_every_row():
    with open(DATA, encoding="utf-8", newline="") as f:
        assert Postcode.objects.count() == sum(1 for _ in f) - 1
    assert str(Postcode.objects.get(code="2605")) == "2605 Brøndby"


def test_distances_are_plausible():
    assert distance_km("2605", "2605") == 0
    assert 2 < distance_km("2605", "2660") < 4
    assert 10 < distance_km("2605", "1000") < 14
    assert 200 < distance_km("2605", "9000") < 240  # Brøndby to Aalborg as the crow flies
    assert 140 < distance_km("1000", "3700") < 170  # Copenhagen to Rønne
    assert distance_km("2605", "9900") == pytest.approx(distance_km("9900", "2605"))


@pytest.mark.parametrize("code", ["", None, "0000", "abcd", "99999", "0800"])
def test_unknown_codes_give_none(code):
    assert distance_km(code, "2605") is None
    assert centroid(code) is None
    assert area_of(code) is None
    assert postcodes_within(code, 10) == set()


def test_copenhagen_street_codes_resolve_to_their_district():
    assert town_of("1620") == "København V"
    assert town_of("1050") == "København K"
    assert town_of("1850") == "Frederiksberg C"
    assert distance_km("1620", "1500") == 0
    assert town_of("2605") == "Brøndby"
    assert town_of(" 2605 ") == "Brøndby"


def test_an_unlisted_code_resolves_within_its_hundred():
    assert area_of("9901") == Area.NORDJYLLAND
    assert town_of("9901") == "Frederikshavn"


def test_areas():
    assert area_of("2605") == Area.HOVEDSTADEN
    assert area_of("2670") == Area.SJAELLAND  # Greve is in Region Sjælland
    assert area_of("9900") == Area.NORDJYLLAND
    assert area_of("3700") == Area.BORNHOLM
    assert area_of("5000") == Area.FYN
    assert area_of("6700") == Area.SYDJYLLAND
    assert area_of("7400") == Area.VESTJYLLAND
    assert area_of("8000") == Area.OESTJYLLAND


def test_postcodes_within_a_radius():
    near = postcodes_within("2605", 5)
    assert {"2605", "2660", "2600", "2650", "2625"} <= near
    assert "9000" not in near and "4000" not in near
    wider = postcodes_within("2605", 15)
    assert near < wider
    assert {"1000", "1620", "2300"} <= wider  # street codes of København K and V
    alone = postcodes_within("2605", 0)
    assert "2605" in alone and "2660" not in alone and "2600" not in alone


def test_the_table_is_read_once(django_assert_num_queries):
    distance_km("2605", "2660")
    with django_assert_num_queries(0):
        for code in ["1000", "2605", "8000", "9900", "1234"]:
            distance_km("2605", code)
            area_of(code)
        postcodes_within("2605", 30)


def test_an_emptied_table_falls_back_to_the_data_file():
    Postcode.objects.all().delete()  # as a transactional test's flush leaves it
    selectors.clear_cache()
    assert town_of("9900") == "Frederikshavn"
    assert 2 < distance_km("2605", "2660") < 4
