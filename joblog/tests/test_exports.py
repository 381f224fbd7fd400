"""The exports for the unemployment fund hold exactly what the list shows, in Danish Excel's
way: semicolons, a byte-order mark, dates dd-mm-yyyy."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils.translation import override
from openpyxl import load_workbook

from joblog.exports import headers
from joblog.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(citizen, occupation):
    return [
        EntryFactory(
            citizen=citizen,
            occupation=occupation,
            employer="Æbleriet ApS",
            date=date(2026, 3, 4),
            plan="A",
            notes="Første linje\nAnden; linje",
        ),
        EntryFactory(
            citizen=citizen,
            occupation=occupation,
            employer="Bager B",
            date=date(2026, 5, 6),
            plan="B",
        ),
        EntryFactory(
            citizen=citizen,
            occupation=occupation,
            employer="Cafe C",
            date=date(2026, 9, 1),
            plan="A",
        ),
    ]


def rows(response):
    content = response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_danish_headers_semicolons_and_danish_dates(citizen_client, entries):
    response = citizen_client.get(reverse("joblog:export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        "attachment" in response["Content-Disposition"]
        and ".csv" in response["Content-Disposition"]
    )
    table = rows(response)
    with override("da"):
        assert table[0] == headers()
    assert [r[0] for r in table[1:]] == ["01-09-2026", "06-05-2026", "04-03-2026"]
    assert table[3][4] == "Æbleriet ApS" and table[3][-1] == "Første linje\nAnden; linje"


def test_every_export_holds_exactly_the_filtered_entries(citizen_client, entries, other_citizen):
    EntryFactory(citizen=other_citizen, occupation=entries[0].occupation, employer="Fremmed")
    query = {"plan": "A", "fra": "2026-01-01", "til": "2026-06-30"}
    shown = citizen_client.get(reverse("joblog:list"), query).context["page"].object_list
    assert [e.employer for e in shown] == ["Æbleriet ApS"]
    table = rows(citizen_client.get(reverse("joblog:export_csv"), query))
    assert [r[4] for r in table[1:]] == ["Æbleriet ApS"]
    book = load_workbook(
        io.BytesIO(citizen_client.get(reverse("joblog:export_xlsx"), query).content)
    )
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert [r[4] for r in values[1:]] == ["Æbleriet ApS"]
    printed = citizen_client.get(reverse("joblog:print"), query)
    assert [e.employer for e in printed.context["entries"]] == ["Æbleriet ApS"]
    everything = rows(citizen_client.get(reverse("joblog:export_csv")))
    assert len(everything) == 4 and "Fremmed" not in str(everything)


def test_the_excel_file_has_real_dates_and_text_that_is_never_a_formula(
    citizen_client, citizen, occupation
):
    EntryFactory(citizen=citizen, occupation=occupation, employer="=1+1", date=date(2026, 2, 3))
    response = citizen_client.get(reverse("joblog:export_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(values_only=True))
    with override("da"):
        assert list(header) == headers()
    assert row[0].date() == date(2026, 2, 3)
    assert row[4] == "=1+1"
    assert sheet["E2"].data_type == "s"
    assert sheet["A2"].number_format == "DD-MM-YYYY"


def test_the_printable_page_names_the_citizen_and_the_period(citizen_client, citizen, entries):
    page = citizen_client.get(reverse("joblog:print"), {"fra": "2026-01-01", "til": "2026-12-31"})
    html = page.content.decode()
    assert citizen.name in html
    assert page.context["period"] == (date(2026, 1, 1), date(2026, 12, 31))
    assert "04.03.2026" in html and "data-print" in html
    page = citizen_client.get(reverse("joblog:print"))
    assert page.context["period"] == (date(2026, 3, 4), date(2026, 9, 1))
